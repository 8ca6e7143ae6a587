import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { AlertTags, NoticeTag, RoleTag, StatusTag } from '../../components/tags';
import { dueText, formatDate } from '../../labels';
import { ReviewActions } from './ReviewActions';
import type { TaskView } from './task-query';

const MOVES: Record<string, { to: string; label: string; hint: string }[]> = {
  NOT_STARTED: [{ to: 'IN_PROGRESS', label: '开始办理', hint: '将任务标记为进行中' }],
  IN_PROGRESS: [{ to: 'PENDING_REVIEW', label: '提交审核', hint: '办结后提交督查室审核' }],
};

interface StatusCardProps {
  task: TaskView;
  ownTask: boolean;
  office: boolean;
  open: boolean;
  moving: boolean;
  onMove(to: string, label: string): void;
  onReviewed(): void;
}

/** 办理情况: where the task stands, the moves its department may make, the office's review. */
export function StatusCard({ task, ownTask, office, open, moving, onMove, onReviewed }: StatusCardProps) {
  return (
    <Card title="办理情况" size="small" style={{ marginBottom: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <RoleTag role={task.role} />
        <StatusTag status={task.status} />
        <AlertTags overdue={task.overdue} escalationLevel={task.escalationLevel} />
        <NoticeTag notice={task.openNotice} />
      </Space>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'dept', label: '责任单位', children: task.department.name },
          {
            key: 'due',
            label: '截止日期',
            children: (
              <span data-testid="due-date">
                {formatDate(task.dueDate)}
                {open && (
                  <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
                    （{dueText(task.dueDate)}）
                  </Typography.Text>
                )}
              </span>
            ),
          },
          ...(task.originalDueDate !== task.dueDate
            ? [{ key: 'orig', label: '原截止日期', children: formatDate(task.originalDueDate) }]
            : []),
          {
            key: 'progress',
            label: '完成进度',
            children: <Progress percent={task.progressPercent} size="small" style={{ minWidth: 120 }} />,
          },
        ]}
      />
      {ownTask &&
        (MOVES[task.status] ?? []).map((m) => (
          <Button
            key={m.to}
            type="primary"
            block
            loading={moving}
            onClick={() => onMove(m.to, m.label)}
            title={m.hint}
            style={{ marginTop: 8 }}
          >
            {m.label}
          </Button>
        ))}
      {ownTask && task.status === 'PENDING_REVIEW' && (
        <Alert style={{ marginTop: 8 }} type="info" showIcon title="已提交督查室审核，请等待审核结果" />
      )}
      {office && task.status === 'PENDING_REVIEW' && <ReviewActions taskId={task.id} onDone={onReviewed} />}
    </Card>
  );
}
