import { DownloadOutlined } from '@ant-design/icons';
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'wouter';
import { asApiError, downloadFile, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import type { ResultOf } from '../../graphql';
import { ESCALATION, ROLE_IN_MEASURE, TASK_STATUS } from '../../labels';
import { ErrorAlert, LightState } from './light-ui';
import { cellTone, DUE_SOON_COLOR, OVERDUE_COLORS, STATUS_COLORS, TONE_CSS } from './matrix-colors';
import { MATRIX, PUBLISHED_PLANS } from './plans-query';
import { TaskDrawer, type Cell, type Opened } from './TaskDrawer';

// The leader's home page, so its first paint carries no antd: the heat map, its legend and figures and the
// drill-down are plain markup and CSS (styles.css). Only the plan picker is antd's Select, loaded once the
// heat map is on screen and the browser is idle (or at once when the picker is used).
const PlanSelect = lazy(() => import('./PlanSelect'));

type MatrixData = ResultOf<typeof MATRIX>['responsibilityMatrix'];

const ROLE_CHAR: Record<string, string> = { LEAD: '牵', COOPERATING: '配', RESPONSIBLE: '责' };

function cellLabel(c: Cell, department: string, measure: string): string {
  const parts = [department, ROLE_IN_MEASURE[c.role]?.text, TASK_STATUS[c.status]?.text];
  if (c.overdue) parts.push('逾期');
  if (c.escalationLevel) parts.push(`${c.escalationLevel}级${ESCALATION[c.escalationLevel]?.text ?? ''}`);
  return `${measure}：${parts.filter(Boolean).join('，')}`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/**
 * The heat map's rows as HTML. Several hundred cells are one string parsed by the browser in a few ms,
 * where React would create, diff and attach them one by one (several times longer on a slow machine);
 * clicks and arrow keys are handled once, on the table. Every text is escaped.
 */
function rowsHtml(data: MatrixData, cellAt: (measureId: string, departmentId: string) => Cell | undefined): string {
  const out: string[] = [];
  let first = true;
  data.measures.forEach((m, r) => {
    const measure = `${m.code} ${m.title}`;
    out.push(`<tr><th scope="row" title="${escape(measure)}">${escape(measure)}</th>`);
    data.departments.forEach((d, c) => {
      const cell = cellAt(m.id, d.id);
      if (!cell) {
        out.push('<td></td>');
        return;
      }
      const label = escape(cellLabel(cell, d.name, measure));
      const kind = cell.role === 'COOPERATING' ? ' coop' : cell.role === 'RESPONSIBLE' ? ' resp' : '';
      const mark = cell.escalationLevel > 0 ? String(cell.escalationLevel) : (ROLE_CHAR[cell.role] ?? '');
      out.push(
        `<td><button type="button" class="cell ${cellTone(cell)}${kind}" data-task="${escape(cell.taskId)}" ` +
          `data-r="${r}" data-c="${c}" tabindex="${first ? 0 : -1}" title="${label}" aria-label="${label}">` +
          `${escape(mark)}</button></td>`,
      );
      first = false;
    });
    out.push('</tr>');
  });
  return out.join('');
}

interface GridProps {
  data: MatrixData;
  onOpen(cell: Cell): void;
}

/**
 * The heat map itself: rows are measures, columns departments; one tab stop (the first cell), arrow keys
 * move between cells, Enter or a click opens a cell's task.
 */
const MatrixGrid = memo(function MatrixGrid({ data, onOpen }: GridProps) {
  const tableRef = useRef<HTMLTableElement>(null);
  const cellsOf = useMemo(() => {
    const map = new Map<string, Cell>();
    for (const c of data.cells) map.set(c.taskId, c);
    return map;
  }, [data]);
  const body = useMemo(() => {
    const byKey = new Map<string, Cell>();
    for (const c of data.cells) byKey.set(`${c.measureId}|${c.departmentId}`, c);
    return { __html: rowsHtml(data, (measureId, departmentId) => byKey.get(`${measureId}|${departmentId}`)) };
  }, [data]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableElement>) => {
      const moves: Record<string, [number, number]> = {
        ArrowUp: [-1, 0],
        ArrowDown: [1, 0],
        ArrowLeft: [0, -1],
        ArrowRight: [0, 1],
      };
      const move = moves[e.key];
      const target = e.target as HTMLElement;
      if (!move || !target.dataset.r) return;
      e.preventDefault();
      let r = Number(target.dataset.r);
      let c = Number(target.dataset.c);
      const rows = data.measures.length;
      const cols = data.departments.length;
      for (;;) {
        r += move[0];
        c += move[1];
        if (r < 0 || c < 0 || r >= rows || c >= cols) return;
        const next = tableRef.current?.querySelector<HTMLButtonElement>(`button[data-r="${r}"][data-c="${c}"]`);
        if (next) {
          target.tabIndex = -1;
          next.tabIndex = 0;
          next.focus();
          return;
        }
      }
    },
    [data],
  );

  return (
    <>
      <style>{TONE_CSS}</style>
      <table
        className="matrix"
        ref={tableRef}
        onKeyDown={onKeyDown}
        onClick={(e) => {
          const id = (e.target as HTMLElement).closest<HTMLElement>('button[data-task]')?.dataset.task;
          const cell = id ? cellsOf.get(id) : undefined;
          if (cell) onOpen(cell);
        }}
        aria-label="责任矩阵：行为措施，列为部门"
        data-testid="matrix"
      >
        <thead>
          <tr>
            <th className="corner" scope="col">
              措施 \ 部门
            </th>
            {data.departments.map((d) => (
              <th key={d.id} scope="col" title={d.name}>
                {d.shortName || d.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody dangerouslySetInnerHTML={body} />
      </table>
    </>
  );
});

function Legend() {
  const swatch = (color: string, text: string, extra?: string) => (
    <span key={text}>
      <i style={{ background: color }} className={extra} />
      {text}
    </span>
  );
  return (
    <div className="legend" aria-label="图例">
      {swatch(STATUS_COLORS.NOT_STARTED!, '未开始')}
      {swatch(STATUS_COLORS.IN_PROGRESS!, '进行中')}
      {swatch(STATUS_COLORS.PENDING_REVIEW!, '待审核')}
      {swatch(STATUS_COLORS.COMPLETED!, '已完成')}
      {swatch(DUE_SOON_COLOR, '临期')}
      {swatch(OVERDUE_COLORS[2]!, '逾期')}
      {swatch(OVERDUE_COLORS[3]!, '3级督办')}
      {swatch(OVERDUE_COLORS[4]!, '4级纳入考核')}
      <span>格内：牵＝牵头、配＝配合（斜纹）、责＝负责；数字＝督办等级</span>
    </div>
  );
}

interface PickerWish {
  focus: boolean;
  open: boolean;
}

/** The plan picker's look until antd's Select has arrived; using it asks for the real one at once. */
function PickerShell({ title, onWish }: { title: string | undefined; onWish(wish: PickerWish): void }) {
  return (
    <button
      type="button"
      className={`select-shell plan-select${title ? '' : ' placeholder'}`}
      aria-label="选择规划"
      aria-haspopup="listbox"
      aria-busy="true"
      onFocus={() => onWish({ focus: true, open: false })}
      onClick={() => onWish({ focus: true, open: true })}
    >
      <span>{title ?? '选择规划'}</span>
    </button>
  );
}

/** Runs `then` once the browser is idle (after the current paint), at most `timeout` ms later. */
function whenIdle(then: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(then, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(then, 50);
  return () => clearTimeout(id);
}

/** 责任矩阵: departments × measures of a plan, coloured by status, overdue and escalation level. */
export default function Matrix() {
  const [params, setParams] = useSearchParams();
  const paramPlan = params.get('plan');
  // With ?plan= the plan list only fills the picker: asked for once the heat map is in, not beside it.
  const [plansWanted, setPlansWanted] = useState(!paramPlan);
  const plans = useQuery(PUBLISHED_PLANS, {}, { skip: !plansWanted && !!paramPlan });
  const planId = paramPlan ?? plans.data?.plans[0]?.id ?? null;
  const q = useQuery(MATRIX, { planId: planId ?? '' }, { skip: !planId });
  // The opened cell belongs to its plan: picking another plan closes the drill-down.
  const [open, setOpen] = useState<(Opened & { planId: string }) | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const [picker, setPicker] = useState<PickerWish | null>(null);
  const data = q.data?.responsibilityMatrix;
  const current = data && data.plan.id === planId ? data : undefined;
  const noPlans = !!plans.data && plans.data.plans.length === 0;
  const settled = !!current || !!plans.error || !!q.error || noPlans;

  useEffect(() => {
    if (settled || picker) setPlansWanted(true);
  }, [settled, picker]);
  // antd's Select only once the page has settled and painted: never in the way of the heat map.
  useEffect(() => {
    if (!settled || picker) return;
    return whenIdle(() => setPicker((p) => p ?? { focus: false, open: false }), 1000);
  }, [settled, picker]);

  const onOpen = useCallback(
    (c: Cell) => {
      if (!current) return;
      const measure = current.measures.find((m) => m.id === c.measureId);
      const department = current.departments.find((d) => d.id === c.departmentId);
      if (measure && department) setOpen({ cell: c, measure, department: department.name, planId: current.plan.id });
    },
    [current],
  );

  const stats = useMemo(() => {
    const cells = current?.cells ?? [];
    return {
      total: cells.length,
      overdue: cells.filter((c) => c.overdue).length,
      supervised: cells.filter((c) => c.escalationLevel >= 3).length,
      completed: cells.filter((c) => c.status === 'COMPLETED').length,
    };
  }, [current]);

  const download = async () => {
    if (!planId) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadFile(`/exports/plans/${planId}/responsibility-matrix.xlsx`, '责任矩阵.xlsx');
    } catch (e) {
      setDownloadError(asApiError(e));
    } finally {
      setDownloading(false);
    }
  };

  const plan = plans.data?.plans.find((p) => p.id === planId);
  const shownTitle = plan
    ? `${plan.title}（${plan.taskCount} 项任务）`
    : current && `${current.plan.title}（${current.cells.length} 项任务）`;
  const shell = <PickerShell title={shownTitle} onWish={(w) => setPicker((p) => ({ ...p, ...w }))} />;

  return (
    <div>
      <h1 className="page-title">责任矩阵</h1>
      <div className="toolbar">
        <Suspense fallback={shell}>
          {picker ? (
            <PlanSelect
              plans={plans.data?.plans ?? []}
              loading={plans.loading}
              value={planId}
              onChange={(v) => setParams({ plan: v }, { replace: true })}
              focusNow={picker.focus}
              openNow={picker.open}
            />
          ) : (
            shell
          )}
        </Suspense>
        <button type="button" className="btn" onClick={download} disabled={!planId || downloading}>
          {downloading ? (
            <span className="spinner" style={{ width: 14, height: 14, borderWidth: 2 }} />
          ) : (
            <DownloadOutlined />
          )}
          导出 Excel
        </button>
      </div>
      {downloadError && <ErrorAlert title="下载失败" error={downloadError} />}
      <LightState
        loading={(!planId && plans.loading) || (q.loading && !current)}
        error={plans.error ?? q.error}
        hasData={!!current}
        onRetry={plans.error ? plans.reload : q.reload}
        empty={noPlans}
        emptyText="还没有已发布的规划"
      >
        {current && (
          <>
            <div className="stats" data-testid="matrix-stats">
              <span>任务 {stats.total}</span>
              <span>已完成 {stats.completed}</span>
              <span className="text-danger">逾期 {stats.overdue}</span>
              <span className="text-danger">督办 {stats.supervised}</span>
              <span>
                {current.measures.length} 项措施 × {current.departments.length} 个单位
              </span>
            </div>
            <Legend />
            {current.cells.length === 0 ? (
              <div className="empty">该规划还没有任务</div>
            ) : (
              <div className="matrix-wrap" style={{ marginTop: 8 }}>
                <MatrixGrid data={current} onOpen={onOpen} />
              </div>
            )}
          </>
        )}
      </LightState>
      <TaskDrawer opened={open && open.planId === planId ? open : null} onClose={() => setOpen(null)} />
    </div>
  );
}
