import { App } from 'antd';
import { useState } from 'react';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { UPDATE_TASK, type TaskView } from './task-query';

/**
 * A status move checked against the version on screen. A CONFLICT (someone else moved the task first)
 * reloads the page and raises `conflict` rather than a toast, so the user re-reads before acting again.
 */
export function useTaskMove(task: Pick<TaskView, 'id' | 'version'> | null | undefined, reload: () => void) {
  const { message } = App.useApp();
  const [move, moving] = useMutation(UPDATE_TASK);
  const [conflict, setConflict] = useState(false);

  const changeStatus = async (to: string, label: string) => {
    if (!task) return;
    setConflict(false);
    try {
      await move({ input: { taskId: task.id, expectedVersion: task.version, status: to as never } });
      message.success(`已${label}`);
      reload();
    } catch (e) {
      const err = asApiError(e);
      if (err.code === 'CONFLICT') {
        setConflict(true);
        reload();
      } else {
        message.error(err.message);
      }
    }
  };
  return { changeStatus, moving, conflict, clearConflict: () => setConflict(false) };
}
