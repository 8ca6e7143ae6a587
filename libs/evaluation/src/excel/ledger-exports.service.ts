import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, isCalendarDate, shanghaiToday } from '@app/common';
import { UserRole, type AccessScope } from '@app/auth';
import type { AssignmentRole } from '@app/plans';
import { Task, TaskAccess, TaskIndicators, type TaskStatus } from '@app/tasks';
import { INDICATOR_SHEET, INDICATORS, LEDGER } from './ledger-columns.js';
import { LEVEL_NAME, ROLE_NAME, STATUS_NAME } from './labels.js';
import { XlsxBuilder, type SheetColumn } from './workbook.js';

/** More rows than this is no ledger anyone reads: narrow it by plan or department. */
export const MAX_LEDGER_ROWS = 50_000;

interface LedgerRow {
  id: string;
  version: number;
  plan: string;
  code: string;
  measure: string;
  department: string;
  role: AssignmentRole;
  dueDate: string;
  originalDueDate: string;
  daysOverdue: number;
  status: TaskStatus;
  progress: number;
  escalationLevel: number;
  notices: string | null;
  openNotice: string | null;
  reportedOn: string | null;
  lastNarrative: string | null;
  lastFiles: string | null;
}

export interface LedgerFilter {
  planId?: string | null;
  departmentId?: string | null;
}

const OVERDUE_COLUMNS: SheetColumn<LedgerRow & { n: number }>[] = [
  { header: '序号', value: (r) => r.n },
  { header: '任务ID', value: (r) => r.id },
  { header: '规划', value: (r) => r.plan },
  { header: '措施编号', value: (r) => r.code },
  { header: '措施', value: (r) => r.measure },
  { header: '责任单位', value: (r) => r.department },
  { header: '角色', value: (r) => ROLE_NAME[r.role] },
  { header: '期限', value: (r) => r.dueDate },
  { header: '原定期限', value: (r) => r.originalDueDate },
  { header: '逾期天数', value: (r) => r.daysOverdue },
  { header: '状态', value: (r) => STATUS_NAME[r.status] },
  { header: '进度(%)', value: (r) => r.progress },
  { header: '预警级别', value: (r) => LEVEL_NAME[r.escalationLevel] || null },
  { header: '督办单', value: (r) => r.notices },
  { header: '最近报告', value: (r) => r.reportedOn },
  { header: '最近进展', value: (r) => r.lastNarrative },
  { header: '佐证材料', value: (r) => r.lastFiles },
];

const DEPARTMENT_COLUMNS: SheetColumn<LedgerRow>[] = [
  { header: LEDGER.taskId, value: (r) => r.id },
  { header: LEDGER.version, value: (r) => r.version },
  { header: LEDGER.plan, value: (r) => r.plan },
  { header: LEDGER.code, value: (r) => r.code },
  { header: LEDGER.measure, value: (r) => r.measure },
  { header: LEDGER.role, value: (r) => ROLE_NAME[r.role] },
  { header: LEDGER.dueDate, value: (r) => r.dueDate },
  { header: LEDGER.status, value: (r) => STATUS_NAME[r.status] },
  { header: LEDGER.currentProgress, value: (r) => r.progress },
  { header: LEDGER.narrative, value: () => null, input: true },
  { header: LEDGER.problems, value: () => null, input: true },
  { header: LEDGER.nextSteps, value: () => null, input: true },
  { header: LEDGER.progress, value: () => null, input: true },
  // Last: the columns before it keep the places filled-in ledgers of earlier downloads have.
  { header: LEDGER.notice, value: (r) => r.openNotice },
];
const PROGRESS_COLUMN = DEPARTMENT_COLUMNS.findIndex((c) => c.header === LEDGER.progress);

interface IndicatorRow {
  taskId: string;
  plan: string;
  code: string;
  indicatorId: string;
  name: string;
  unit: string | null;
  targets: string;
  latest: string | null;
}

