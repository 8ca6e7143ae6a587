import { Card, Tag, Typography } from 'antd';
import { ESCALATION, formatDate, formatDateTime } from '../../labels';
import type { TaskView } from './task-query';

/** 预警与督办记录: every escalation level the task reached; nothing shown when it never did. */
export function EscalationsCard({ escalations }: { escalations: TaskView['escalations'] }) {
  if (escalations.length === 0) return null;
  return (
    <Card title="预警与督办记录" size="small" style={{ marginBottom: 16 }} data-testid="escalations">
      {escalations.map((e) => (
        <div key={e.id} style={{ marginBottom: 4 }}>
          <Tag color={ESCALATION[e.level]?.color}>
            {e.level}级·{ESCALATION[e.level]?.text ?? e.levelName}
          </Tag>
          {formatDateTime(e.raisedAt)}
          <Typography.Text type="secondary">（截止日 {formatDate(e.dueDate)}）</Typography.Text>
        </div>
      ))}
    </Card>
  );
}
