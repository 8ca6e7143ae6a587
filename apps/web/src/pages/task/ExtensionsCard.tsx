import { Card, Tag, Typography } from 'antd';
import { EXTENSION_STATUS, formatDate } from '../../labels';
import { ExtensionForm } from './ExtensionForm';
import type { TaskView } from './task-query';

/** 延期申请: past requests, and the form while the task is the viewer's, open, with none pending. */
export function ExtensionsCard({
  task,
  ownTask,
  open,
  onDone,
}: {
  task: Pick<TaskView, 'id' | 'dueDate' | 'extensionRequests'>;
  ownTask: boolean;
  open: boolean;
  onDone(): void;
}) {
  return (
    <Card title="延期申请" size="small" style={{ marginBottom: 16 }}>
      {task.extensionRequests.map((x) => (
        <div key={x.id} style={{ marginBottom: 8 }}>
          <Tag color={EXTENSION_STATUS[x.status]?.color}>{EXTENSION_STATUS[x.status]?.text}</Tag>
          {formatDate(x.currentDueDate)} → {formatDate(x.requestedDueDate)}
          <div style={{ color: '#666' }}>理由：{x.reason}</div>
          {x.decisionComment && <div style={{ color: '#666' }}>审批意见：{x.decisionComment}</div>}
        </div>
      ))}
      {task.extensionRequests.length === 0 && !ownTask && (
        <Typography.Text type="secondary">没有延期申请</Typography.Text>
      )}
      {ownTask && open && !task.extensionRequests.some((x) => x.status === 'PENDING') && (
        <ExtensionForm taskId={task.id} dueDate={task.dueDate} onDone={onDone} />
      )}
    </Card>
  );
}
