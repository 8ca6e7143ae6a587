import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { BadInputError, groupByKeys, NotFoundError, RequestLoaders } from '@app/common';
import type { AccessScope } from '@app/auth';
import { EntityRows, preparedRows, SqlWhere } from '@app/database';
import { Department } from '@app/departments';
import { Measure } from '@app/plans';
import type { TaskConnection } from './dtos/task-connection.type.js';
import type { TaskFilter } from './dtos/task-filter.input.js';
import { type SqlExpression, TaskListFilters } from './extensions/task-sql-extensions.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { ProgressReport } from './progress-report.entity.js';
import { TaskAccess } from './task-access.js';
import { decodeCursor, encodeCursor } from './task-cursor.js';
import { TaskReview } from './task-review.entity.js';
import { CLOSED_STATUSES } from './task-status.js';
import { Task } from './task.entity.js';

export const MAX_PAGE = 200;
/**
 * The page's LIMIT is written into its SQL, and each distinct SQL is a prepared statement kept by every
 * connection: a page reads the smallest band that holds `first + 1` rows, so page sizes make five
 * statements, not two hundred. 51 is the console's page of 50.
 */
const LIMIT_BANDS = [11, 21, 51, 101, MAX_PAGE + 1];

/**
 * What the client selects of each task's measure and department (selectedFields), so the page query
 * can fetch it at once. A relation is joined only when every field selected of it is in PAGE_JOINED.
 */
export interface PagePrefetch {
  measure?: ReadonlySet<string>;
  department?: ReadonlySet<string>;
}

/**
 * Task columns a page leaves out: no GraphQL field and no resolver reads them (a page's tasks go only
 * to GraphQL), and timestamps are the dearest values to decode. The e2e test "a page's tasks resolve
 * every Task field as task(id) does" fails if a field ever comes to need one.
 */
const PAGE_OMITS = ['completedAt', 'returnedAt', 'createdAt', 'updatedAt'];

/**
 * The columns a page joins of its tasks' measures and departments: what the console and the hot path
 * show, fixed rather than what each client selects, so a page statement's text — a prepared statement
 * kept by every connection — cannot be varied by picking fields. A selection outside them is loaded.
 */
const PAGE_JOINED = { measure: ['id', 'planId', 'code', 'title', 'deadline'], department: ['id', 'name', 'shortName'] };

/** The join's reader when every field selected of the relation is one of its columns, else null (loaded). */
function joinable<T extends ObjectLiteral>(rows: EntityRows<T>, columns: string[], fields?: ReadonlySet<string>) {
  if (!fields) return null;
  for (const f of fields) if (f !== '__typename' && !columns.includes(f)) return null;
  return rows;
}

