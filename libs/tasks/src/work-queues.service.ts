import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ForbiddenError } from '@app/common';
import { UserRole, type AccessScope } from '@app/auth';
import type { AuditEntryView } from './dtos/audit-entry.type.js';
import type { ReviewQueue, WorkQueue } from './dtos/work-queues.type.js';
import { ExtensionRequest, ExtensionStatus } from './extension-request.entity.js';
import { EntityRows } from '@app/database';
import { WorkQueueCounts } from './extensions/task-sql-extensions.js';
import { TaskAccess } from './task-access.js';
import { CLOSED_STATUSES, TaskStatus } from './task-status.js';
import { Task } from './task.entity.js';
import { TasksService, type PagePrefetch } from './tasks.service.js';

const QUEUE_LIMIT = 200;
const OPEN_STATUSES = Object.values(TaskStatus).filter((s) => !CLOSED_STATUSES.includes(s));

@Injectable()
export class WorkQueuesService {
  private readonly returnedRows: EntityRows<Task>;
  private readonly extensionRows: EntityRows<ExtensionRequest>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly tasks: TasksService,
    private readonly counts: WorkQueueCounts,
  ) {
    this.returnedRows = new EntityRows(dataSource, Task, 'rt');
    this.extensionRows = new EntityRows(dataSource, ExtensionRequest, 'xe');
  }

  /**
   * The open tasks are the task page filtered to the department's open statuses (QUEUE_LIMIT is the
   * page's largest): its prepared statement, with the measure and department joined when the client's
   * selection allows (`prefetch`), instead of 200 hydrated entities whose measures a loader then
   * fetched — a liaison's 待办 answered at a third of PostGraphile's rate (npm run bench:anchor).
   */
  async workQueue(scope: AccessScope, prefetch?: PagePrefetch): Promise<WorkQueue> {
    if (!scope.departmentId) throw new ForbiddenError('待办仅适用于部门联络员 (the work queue is for liaisons)');
    // One statement: the returned tasks, the pending extension requests and the counts libs above
    // contribute (WorkQueueCounts: supervision's supervisedCount) ride as one JSON value on the open
    // tasks' first row — four round trips were a third of the queue's CPU beside PostGraphile's one.
    const contributed = this.counts.jsonPairs(':queueDep');
    const { page, extras } = await this.tasks.listWith(
      scope,
      { departmentId: scope.departmentId, status: OPEN_STATUSES },
      QUEUE_LIMIT,
      null,
      prefetch,
      {
        sql: `json_build_object(
          'returned', (SELECT coalesce(json_agg(r.j ORDER BY r.returned_at DESC), '[]') FROM (
            SELECT ${this.returnedRows.jsonObject} AS j, rt.returned_at FROM task rt
            WHERE rt.department_id = :queueDep AND rt.status = :queueReturnedStatus AND rt.returned_at IS NOT NULL
            ORDER BY rt.returned_at DESC LIMIT ${QUEUE_LIMIT}) r),
          'extensions', (SELECT coalesce(json_agg(x.j ORDER BY x.created_at), '[]') FROM (
            SELECT ${this.extensionRows.jsonObject} AS j, xe.created_at FROM extension_request xe
            JOIN task xt ON xt.id = xe.task_id
            WHERE xt.department_id = :queueDep AND xe.status = :queuePending) x)${contributed.sql})`,
        params: {
          queueDep: scope.departmentId,
          queueReturnedStatus: TaskStatus.IN_PROGRESS,
          queuePending: ExtensionStatus.PENDING,
          ...contributed.params,
        },
      },
    );
    const { returned, extensions, ...counts } = extras as {
      returned: Record<string, unknown>[];
      extensions: Record<string, unknown>[];
    } & Record<string, number>;
    return {
      openTasks: page.edges.map((edge) => edge.node),
      returnedTasks: returned.map((j) => this.returnedRows.readJson(j)),
      pendingExtensions: extensions.map((j) => this.extensionRows.readJson(j)),
      counts,
    };
  }

  async reviewQueue(scope: AccessScope): Promise<ReviewQueue> {
    this.access.assertReviewer(scope);
    const pendingReviews = this.access
      .restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope)
      .andWhere('t.status = :s', { s: TaskStatus.PENDING_REVIEW })
      .orderBy('t.updated_at')
      .limit(QUEUE_LIMIT)
      .getMany();
    const extensions = this.dataSource
      .getRepository(ExtensionRequest)
      .createQueryBuilder('e')
      .where('e.status = :p', { p: ExtensionStatus.PENDING })
      .orderBy('e.created_at')
      .limit(QUEUE_LIMIT);
    if (scope.user.role !== UserRole.ADMIN) {
      extensions.andWhere(
        'e.task_id IN (SELECT st.id FROM task st JOIN plan sp ON sp.id = st.plan_id WHERE sp.jurisdiction_id = ANY(:jids))',
        { jids: scope.jurisdictionIds ?? [] },
      );
    }
    const [reviews, pendingExtensions] = await Promise.all([pendingReviews, extensions.getMany()]);
    return { pendingReviews: reviews, pendingExtensions };
  }

  /** 审计记录 of a task and of what hangs off it (reports, reviews, extension requests). */
  async auditTrail(scope: AccessScope, task: Task): Promise<AuditEntryView[]> {
    this.access.assertReviewer(scope);
    await this.access.assertWritable(scope, task);
    return this.dataSource.query(
      `SELECT a.id::text AS id, a.action, u.display_name AS "actorName", a.at,
              a.before::text AS before, a.after::text AS after
       FROM audit_entry a LEFT JOIN app_user u ON u.id = a.actor_id
       WHERE (a.entity_type = 'task' AND a.entity_id = $1)
          OR (a.entity_type = 'progress_report' AND a.entity_id IN (SELECT id FROM progress_report WHERE task_id = $1))
          OR (a.entity_type = 'extension_request' AND a.entity_id IN (SELECT id FROM extension_request WHERE task_id = $1))
       ORDER BY a.at, a.id`,
      [task.id],
    );
  }
}
