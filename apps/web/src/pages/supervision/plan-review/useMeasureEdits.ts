import { App } from 'antd';
import { asApiError } from '../../../api/client';
import { useMutation } from '../../../api/hooks';
import { ADD, CHANGE_ROLE, REMOVE, SET_DEADLINE, type Measure } from './plan-review-queries';

/**
 * The draft edits of one measure. Each returns the whole measure as the server now has it, handed to
 * `onChanged` so the page replaces it in place rather than reloading the plan.
 */
export function useMeasureEdits(onChanged: (m: Measure) => void) {
  const { message } = App.useApp();
  const [add, adding] = useMutation(ADD);
  const [remove, removing] = useMutation(REMOVE);
  const [changeRole, changing] = useMutation(CHANGE_ROLE);
  const [setDeadline, settingDeadline] = useMutation(SET_DEADLINE);

  const run = async <T>(action: () => Promise<T>, pick: (r: T) => Measure, done: string) => {
    try {
      onChanged(pick(await action()));
      message.success(done);
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  return {
    busy: adding || removing || changing || settingDeadline,
    addAssignment: (vars: Parameters<typeof add>[0]) =>
      run(
        () => add(vars),
        (r) => r.addAssignment,
        '已添加责任单位',
      ),
    removeAssignment: (assignmentId: string) =>
      run(
        () => remove({ assignmentId }),
        (r) => r.removeAssignment,
        '已移除',
      ),
    changeRole: (vars: Parameters<typeof changeRole>[0]) =>
      run(
        () => changeRole(vars),
        (r) => r.changeAssignmentRole,
        '已修改角色',
      ),
    setDeadline: (vars: Parameters<typeof setDeadline>[0]) =>
      run(
        () => setDeadline(vars),
        (r) => r.setMeasureDeadline,
        '已设定完成时限',
      ),
  };
}

export type MeasureEdits = ReturnType<typeof useMeasureEdits>;
