import { CloseOutlined } from '@ant-design/icons';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { useQuery } from '../../api/hooks';
import { graphql, type ResultOf } from '../../graphql';
import { dueText, formatDate, formatDateTime } from '../../labels';
import { MATRIX } from './plans-query';
import { AlertTags, LightState, NoticeTag, RoleTag, StatusTag } from './light-ui';

const TASK_BRIEF = graphql(`
  query MatrixTask($id: ID!) {
    task(id: $id) {
      id
      status
      role
      progressPercent
      dueDate
      overdue
      escalationLevel
      openNotice {
        id
        number
      }
      department {
        id
        name
      }
      measure {
        id
        code
        title
        text
      }
      reports {
        id
        progressPercent
        narrative
        submittedAt
      }
    }
  }
`);

export type Cell = ResultOf<typeof MATRIX>['responsibilityMatrix']['cells'][number];

export interface Opened {
  cell: Cell;
  measure: { code: string; title: string };
  department: string;
}

function Meter({ percent }: { percent: number }) {
  return (
    <span
      className={`meter${percent >= 100 ? ' done' : ''}`}
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <span>
        <span style={{ width: `${percent}%` }} />
      </span>
      <span>{percent}%</span>
    </span>
  );
}

/**
 * The task behind a cell, in a panel from the right (antd Drawer's look, plain markup so that it opens at
 * once, with no antd to load): what the matrix knows at once, the rest (text, progress, latest report) as
 * it loads. Escape or the mask closes it; Tab stays inside while open, and focus returns to the cell after.
 */
export function TaskDrawer({ opened, onClose }: { opened: Opened | null; onClose(): void }) {
  const cell = opened?.cell ?? null;
  const q = useQuery(TASK_BRIEF, { id: cell?.taskId ?? '' }, { skip: !cell });
  const task = q.data?.task && q.data.task.id === cell?.taskId ? q.data.task : undefined;
  const latest = task?.reports[0];
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const open = !!opened;

  useEffect(() => {
    if (!open) return;
    const back = document.activeElement as HTMLElement | null;
    const onEscape = (e: globalThis.KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', onEscape);
    // No scroll lock on <body> (antd's Drawer has one): toggling the page's scroll bar would lay the whole
    // heat map out again, the most expensive thing on this page. The mask covers the page meanwhile.
    panel.current?.focus({ preventScroll: true });
    return () => {
      window.removeEventListener('keydown', onEscape);
      if (back?.isConnected) back.focus({ preventScroll: true });
    };
  }, [open]);

  if (!opened || !cell) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab') return;
    const focusable = [
      ...(panel.current?.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), [tabindex="0"]') ?? []),
    ];
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      <div className="drawer-mask" onClick={onClose} />
      <div
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="matrix-drawer-heading"
        tabIndex={-1}
        ref={panel}
        onKeyDown={onKeyDown}
        data-testid="matrix-drawer"
      >
        <div className="drawer-header">
          <button type="button" className="btn btn-text btn-icon" aria-label="关闭" onClick={onClose}>
            <CloseOutlined />
          </button>
          <h2 id="matrix-drawer-heading">任务详情</h2>
          <Link to={`/tasks/${cell.taskId}`} className="btn btn-primary">
            打开任务
          </Link>
        </div>
        <div className="drawer-body">
          <h3 data-testid="drawer-title">
            {opened.measure.code} {opened.measure.title}
          </h3>
          <div className="drawer-tags">
            <RoleTag role={cell.role} />
            <StatusTag status={cell.status} />
            <AlertTags overdue={cell.overdue} escalationLevel={cell.escalationLevel} />
            <NoticeTag notice={task?.openNotice} />
          </div>
          <dl className="facts">
            <div>
              <dt>责任单位</dt>
              <dd>{opened.department}</dd>
            </div>
            {task && (
              <>
                <div>
                  <dt>截止日期</dt>
                  <dd>
                    {formatDate(task.dueDate)}（{dueText(task.dueDate)}）
                  </dd>
                </div>
                <div>
                  <dt>完成进度</dt>
                  <dd>
                    <Meter percent={task.progressPercent} />
                  </dd>
                </div>
              </>
            )}
          </dl>
          <LightState loading={q.loading} error={q.error} hasData={!!task} onRetry={q.reload}>
            {task && (
              <>
                <p className="measure-text">{task.measure.text}</p>
                <section className="panel">
                  <h4>最新进展</h4>
                  <div>
                    {latest ? (
                      <>
                        <div style={{ color: '#888' }}>
                          {formatDateTime(latest.submittedAt)} · 完成 {latest.progressPercent}%
                        </div>
                        <div style={{ whiteSpace: 'pre-wrap' }}>{latest.narrative}</div>
                      </>
                    ) : (
                      <div className="empty">尚未报送进展</div>
                    )}
                  </div>
                </section>
              </>
            )}
          </LightState>
        </div>
      </div>
    </>
  );
}
