import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError, ForbiddenError, isCalendarDate, NotFoundError } from '@app/common';
import { AuditService, auditEntriesFrom, auditParams } from '@app/audit';
import { EntityRows, preparedRows } from '@app/database';
import { UserRole, type AccessScope } from '@app/auth';
import type { UpdateTaskInput } from './dtos/update-task.input.js';
import { TaskEvents } from './events/task-events.js';
import { TaskSnapshotFields } from './extensions/task-sql-extensions.js';
import { TaskAccess } from './task-access.js';
import { judgeMove } from './task-moves.js';
import { TaskStatus } from './task-status.js';
import { Task } from './task.entity.js';

/** Columns a change may set, as SQL column → value. */
type TaskChanges = Record<string, unknown>;

/**
 * Writes to tasks under optimistic locking: every change bumps `version`, and a write
 * naming a stale version changes nothing (CONFLICT). The compare-and-set is one UPDATE,
 * so of N concurrent writers naming one version exactly one wins.
 */
@Injectable()
export class TaskUpdatesService {
  private readonly taskRows: EntityRows<Task>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly audit: AuditService,
    private readonly events: TaskEvents,
    private readonly snapshotFields: TaskSnapshotFields,
  ) {
    this.taskRows = new EntityRows(dataSource, Task, 't');
  }

  /**
   * Two statements: the task is read, the change judged, then written with its audit entry by one
   * statement that applies only at `expectedVersion` (optimistic locking needs no transaction around
   * the read). A new due date goes through a transaction: the level it leads to is set by a trigger
   * after the write, and the audit entry records it.
   */
  async update(scope: AccessScope, input: UpdateTaskInput): Promise<Task> {
    const { task, planJurisdictionId } = await this.load(this.dataSource.manager, input.taskId);
    await this.access.assertWritable(scope, task, this.dataSource.manager, planJurisdictionId);
    const changes = this.changesFor(scope, task, input);
    if (!Object.keys(changes).length) throw new BadInputError('没有要修改的内容 (nothing to change)');
    if ('due_date' in changes) {
      return this.dataSource.transaction(async (m) => {
        const updated = await this.apply(m, scope, task, input.expectedVersion, changes, 'task.update');
        await this.events.emit(m, {
          kind: 'DUE_DATE_MOVED',
          actorId: scope.user.id,
          taskId: task.id,
          from: task.dueDate,
          to: updated.dueDate,
          version: updated.version,
        });
        return updated;
      });
    }
    const columns = Object.keys(changes);
    const sets = columns.map((c, i) => `${c} = $${i + 3}`).join(', ');
    const [row] = await preparedRows<Record<string, unknown>>(
      this.dataSource,
      `WITH t AS (UPDATE task SET ${sets}, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING *),
       audit AS (${auditEntriesFrom('t', this.snapshotSql(), columns.length + 3)})
       SELECT ${this.taskRows.selectList}${this.snapshotFields.selectList('t')} FROM t`,
      [
        task.id,
        input.expectedVersion,
        ...columns.map((c) => changes[c]),
        ...auditParams(scope.user.id, 'task.update', 'task', snapshot(task)),
      ],
    );
    if (!row) throw conflict(input.expectedVersion, task);
    return this.readTask(row);
  }

  /** SNAPSHOT of a row `t` in SQL: the task's columns and TaskSnapshotFields. */
  private snapshotSql(): string {
    return `jsonb_build_object('status', t.status, 'progressPercent', t.progress_percent,
      'dueDate', t.due_date, 'version', t.version${this.snapshotFields.jsonPairs('t')})`;
  }

  /** 审核: the supervision office accepts completed work or returns it with a comment. */
  review(scope: AccessScope, taskId: string, accept: boolean, comment?: string | null): Promise<Task> {
    this.access.assertReviewer(scope);
    return this.dataSource.transaction(async (m) => {
      const { task, planJurisdictionId } = await this.load(m, taskId, true);
      await this.access.assertWritable(scope, task, m, planJurisdictionId);
      if (task.status !== TaskStatus.PENDING_REVIEW)
        throw new BadInputError(`只能审核待审核的任务 (task is ${task.status}, not PENDING_REVIEW)`);
      if (!accept && !comment?.trim()) throw new BadInputError('退回须说明原因 (a returned task needs a comment)');
      const changes: TaskChanges = accept
        ? { status: TaskStatus.COMPLETED, completed_at: new Date(), progress_percent: 100, returned_at: null }
        : { status: TaskStatus.IN_PROGRESS, returned_at: new Date() };
      const [review]: { id: string }[] = await m.query(
        'INSERT INTO task_review (task_id, reviewer_id, accepted, comment) VALUES ($1, $2, $3, $4) RETURNING id',
        [taskId, scope.user.id, accept, comment?.trim() || null],
      );
      const updated = await this.apply(m, scope, task, task.version, changes, accept ? 'task.accept' : 'task.return');
      await this.events.emit(m, {
        kind: 'TASK_REVIEWED',
        actorId: scope.user.id,
        taskId,
        reviewId: String(review!.id),
        accepted: accept,
      });
      return updated;
    });
  }

  /** Moves the due date (extension approved, or a supervisor's decision) and restarts escalation for it. */
  async moveDueDate(m: EntityManager, scope: AccessScope, task: Task, dueDate: string, action: string): Promise<Task> {
    return this.apply(m, scope, task, task.version, { due_date: dueDate }, action);
  }

  private changesFor(scope: AccessScope, task: Task, input: UpdateTaskInput): TaskChanges {
    const changes: TaskChanges = {};
    if (input.status != null && input.status !== task.status)
      Object.assign(changes, this.statusChange(scope, task, input.status));
    if (input.progressPercent != null) {
      if (!Number.isInteger(input.progressPercent) || input.progressPercent < 0 || input.progressPercent > 100)
        throw new BadInputError('进度须为 0–100 的整数 (progressPercent must be 0–100)');
      changes.progress_percent = input.progressPercent;
    }
    if (input.dueDate != null) {
      if (scope.user.role !== UserRole.ADMIN && scope.user.role !== UserRole.SUPERVISOR)
        throw new ForbiddenError('只有督查室可以调整期限 (only ADMIN and SUPERVISOR move a due date)');
      if (!isCalendarDate(input.dueDate))
        throw new BadInputError('期限格式应为 YYYY-MM-DD (dueDate must be YYYY-MM-DD)');
      if (input.dueDate !== task.dueDate) changes.due_date = input.dueDate;
    }
    return changes;
  }

  private statusChange(scope: AccessScope, task: Task, to: TaskStatus): TaskChanges {
    const verdict = judgeMove(task.status, to, scope.user.role);
    if (verdict === 'illegal') throw new BadInputError(`不允许的状态变更 (illegal status move ${task.status} → ${to})`);
    if (verdict === 'not-for-role')
      throw new ForbiddenError(`${task.status} → ${to} 须由督查室操作 (supervision office only)`);
    if (to === TaskStatus.COMPLETED) return { status: to, completed_at: new Date(), progress_percent: 100 };
    if (to === TaskStatus.PENDING_REVIEW) return { status: to, returned_at: null };
    return { status: to };
  }

  /** The task and its plan's jurisdiction (what scope is checked against), in one statement. */
  private async load(m: EntityManager, taskId: string, lock = false) {
    const [row] = await preparedRows<Record<string, unknown>>(
      m,
      `SELECT ${this.taskRows.selectList}${this.snapshotFields.selectList('t')}, p.jurisdiction_id AS "planJurisdictionId"
       FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = $1 ${lock ? 'FOR NO KEY UPDATE OF t' : ''}`,
      [taskId],
    );
    if (!row) throw new NotFoundError('Task', taskId);
    return { task: this.readTask(row), planJurisdictionId: row.planJurisdictionId as string };
  }

  private readTask(row: Record<string, unknown>): Task {
    const task = this.taskRows.read(row)!;
    task.snapshotExtras = Object.fromEntries(this.snapshotFields.names.map((name) => [name, row[name]]));
    return task;
  }

  private async apply(
    m: EntityManager,
    scope: AccessScope,
    task: Task,
    expectedVersion: number,
    changes: TaskChanges,
    action: string,
  ): Promise<Task> {
    const columns = Object.keys(changes);
    const sets = columns.map((c, i) => `${c} = $${i + 3}`).join(', ');
    const [row] = await preparedRows<Record<string, unknown>>(
      m,
      `WITH t AS (UPDATE task SET ${sets}, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING *)
       SELECT ${this.taskRows.selectList}${this.snapshotFields.selectList('t')} FROM t`,
      [task.id, expectedVersion, ...columns.map((c) => changes[c])],
    );
    if (!row) throw conflict(expectedVersion, task);
    const updated = this.readTask(row);
    // A new due date moves what libs above keep of the task (escalation's level, by a trigger on task
    // that runs after the statement above): read again for the audit entry.
    if ('due_date' in changes && this.snapshotFields.names.length) {
      const [extras]: Record<string, unknown>[] = await m.query(
        `SELECT ${this.snapshotFields.columns('t')} FROM task t WHERE t.id = $1`,
        [task.id],
      );
      updated.snapshotExtras = extras!;
    }
    await this.audit.record(m, scope.user.id, action, 'task', task.id, snapshot(task), snapshot(updated));
    return updated;
  }
}

function conflict(expectedVersion: number, task: Task): ConflictError {
  return new ConflictError(
    `任务已被他人修改，请刷新后重试 (stale version ${expectedVersion}; task is at ${task.version})`,
    { currentVersion: task.version },
  );
}

/** What an audit entry keeps of a task, before and after (snapshot, and snapshotSql from a row `t`). */
function snapshot(t: Task) {
  return {
    status: t.status,
    progressPercent: t.progressPercent,
    dueDate: t.dueDate,
    version: t.version,
    ...t.snapshotExtras,
  };
}
