import { Tag } from 'antd';
import { Link } from 'wouter';
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

/** 被督办: the open notice a task is under, with its number, linking to the notice. */
export function NoticeTag({ notice }: { notice: { id: string; number: string } | null | undefined }) {
  if (!notice) return null;
  return (
    <Link to={noticePath(notice.id)} data-testid="supervised-tag" aria-label={`被督办，督办单 ${notice.number}`}>
      <Tag color="volcano" style={{ cursor: 'pointer' }}>
        被督办 {notice.number}
      </Tag>
    </Link>
  );
}

/** The notices page with one notice shown (and scrolled to). */
export function noticePath(noticeId: string): string {
  return `/notices?notice=${encodeURIComponent(noticeId)}`;
}