/** Reads of tasks within the caller's scope, and the loaders of task relations. */
@Injectable()
export class TasksService {
  private readonly pageTaskRows: EntityRows<Task>;
  private readonly pageMeasureRows: EntityRows<Measure>;
  private readonly pageDepartmentRows: EntityRows<Department>;
  private readonly pageTaskKey: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly access: TaskAccess,
    private readonly filters: TaskListFilters,
  ) {
    const taskColumns = dataSource.getMetadata(Task).columns.map((c) => c.propertyName);
    this.pageTaskRows = new EntityRows(
      dataSource,
      Task,
      't',
      taskColumns.filter((c) => !PAGE_OMITS.includes(c)),
    );
    this.pageTaskKey = this.pageTaskRows.aliasOf('id');
    this.pageMeasureRows = new EntityRows(dataSource, Measure, 'pm', PAGE_JOINED.measure);
    this.pageDepartmentRows = new EntityRows(dataSource, Department, 'pd', PAGE_JOINED.department);
  }

  async get(scope: AccessScope, id: string): Promise<Task> {
    const task = await this.dataSource.getRepository(Task).findOneBy({ id });
    if (!task) throw new NotFoundError('Task', id);
    await this.access.assertReadable(scope, task);
    return task;
  }

  /**
   * Relay page ordered by (due date, id), with the total of the filtered set. One statement: the
   * tasks' measures and departments, when the client selects them, come joined to the page and ride
   * on each task (Task.prefetched); the statement is prepared once per connection, and rows are read
   * without TypeORM's entity hydration — the busiest read of the API.
   */
  async list(
    scope: AccessScope,
    filter: TaskFilter = {},
    first = 20,
    after?: string | null,
    prefetch?: PagePrefetch,
  ): Promise<TaskConnection> {
    return (await this.listWith(scope, filter, first, after, prefetch)).page;
  }

  /**
   * list(), and `extras` evaluated in the same statement (null without): one round trip where the
   * work queue took four. The extras ride on the first row only (or on the one row of an empty page).
   */
  async listWith(
    scope: AccessScope,
    filter: TaskFilter = {},
    first = 20,
    after?: string | null,
    prefetch?: PagePrefetch,
    extras?: SqlExpression,
  ): Promise<{ page: TaskConnection; extras: unknown }> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw new BadInputError(`first 须在 1 到 ${MAX_PAGE} 之间 (first must be 1–${MAX_PAGE})`);
    const where = new SqlWhere().and(this.access.readableWhere(scope)).and(this.filterWhere(filter));
    if (after) {
      const c = decodeCursor(after);
      where.and('(t.due_date, t.id) > (:afterDue, :afterId)', { afterDue: c.dueDate, afterId: c.id });
    }
    const measure = joinable(this.pageMeasureRows, PAGE_JOINED.measure, prefetch?.measure);
    const department = joinable(this.pageDepartmentRows, PAGE_JOINED.department, prefetch?.department);
    const rows = await preparedRows<Record<string, unknown>>(
      this.dataSource,
      ...this.pageQuery(
        where,
        LIMIT_BANDS.find((band) => band > first)!,
        measure,
        department,
        extras,
      ),
    );
    const taskRows = extras ? rows.filter((r) => r[this.pageTaskKey] != null) : rows;
    const tasks = taskRows.slice(0, first + 1).map((r) => this.pageTask(r, measure, department));
    const edges = tasks.slice(0, first).map((node) => ({ node, cursor: encodeCursor(node) }));
    const page: TaskConnection = {
      edges,
      pageInfo: { hasNextPage: tasks.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      countTotal: () => {
        const base = this.access.restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope);
        const filtered = this.filterWhere(filter);
        return (filtered.empty ? base : base.andWhere(filtered.sql, filtered.params)).getCount();
      },
    };
    return { page, extras: extras ? (rows[0]?.page_extras ?? null) : null };
  }

  /** The page's SQL, written out rather than built by the query builder: it runs on every page. */
  private pageQuery(
    where: SqlWhere,
    limit: number,
    measure: EntityRows<Measure> | null,
    department: EntityRows<Department> | null,
    extras?: SqlExpression,
  ): [string, unknown[]] {
    let sql = [
      `SELECT ${this.pageTaskRows.selectList}`,
      measure ? `, ${measure.selectList}` : '',
      department ? `, ${department.selectList}` : '',
      extras ? ', row_number() OVER (ORDER BY t.due_date, t.id) AS page_row' : '',
      ' FROM task t',
      measure ? ' JOIN measure pm ON pm.id = t.measure_id' : '',
      department ? ' JOIN department pd ON pd.id = t.department_id' : '',
      where.empty ? '' : ` WHERE ${where.sql}`,
      // The limit is written in, not bound: a generic plan with an unknown LIMIT sorts the whole scope.
      ` ORDER BY t.due_date, t.id LIMIT ${limit}`,
    ].join('');
    if (extras) {
      // The extras once, on the first row; an empty page still answers one row (its task columns null).
      sql =
        `SELECT CASE WHEN p.page_row IS NULL OR p.page_row = 1 THEN x.extras END AS page_extras, p.*` +
        ` FROM (SELECT ${extras.sql} AS extras) x LEFT JOIN LATERAL (${sql}) p ON true ORDER BY p.page_row`;
    }
    return this.dataSource.driver.escapeQueryWithParameters(sql, { ...where.params, ...extras?.params });
  }

  private pageTask(
    row: Record<string, unknown>,
    measure: EntityRows<Measure> | null,
    department: EntityRows<Department> | null,
  ): Task {
    const task = this.pageTaskRows.read(row)!;
    task.prefetched = { measure: measure?.read(row) ?? undefined, department: department?.read(row) ?? undefined };
    return task;
  }

  /** The filter's conditions on `t`: tasks' own columns, then those contributed by libs above (TaskListFilters). */
  private filterWhere(f: TaskFilter): SqlWhere {
    return ownFilterWhere(f).and(this.filters.of(f));
  }

  /** Tasks of each measure that the caller may see. */
  tasksOfMeasureLoader(request: object, scope: AccessScope) {
    return this.loaders.get<string, Task[]>(request, 'measure.tasks', async (measureIds) => {
      const qb = this.access
        .restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope)
        .andWhere('t.measure_id = ANY(:ids)', { ids: [...measureIds] })
        .orderBy('t.role')
        .addOrderBy('t.id');
      return groupByKeys(measureIds, await qb.getMany(), (t) => t.measureId);
    });
  }

  taskCountLoader(request: object) {
    return this.loaders.get<string, number>(request, 'plan.taskCount', async (planIds) => {
      const rows: { plan_id: string; n: number }[] = await this.dataSource.query(
        'SELECT plan_id, count(*)::int AS n FROM task WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id',
        [[...planIds]],
      );
      const counts = new Map(rows.map((r) => [r.plan_id, r.n]));
      return planIds.map((id) => counts.get(id) ?? 0);
    });
  }

  taskLoader(request: object) {
    return this.loaders.get<string, Task | null>(request, 'task', async (ids) => {
      const rows = await this.dataSource
        .getRepository(Task)
        .createQueryBuilder('t')
        .where('t.id = ANY(:ids)', { ids: [...ids] })
        .getMany();
      const byId = new Map(rows.map((t) => [t.id, t]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Tasks by id as far as the caller may read them (null otherwise): for relations that do not imply it. */
  readableTaskLoader(request: object, scope: AccessScope) {
    return this.loaders.get<string, Task | null>(request, 'task.readable', async (ids) => {
      const rows = await this.access
        .restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope)
        .andWhere('t.id = ANY(:ids)', { ids: [...ids] })
        .getMany();
      const byId = new Map(rows.map((t) => [t.id, t]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  reportsOfTaskLoader(request: object) {
    return this.loaders.get<string, ProgressReport[]>(request, 'task.reports', async (taskIds) => {
      const rows = await this.dataSource
        .getRepository(ProgressReport)
        .createQueryBuilder('r')
        .where('r.task_id = ANY(:ids)', { ids: [...taskIds] })
        .orderBy('r.submitted_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .getMany();
      return groupByKeys(taskIds, rows, (r) => r.taskId);
    });
  }

  reviewsOfTaskLoader(request: object) {
    return this.loaders.get<string, TaskReview[]>(request, 'task.reviews', async (taskIds) => {
      const rows = await this.dataSource
        .getRepository(TaskReview)
        .createQueryBuilder('r')
        .where('r.task_id = ANY(:ids)', { ids: [...taskIds] })
        .orderBy('r.reviewed_at', 'DESC')
        .getMany();
      return groupByKeys(taskIds, rows, (r) => r.taskId);
    });
  }

  extensionsOfTaskLoader(request: object) {
    return this.loaders.get<string, ExtensionRequest[]>(request, 'task.extensions', async (taskIds) => {
      const rows = await this.dataSource
        .getRepository(ExtensionRequest)
        .createQueryBuilder('e')
        .where('e.task_id = ANY(:ids)', { ids: [...taskIds] })
        .orderBy('e.created_at', 'DESC')
        .getMany();
      return groupByKeys(taskIds, rows, (e) => e.taskId);
    });
  }
}

function ownFilterWhere(f: TaskFilter): SqlWhere {
  const where = new SqlWhere();
  if (f.planId) where.and('t.plan_id = :planId', { planId: f.planId });
  if (f.departmentId) where.and('t.department_id = :departmentId', { departmentId: f.departmentId });
  // One bound array, not one placeholder per status: the statement's text stays the same for any list.
  if (f.status?.length) where.and('t.status = ANY(:statuses)', { statuses: f.status });
  if (f.overdueAsOf) {
    where.and('t.due_date < :overdueAsOf AND t.status NOT IN (:...closed)', {
      overdueAsOf: f.overdueAsOf,
      closed: CLOSED_STATUSES,
    });
  }
  return where;
}
