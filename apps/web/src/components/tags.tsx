import { Tag } from 'antd';
import { ESCALATION, ROLE_IN_MEASURE, TASK_STATUS } from '../labels';

export function StatusTag({ status }: { status: string }) {
  const s = TASK_STATUS[status] ?? { text: status, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}

export function RoleTag({ role }: { role: string }) {
  const r = ROLE_IN_MEASURE[role] ?? { text: role, color: 'default' };
  return <Tag color={r.color}>{r.text}</Tag>;
}

/** 逾期 and the escalation level, or nothing when neither applies. */
export function AlertTags({ overdue, escalationLevel }: { overdue: boolean; escalationLevel: number }) {
  const level = ESCALATION[escalationLevel];
  return (
    <>
      {overdue && (
        <Tag color="error" data-testid="overdue-tag">
          逾期
        </Tag>
      )}
      {level && (
        <Tag color={level.color} data-testid="escalation-tag">
          {escalationLevel}级·{level.text}
        </Tag>
      )}
    </>
  );
}
