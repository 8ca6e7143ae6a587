import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Drawer, Empty, Progress, Select, Space, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { asApiError, downloadFile } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { AlertTags, RoleTag, StatusTag } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { dueText, ESCALATION, formatDate, formatDateTime, ROLE_IN_MEASURE, TASK_STATUS } from '../../labels';
import { MATRIX, PUBLISHED_PLANS } from './plans-query';
import { cellColor, DUE_SOON_COLOR, OVERDUE_COLORS, STATUS_COLORS } from './matrix-colors';

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

type MatrixData = ResultOf<typeof MATRIX>['responsibilityMatrix'];
type Cell = MatrixData['cells'][number];

const ROLE_CHAR: Record<string, string> = { LEAD: '牵', COOPERATING: '配', RESPONSIBLE: '责' };

function cellLabel(c: Cell, department: string, measure: string): string {
  const parts = [department, ROLE_IN_MEASURE[c.role]?.text, TASK_STATUS[c.status]?.text];
  if (c.overdue) parts.push('逾期');
  if (c.escalationLevel) parts.push(`${c.escalationLevel}级${ESCALATION[c.escalationLevel]?.text ?? ''}`);
  return `${measure}：${parts.filter(Boolean).join('，')}`;
}

interface GridProps {
  data: MatrixData;
  onOpen(cell: Cell): void;
}

