import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, groupByKeys, NotFoundError, RequestLoaders } from '@app/common';
import type { AccessScope } from '@app/auth';
import type { TaskConnection } from './dtos/task-connection.type.js';
import type { TaskFilter } from './dtos/task-filter.input.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { ProgressReport } from './progress-report.entity.js';
import { TaskAccess } from './task-access.js';
import { decodeCursor, encodeCursor } from './task-cursor.js';
import { TaskReview } from './task-review.entity.js';
import { CLOSED_STATUSES } from './task-status.js';
import { Task } from './task.entity.js';

export const MAX_PAGE = 200;

/** Reads of tasks within the caller's scope, and the loaders of task relations. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly access: TaskAccess,
  ) {}

  async get(scope: AccessScope, id: string): Promise<Task> {
    const task = await this.dataSource.getRepository(Task).findOneBy({ id });
    if (!task) throw new NotFoundError('Task', id);
    await this.access.assertReadable(scope, task);
    return task;
  }

  /** Relay page ordered by (due date, id), with the total of the filtered set. */
  async list(scope: AccessScope, filter: TaskFilter = {}, first = 20, after?: string | null): Promise<TaskConnection> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw new BadInputError(`first 须在 1 到 ${MAX_PAGE} 之间 (first must be 1–${MAX_PAGE})`);
    const base = this.access.restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope);
    applyFilter(base, filter);
    const page = base
      .clone()
      .orderBy('t.due_date')
      .addOrderBy('t.id')
      .limit(first + 1);
    if (after) {
      const c = decodeCursor(after);
      page.andWhere('(t.due_date, t.id) > (:afterDue, :afterId)', { afterDue: c.dueDate, afterId: c.id });
    }
    const rows = await page.getMany();
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(node) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      countTotal: () => base.getCount(),
    };
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

function applyFilter(qb: ReturnType<TaskAccess['restrict']>, f: TaskFilter): void {
  if (f.planId) qb.andWhere('t.plan_id = :planId', { planId: f.planId });
  if (f.departmentId) qb.andWhere('t.department_id = :departmentId', { departmentId: f.departmentId });
  if (f.status?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: f.status });
  if (f.overdueAsOf) {
    qb.andWhere('t.due_date < :overdueAsOf AND t.status NOT IN (:...closed)', {
      overdueAsOf: f.overdueAsOf,
      closed: CLOSED_STATUSES,
    });
  }
  if (f.minEscalationLevel != null)
    qb.andWhere('t.id IN (SELECT task_id FROM task_escalation WHERE level >= :minLevel)', {
      minLevel: f.minEscalationLevel,
    });
}
