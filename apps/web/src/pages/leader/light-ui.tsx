// Plain-markup stand-ins for the few antd pieces the matrix shows before antd has loaded (styles.css):
// loading, error and empty states and the tags of the drill-down. They look like antd's, weigh nothing.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../../api/client';
import { ESCALATION, ROLE_IN_MEASURE, TASK_STATUS } from '../../labels';

export function Skeleton() {
  return (
    <div className="skeleton" aria-busy="true" aria-live="polite">
      <span className="sr-only">正在加载…</span>
      <i />
      <i />
      <i />
      <i />
      <i />
    </div>
  );
}

export function ErrorAlert({ title, error, onRetry }: { title: string; error: ApiError; onRetry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <div>
        <strong>{title}</strong>
        {error.message}
      </div>
      {onRetry && (
        <button type="button" className="btn" style={{ height: 24, padding: '0 7px' }} onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

/** What every page shows while loading, on failure, or with nothing to show (components/PageState, light). */
export function LightState(props: {
  loading: boolean;
  error?: ApiError | undefined;
  empty?: boolean;
  emptyText?: string;
  hasData: boolean;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { loading, error, empty, emptyText, hasData, onRetry, children } = props;
  if (error && !hasData) return <ErrorAlert title="加载失败" error={error} onRetry={onRetry} />;
  if (loading && !hasData) return <Skeleton />;
  return (
    <>
      {error && <ErrorAlert title="刷新失败" error={error} onRetry={onRetry} />}
      {empty ? <div className="empty">{emptyText ?? '暂无数据'}</div> : children}
    </>
  );
}

function Tag({ color, children, testId }: { color: string; children: ReactNode; testId?: string }) {
  return (
    <span className={`tag tag-${color}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function StatusTag({ status }: { status: string }) {
  const s = TASK_STATUS[status] ?? { text: status, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}

export function RoleTag({ role }: { role: string }) {
  const r = ROLE_IN_MEASURE[role] ?? { text: role, color: 'default' };
  return <Tag color={r.color}>{r.text}</Tag>;
}

/** 被督办 with the notice's number, linking to the notice (the notices page, scrolled to it). */
export function NoticeTag({ notice }: { notice: { id: string; number: string } | null | undefined }) {
  if (!notice) return null;
  return (
    <Link to={`/notices?notice=${encodeURIComponent(notice.id)}`} data-testid="supervised-tag">
      <Tag color="volcano">被督办 {notice.number}</Tag>
    </Link>
  );
}

/** 逾期 and the escalation level, or nothing when neither applies. */
export function AlertTags({ overdue, escalationLevel }: { overdue: boolean; escalationLevel: number }) {
  const level = ESCALATION[escalationLevel];
  return (
    <>
      {overdue && (
        <Tag color="error" testId="overdue-tag">
          逾期
        </Tag>
      )}
      {level && (
        <Tag color={level.color} testId="escalation-tag">
          {escalationLevel}级·{level.text}
        </Tag>
      )}
    </>
  );
}