/** The heat map itself: rows are measures, columns departments; arrow keys move between cells. */
const MatrixGrid = memo(function MatrixGrid({ data, onOpen }: GridProps) {
  const tableRef = useRef<HTMLTableElement>(null);
  const byKey = useMemo(() => {
    const map = new Map<string, Cell>();
    for (const c of data.cells) map.set(`${c.measureId}|${c.departmentId}`, c);
    return map;
  }, [data]);
  const cellsOf = useMemo(() => {
    const map = new Map<string, Cell>();
    for (const c of data.cells) map.set(c.taskId, c);
    return map;
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

  let first = true;
  return (
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
      <tbody>
        {data.measures.map((m, r) => (
          <tr key={m.id}>
            <th scope="row" title={`${m.code} ${m.title}`}>
              {m.code} {m.title}
            </th>
            {data.departments.map((d, c) => {
              const cell = byKey.get(`${m.id}|${d.id}`);
              if (!cell) return <td key={d.id} />;
              const tabIndex = first ? 0 : -1;
              first = false;
              return (
                <td key={d.id}>
                  <button
                    type="button"
                    className={`cell${cell.role === 'COOPERATING' ? ' coop' : ''}`}
                    style={{
                      background: cellColor(cell),
                      boxShadow: cell.role === 'RESPONSIBLE' ? 'inset 0 0 0 2px rgba(255,255,255,.7)' : undefined,
                    }}
                    data-task={cell.taskId}
                    data-r={r}
                    data-c={c}
                    tabIndex={tabIndex}
                    title={cellLabel(cell, d.name, `${m.code} ${m.title}`)}
                    aria-label={cellLabel(cell, d.name, `${m.code} ${m.title}`)}
                  >
                    {cell.escalationLevel > 0 ? cell.escalationLevel : ROLE_CHAR[cell.role]}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

interface Opened {
  cell: Cell;
  measure: { code: string; title: string };
  department: string;
}

/** The task behind a cell: what the matrix knows at once, the rest (text, progress, latest report) as it loads. */
function TaskDrawer({ opened, onClose }: { opened: Opened | null; onClose(): void }) {
  const cell = opened?.cell ?? null;
  const q = useQuery(TASK_BRIEF, { id: cell?.taskId ?? '' }, { skip: !cell });
  const task = q.data?.task && q.data.task.id === cell?.taskId ? q.data.task : undefined;
  const latest = task?.reports[0];
  return (
    <Drawer
      open={!!opened}
      onClose={onClose}
      title="任务详情"
      size={440}
      data-testid="matrix-drawer"
      extra={
        cell && (
          <Link to={`/tasks/${cell.taskId}`}>
            <Button type="primary">打开任务</Button>
          </Link>
        )
      }
    >
      {opened && cell && (
        <>
          <Typography.Title level={5} data-testid="drawer-title">
            {opened.measure.code} {opened.measure.title}
          </Typography.Title>
          <Space wrap style={{ marginBottom: 8 }}>
            <RoleTag role={cell.role} />
            <StatusTag status={cell.status} />
            <AlertTags overdue={cell.overdue} escalationLevel={cell.escalationLevel} />
          </Space>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'd', label: '责任单位', children: opened.department },
              ...(task
                ? [
                    {
                      key: 'due',
                      label: '截止日期',
                      children: `${formatDate(task.dueDate)}（${dueText(task.dueDate)}）`,
                    },
                    {
                      key: 'p',
                      label: '完成进度',
                      children: <Progress percent={task.progressPercent} size="small" />,
                    },
                  ]
                : []),
            ]}
          />
          <PageState loading={q.loading} error={q.error} hasData={!!task} onRetry={q.reload}>
            {task && (
              <>
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>
                  {task.measure.text}
                </Typography.Paragraph>
                <Card size="small" title="最新进展">
                  {latest ? (
                    <>
                      <div style={{ color: '#888' }}>
                        {formatDateTime(latest.submittedAt)} · 完成 {latest.progressPercent}%
                      </div>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{latest.narrative}</div>
                    </>
                  ) : (
                    <Empty description="尚未报送进展" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                  )}
                </Card>
              </>
            )}
          </PageState>
        </>
      )}
    </Drawer>
  );
}

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

/** 责任矩阵: departments × measures of a plan, coloured by status, overdue and escalation level. */
export default function Matrix() {
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const plans = useQuery(PUBLISHED_PLANS, {});
  const planId = params.get('plan') ?? plans.data?.plans[0]?.id ?? null;
  const q = useQuery(MATRIX, { planId: planId ?? '' }, { skip: !planId });
  const [open, setOpen] = useState<Opened | null>(null);
  const [downloading, setDownloading] = useState(false);
  const data = q.data?.responsibilityMatrix;
  const current = data && data.plan.id === planId ? data : undefined;

  useEffect(() => setOpen(null), [planId]);
  const onOpen = useCallback(
    (c: Cell) => {
      const measure = current?.measures.find((m) => m.id === c.measureId);
      const department = current?.departments.find((d) => d.id === c.departmentId);
      if (measure && department) setOpen({ cell: c, measure, department: department.name });
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
    try {
      await downloadFile(`/exports/plans/${planId}/responsibility-matrix.xlsx`, '责任矩阵.xlsx');
    } catch (e) {
      message.error(`下载失败：${asApiError(e).message}`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div>
      <h1 className="page-title">责任矩阵</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 420, maxWidth: '100%' }}
          placeholder="选择规划"
          aria-label="选择规划"
          loading={plans.loading}
          value={planId ?? undefined}
          onChange={(v) => setParams({ plan: v }, { replace: true })}
          showSearch={{ optionFilterProp: 'label' }}
          options={(plans.data?.plans ?? []).map((p) => ({
            value: p.id,
            label: `${p.title}（${p.taskCount} 项任务）`,
          }))}
          data-testid="matrix-plan"
        />
        <Button icon={<DownloadOutlined />} onClick={download} loading={downloading} disabled={!planId}>
          导出 Excel
        </Button>
      </Space>
      <PageState
        loading={plans.loading || (q.loading && !current)}
        error={plans.error ?? q.error}
        hasData={!!current}
        onRetry={plans.error ? plans.reload : q.reload}
        empty={!!plans.data && plans.data.plans.length === 0}
        emptyText="还没有已发布的规划"
      >
        {current && (
          <>
            <Space wrap size="large" style={{ marginBottom: 8 }} data-testid="matrix-stats">
              <span>任务 {stats.total}</span>
              <span>已完成 {stats.completed}</span>
              <Typography.Text type="danger">逾期 {stats.overdue}</Typography.Text>
              <Typography.Text type="danger">督办 {stats.supervised}</Typography.Text>
              <span>
                {current.measures.length} 项措施 × {current.departments.length} 个单位
              </span>
            </Space>
            <Legend />
            {current.cells.length === 0 ? (
              <Empty description="该规划还没有任务" />
            ) : (
              <div className="matrix-wrap" style={{ marginTop: 8 }}>
                <MatrixGrid data={current} onOpen={onOpen} />
              </div>
            )}
          </>
        )}
      </PageState>
      <TaskDrawer opened={open} onClose={() => setOpen(null)} />
    </div>
  );
}
