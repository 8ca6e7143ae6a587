import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, isCalendarDate, shanghaiToday } from '@app/common';
import type { AccessScope } from '@app/auth';
import { PlansService } from '@app/plans';
import { TaskStatus } from '@app/tasks';
import { SqlWhere } from '@app/database';
import { OverviewGrouping, TaskCounts, TaskOverviewRow, type TaskOverview } from './dtos/task-overview.type.js';

export interface OverviewQuery {
  groupBy: OverviewGrouping;
  planId?: string | null;
  departmentId?: string | null;
  asOf?: string | null;
}

/** Counts within one row: of one status, or (status null) of overdue tasks only. */
interface CountRow {
  key: string;
  status: TaskStatus | null;
  n: number;
  overdue: number;
}

const FIELD: Record<TaskStatus, keyof Omit<TaskCounts, 'total' | 'overdue'>> = {
  [TaskStatus.NOT_STARTED]: 'notStarted',
  [TaskStatus.IN_PROGRESS]: 'inProgress',
  [TaskStatus.PENDING_REVIEW]: 'pendingReview',
  [TaskStatus.COMPLETED]: 'completed',
  [TaskStatus.CANCELLED]: 'cancelled',
};
const OPEN = `t.status NOT IN ('COMPLETED','CANCELLED')`; // spelled as the partial indexes are

/**
 * 总览: tasks of the caller's reach by status and overdue, per department or per plan. The
 * jurisdiction-wide department view reads the roll-ups kept by triggers in the tasks' own
 * transactions — counts by status, and open tasks by month due for the whole months before asOf —
 * and adds the open tasks due earlier in asOf's month from the open-due index. Narrower views read
 * the tasks through the plan or department index.
 */
@Injectable()
export class TaskOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
  ) {}

  async overview(scope: AccessScope, query: OverviewQuery): Promise<TaskOverview> {
    const asOf = query.asOf ?? shanghaiToday();
    if (!isCalendarDate(asOf)) throw new BadInputError('日期格式应为 YYYY-MM-DD (asOf must be YYYY-MM-DD)');
    if (query.planId) await this.plans.get(scope, query.planId);
    const byPlan = query.groupBy === OverviewGrouping.PLAN;
    if (byPlan && !query.planId && !query.departmentId)
      throw new BadInputError('按规划汇总须指定部门或规划 (PLAN grouping needs a departmentId or planId)');
    const counts =
      !byPlan && !query.planId ? await this.fromRollup(scope, query, asOf) : await this.fromTasks(scope, query, asOf);
    const rows = fold(counts, (key) => {
      const row = new TaskOverviewRow();
      row.departmentId = byPlan ? (query.departmentId ?? null) : key;
      row.planId = byPlan ? key : (query.planId ?? null);
      row.asOf = asOf;
      return row;
    });
    const totals = new TaskCounts();
    for (const row of rows) for (const k of Object.keys(totals) as (keyof TaskCounts)[]) totals[k] += row[k];
    return { asOf, groupBy: query.groupBy, rows, totals };
  }

  private async fromRollup(scope: AccessScope, query: OverviewQuery, asOf: string): Promise<CountRow[]> {
    const monthStart = `${asOf.slice(0, 8)}01`;
    const counts = new SqlWhere().and('r.n <> 0').and(reach('r', 'r', scope, query));
    const months = new SqlWhere().and('r.due_month < :monthStart', { monthStart }).and(reach('r', 'r', scope, query));
    const days = new SqlWhere()
      .and(OPEN)
      .and('t.due_date >= :monthStart AND t.due_date < :asOf', { monthStart, asOf })
      .and(reach('p', 't', scope, query));
    const rows = await Promise.all([
      this.countRows(
        `SELECT r.department_id AS key, r.status, sum(r.n)::int AS n, 0 AS overdue
         FROM task_status_count r WHERE ${counts.sql} GROUP BY 1, 2`,
        counts.params,
      ),
      this.countRows(
        `SELECT r.department_id AS key, NULL AS status, 0 AS n, sum(r.n)::int AS overdue
         FROM task_open_due r WHERE ${months.sql} GROUP BY 1`,
        months.params,
      ),
      this.countRows(
        `SELECT t.department_id AS key, NULL AS status, 0 AS n, count(*)::int AS overdue
         FROM task t JOIN plan p ON p.id = t.plan_id WHERE ${days.sql} GROUP BY 1`,
        days.params,
      ),
    ]);
    return rows.flat();
  }

  private fromTasks(scope: AccessScope, query: OverviewQuery, asOf: string): Promise<CountRow[]> {
    const key = query.groupBy === OverviewGrouping.PLAN ? 't.plan_id' : 't.department_id';
    const where = new SqlWhere()
      .andGiven('t.plan_id = :planId', { planId: query.planId })
      .and(reach('p', 't', scope, query));
    return this.countRows(
      `SELECT ${key} AS key, t.status, count(*)::int AS n,
              (count(*) FILTER (WHERE ${OPEN} AND t.due_date < :asOf))::int AS overdue
       FROM task t JOIN plan p ON p.id = t.plan_id WHERE ${where.sql} GROUP BY 1, 2`,
      { ...where.params, asOf },
    );
  }

  private countRows(sql: string, params: Record<string, unknown>): Promise<CountRow[]> {
    return this.dataSource.query(...this.dataSource.driver.escapeQueryWithParameters(sql, params));
  }
}

/** The caller's jurisdictions (none for an ADMIN) and the department asked for, on the given aliases. */
function reach(jurisdictionOf: string, departmentOf: string, scope: AccessScope, query: OverviewQuery): SqlWhere {
  return new SqlWhere()
    .andGiven(`${jurisdictionOf}.jurisdiction_id = ANY(:jurisdictionIds)`, { jurisdictionIds: scope.jurisdictionIds })
    .andGiven(`${departmentOf}.department_id = :departmentId`, { departmentId: query.departmentId });
}

/** Status rows into one counts row per key, most overdue first. */
function fold(counts: CountRow[], create: (key: string) => TaskOverviewRow): TaskOverviewRow[] {
  const rows = new Map<string, TaskOverviewRow>();
  for (const c of counts) {
    let row = rows.get(c.key);
    if (!row) rows.set(c.key, (row = create(c.key)));
    if (c.status) row[FIELD[c.status]] += c.n;
    row.total += c.n;
    row.overdue += c.overdue;
  }
  return [...rows.values()]
    .filter((r) => r.total > 0)
    .sort((a, b) => b.overdue - a.overdue || b.total - a.total || keyOf(a).localeCompare(keyOf(b)));
}

const keyOf = (r: TaskOverviewRow) => `${r.departmentId}|${r.planId}`;