const INDICATOR_COLUMNS: SheetColumn<IndicatorRow>[] = [
  { header: INDICATORS.taskId, value: (r) => r.taskId },
  { header: INDICATORS.plan, value: (r) => r.plan },
  { header: INDICATORS.code, value: (r) => r.code },
  { header: INDICATORS.indicatorId, value: (r) => r.indicatorId },
  { header: INDICATORS.name, value: (r) => r.name },
  { header: INDICATORS.unit, value: (r) => r.unit },
  { header: INDICATORS.targets, value: (r) => r.targets },
  { header: INDICATORS.latest, value: (r) => r.latest },
  { header: INDICATORS.value, value: () => null, input: true },
  { header: INDICATORS.year, value: () => null, input: true },
];

/**
 * 台账 downloads: the overdue ledger (督办台账) of the caller's reach, and a department's ledger of
 * open tasks with blank columns to fill in and upload again. Which tasks: TaskAccess decides, as for
 * every task read; a liaison's ledgers hold its own department's tasks only.
 */
@Injectable()
export class LedgerExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly indicators: TaskIndicators,
  ) {}

  async overdueLedger(scope: AccessScope, filter: LedgerFilter, asOf = shanghaiToday()): Promise<Buffer> {
    if (!isCalendarDate(asOf)) throw new BadInputError('日期格式应为 YYYY-MM-DD (asOf must be YYYY-MM-DD)');
    const ids = await this.taskIds(scope, filter, (qb) =>
      qb.andWhere(`t.status NOT IN ('COMPLETED','CANCELLED') AND t.due_date < :asOf`, { asOf }),
    );
    const rows = await this.rows(ids, asOf);
    const xlsx = new XlsxBuilder();
    xlsx.addSheet(
      '督办台账',
      OVERDUE_COLUMNS,
      rows.map((r, i) => ({ ...r, n: i + 1 })),
      { freezeColumns: 2 },
    );
    return xlsx.toBuffer();
  }

  async departmentLedger(scope: AccessScope, filter: LedgerFilter): Promise<Buffer> {
    const departmentId = scope.departmentId ?? filter.departmentId;
    if (!departmentId) throw new BadInputError('须指定部门 (departmentId is required)');
    const ids = await this.taskIds(scope, { ...filter, departmentId }, (qb) =>
      qb.andWhere(`t.status NOT IN ('COMPLETED','CANCELLED')`),
    );
    const rows = await this.rows(ids, shanghaiToday());
    const xlsx = new XlsxBuilder();
    xlsx.addSheet('部门台账', DEPARTMENT_COLUMNS, rows, {
      freezeColumns: 1,
      wholeNumbers: { columns: [PROGRESS_COLUMN], min: 0, max: 100 },
    });
    const indicators = await this.indicatorRows(rows);
    if (indicators.length)
      xlsx.addSheet(INDICATOR_SHEET, INDICATOR_COLUMNS, indicators, {
        freezeColumns: 1,
        wholeNumbers: { columns: [INDICATOR_COLUMNS.length - 1], min: 1900, max: 2100 },
      });
    return xlsx.toBuffer();
  }

  /**
   * Each indicator the department reports, once per plan: under the first task of the ledger (the
   * soonest due) that reports it, with the latest value any department filed.
   */
  private async indicatorRows(tasks: LedgerRow[]): Promise<IndicatorRow[]> {
    const pairs = await this.indicators.reportable(tasks.map((t) => t.id));
    if (!pairs.length) return [];
    const taskOrder = new Map(tasks.map((t, i) => [t.id, i]));
    const first = new Map<string, (typeof pairs)[number]>();
    for (const p of pairs) {
      const kept = first.get(p.id);
      if (!kept || taskOrder.get(p.taskId)! < taskOrder.get(kept.taskId)!) first.set(p.id, p);
    }
    const latest = await this.latestValues([...first.keys()]);
    const byTask = new Map(tasks.map((t) => [t.id, t]));
    return [...first.values()]
      .sort((a, b) => taskOrder.get(a.taskId)! - taskOrder.get(b.taskId)! || a.ordinal - b.ordinal)
      .map((p) => ({
        taskId: p.taskId,
        plan: byTask.get(p.taskId)!.plan,
        code: byTask.get(p.taskId)!.code,
        indicatorId: p.id,
        name: p.name,
        unit: p.unit,
        targets: p.targets.map((t) => `${t.year}年 ${t.value}`).join('；'),
        latest: latest.get(p.id) ?? null,
      }));
  }

  /** The newest value filed for each indicator, as printed in its report. */
  private async latestValues(indicatorIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; value: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (v->>'indicatorId') v->>'indicatorId' AS id, v->>'value' AS value
       FROM progress_report r CROSS JOIN jsonb_array_elements(r.indicator_values) v
       WHERE r.indicator_values <> '[]' AND v->>'indicatorId' = ANY($1::text[])
       ORDER BY v->>'indicatorId', r.submitted_at DESC, r.id DESC`,
      [indicatorIds],
    );
    return new Map(rows.map((r) => [r.id, r.value]));
  }

  /** The tasks in the caller's reach (a liaison: its own department's), soonest due first. */
  private async taskIds(
    scope: AccessScope,
    filter: LedgerFilter,
    narrow: (qb: ReturnType<TaskAccess['restrict']>) => void,
  ): Promise<string[]> {
    const qb = this.access.restrict(
      this.dataSource.getRepository(Task).createQueryBuilder('t').select('t.id', 'id'),
      scope,
    );
    if (scope.user.role === UserRole.LIAISON) qb.andWhere('t.department_id = :own', { own: scope.departmentId });
    if (filter.planId) qb.andWhere('t.plan_id = :planId', { planId: filter.planId });
    if (filter.departmentId) qb.andWhere('t.department_id = :departmentId', { departmentId: filter.departmentId });
    narrow(qb);
    const rows = await qb
      .orderBy('t.due_date')
      .addOrderBy('t.id')
      .limit(MAX_LEDGER_ROWS + 1)
      .getRawMany<{ id: string }>();
    if (rows.length > MAX_LEDGER_ROWS)
      throw new BadInputError(
        `台账超过 ${MAX_LEDGER_ROWS} 行，请按规划或部门筛选 (too many rows: filter by plan or department)`,
      );
    return rows.map((r) => r.id);
  }

  private rows(ids: string[], asOf: string): Promise<LedgerRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT t.id, t.version, p.title AS plan, m.code, m.title AS measure, d.short_name AS department, t.role,
              t.due_date AS "dueDate", t.original_due_date AS "originalDueDate",
              ($2::date - t.due_date) AS "daysOverdue", t.status, t.progress_percent AS progress,
              e.level AS "escalationLevel",
              (SELECT string_agg(n.number, '、' ORDER BY n.created_at)
               FROM supervision_notice_task nt JOIN supervision_notice n ON n.id = nt.notice_id
               WHERE nt.task_id = t.id) AS notices,
              (SELECT n.number FROM supervision_notice_task nt JOIN supervision_notice n ON n.id = nt.notice_id
               WHERE nt.task_id = t.id AND n.status <> 'CLOSED'
               ORDER BY n.created_at DESC, n.id LIMIT 1) AS "openNotice",
              to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "reportedOn",
              r.narrative AS "lastNarrative",
              (SELECT string_agg(u.name, '、' ORDER BY l.position)
               FROM progress_report_attachment l JOIN upload u ON u.id = l.upload_id
               WHERE l.report_id = r.id) AS "lastFiles"
       FROM task t
       JOIN task_escalation e ON e.task_id = t.id
       JOIN plan p ON p.id = t.plan_id
       JOIN measure m ON m.id = t.measure_id
       JOIN department d ON d.id = t.department_id
       LEFT JOIN LATERAL (SELECT id, submitted_at, narrative FROM progress_report
                          WHERE task_id = t.id ORDER BY submitted_at DESC LIMIT 1) r ON true
       WHERE t.id = ANY($1::uuid[])
       ORDER BY t.due_date, t.id`,
      [ids, asOf],
    );
  }
}
