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
 * What the client selects of each task, and of its measure and department (selectedFields), so the
 * page query can fetch it at once and read no more columns than the selection needs.
 */
export interface PagePrefetch {
  task?: ReadonlySet<string>;
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
 * The foreign keys a page reads only when a selected field needs them. Each is a 36-character UUID the
 * driver decodes into a string on every row: leaving them and the measure's plan and deadline out when
 * no selected field needs them answered +4–7 % on the page and +11 % on a liaison's work queue,
 * alternating in 3-s slices against the build that read them (npm run bench:anchor's queries).
 */
const PAGE_KEYS = ['measureId', 'planId', 'departmentId'];

/**
 * Task fields answered without the keys: the columns themselves and what this lib computes from them.
 * A field outside it (a relation the page does not join, a field another lib adds to Task) reads them.
 */
const KEYLESS_FIELDS = new Set([
  '__typename',
  'id',
  'role',
  'status',
  'progressPercent',
  'dueDate',
  'originalDueDate',
  'version',
  'overdue',
]);

/**
 * The columns a page can join of its tasks' measures and departments, narrowest first: what the
 * console and the hot path show. A join reads the first set that holds every field selected of the
 * relation, and a selection outside them is loaded; so the statements a client can cause stay few,
 * each prepared once per connection, whatever fields it picks. The joins are inner (a task's measure
 * and department exist), so a set may leave the key out: a list showing a measure's code and title
 * decodes no UUID for it.
 */
const PAGE_JOINED = {
  measure: [
    ['code', 'title'],
    ['id', 'code', 'title'],
    ['id', 'planId', 'code', 'title', 'deadline'],
  ],
  department: [['name'], ['id', 'name', 'shortName']],
};

/** A relation's join readers (one per column set of PAGE_JOINED), narrowest first. */
type Joins<T extends ObjectLiteral> = { columns: string[]; rows: EntityRows<T> }[];

/** The reader of the narrowest join that holds every field selected of the relation, else null (loaded). */
function joinable<T extends ObjectLiteral>(joins: Joins<T>, fields?: ReadonlySet<string>): EntityRows<T> | null {
  if (!fields) return null;
  const holds = (columns: string[]) => [...fields].every((f) => f === '__typename' || columns.includes(f));
  return joins.find((j) => holds(j.columns))?.rows ?? null;
}

/** Reads of tasks within the caller's scope, and the loaders of task relations. */
@Injectable()
export class TasksService {
  /** The page's task columns: with the foreign keys, and without them (keyless). */
  private readonly pageTaskRows: { keyed: EntityRows<Task>; keyless: EntityRows<Task> };
  private readonly pageMeasureJoins: Joins<Measure>;
  private readonly pageDepartmentJoins: Joins<Department>;
  private readonly pageTaskKey: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly access: TaskAccess,
    private readonly filters: TaskListFilters,
  ) {
    const taskColumns = dataSource
      .getMetadata(Task)
      .columns.map((c) => c.propertyName)
      .filter((c) => !PAGE_OMITS.includes(c));
    this.pageTaskRows = {
      keyed: new EntityRows(dataSource, Task, 't', taskColumns),
      keyless: new EntityRows(
        dataSource,
        Task,
        't',
        taskColumns.filter((c) => !PAGE_KEYS.includes(c)),
      ),
    };
    this.pageTaskKey = this.pageTaskRows.keyed.aliasOf('id');
    const joins = <T extends ObjectLiteral>(entity: new () => T, alias: string, sets: string[][]): Joins<T> =>
      sets.map((columns) => ({ columns, rows: new EntityRows(dataSource, entity, alias, columns) }));
    this.pageMeasureJoins = joins(Measure, 'pm', PAGE_JOINED.measure);
    this.pageDepartmentJoins = joins(Department, 'pd', PAGE_JOINED.department);
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
    const measure = joinable(this.pageMeasureJoins, prefetch?.measure);
    const department = joinable(this.pageDepartmentJoins, prefetch?.department);
    const task = this.pageTaskColumns(prefetch?.task, measure !== null, department !== null);
    const rows = await preparedRows<Record<string, unknown>>(
      this.dataSource,
      ...this.pageQuery(
        where,
        task,
        LIMIT_BANDS.find((band) => band > first)!,
        measure,
        department,
        extras,
      ),
    );
    const taskRows = extras ? rows.filter((r) => r[this.pageTaskKey] != null) : rows;
    const tasks = taskRows.slice(0, first + 1).map((r) => this.pageTask(r, task, measure, department));
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
    task: EntityRows<Task>,
    limit: number,
    measure: EntityRows<Measure> | null,
    department: EntityRows<Department> | null,
    extras?: SqlExpression,
  ): [string, unknown[]] {
    let sql = [
      `SELECT ${task.selectList}`,
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

  /**
   * The page's task columns: without the foreign keys when every field selected of a task is answered
   * without them — the relations among them joined — else with them (also when the selection is unknown).
   */
  private pageTaskColumns(fields: ReadonlySet<string> | undefined, measure: boolean, department: boolean) {
    const keyless = (f: string) =>
      KEYLESS_FIELDS.has(f) || (f === 'measure' && measure) || (f === 'department' && department);
    return fields && [...fields].every(keyless) ? this.pageTaskRows.keyless : this.pageTaskRows.keyed;
  }

  private pageTask(
    row: Record<string, unknown>,
    taskRows: EntityRows<Task>,
    measure: EntityRows<Measure> | null,
    department: EntityRows<Department> | null,
  ): Task {
    const task = taskRows.read(row)!;
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
