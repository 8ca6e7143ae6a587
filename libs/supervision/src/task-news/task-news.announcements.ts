import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserRole } from '@app/auth';
import { AnnouncementSources, type Announcement, type AnnouncementSource } from '@app/notifications';
import { asSentence } from '../supervision.announcements.js';
import { TaskNewsKind } from './task-news-kind.js';

interface DueDateMoved {
  taskId: string;
  from: string;
  to: string;
  version: number;
}

interface Published {
  planId: string;
  departments: { departmentId: string; taskCount: number }[];
}

/** The task a decision was about, as its department's liaisons know it. */
interface Decided {
  id: string;
  task_id: string;
  department_id: string;
  measure: string;
  comment: string | null;
  requested_due: string | null;
}

const TASK_OF = `JOIN task t ON t.id = x.task_id JOIN measure m ON m.id = t.measure_id`;
const TASK_COLUMNS = `t.id AS task_id, t.department_id, m.code || ' ' || m.title AS measure`;

/**
 * Tells a department's liaisons what the office decided about their work. Only liaisons hear it: the
 * actors (the office, ADMIN) never receive news of their own decisions.
 */
@Injectable()
export class TaskNewsAnnouncements implements AnnouncementSource, OnModuleInit {
  readonly kinds = Object.values(TaskNewsKind);

  constructor(private readonly sources: AnnouncementSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  announce(m: EntityManager, kind: string, payload: unknown): Promise<Announcement[]> {
    switch (kind as TaskNewsKind) {
      case TaskNewsKind.TASKS_PUBLISHED:
        return this.published(m, payload as Published);
      case TaskNewsKind.TASK_ACCEPTED:
      case TaskNewsKind.TASK_RETURNED:
        return this.reviewed(m, kind, (payload as { reviewId: string }).reviewId);
      case TaskNewsKind.EXTENSION_APPROVED:
      case TaskNewsKind.EXTENSION_REJECTED:
        return this.extensionDecided(m, kind, (payload as { requestId: string }).requestId);
      case TaskNewsKind.DUE_DATE_MOVED:
        return this.dueDateMoved(m, payload as DueDateMoved);
    }
  }

  /** One message per department, however many tasks the plan gave it. */
  private async published(m: EntityManager, { planId, departments }: Published): Promise<Announcement[]> {
    const [plan]: { title: string }[] = await m.query('SELECT title FROM plan WHERE id = $1', [planId]);
    if (!plan) return [];
    return departments.map(({ departmentId, taskCount }) => ({
      sourceKey: `plan-published:${planId}:${departmentId}`,
      kind: TaskNewsKind.TASKS_PUBLISHED,
      taskId: null,
      subject: `【任务下达】《${plan.title}》`,
      message: `规划《${plan.title}》向贵单位下达任务 ${taskCount} 项，请按期落实并报送进展。`,
      audience: [{ role: UserRole.LIAISON, departmentId }],
    }));
  }

  private async reviewed(m: EntityManager, kind: string, reviewId: string): Promise<Announcement[]> {
    const [r]: Decided[] = await m.query(
      `SELECT x.id, x.comment, NULL AS requested_due, ${TASK_COLUMNS} FROM task_review x ${TASK_OF} WHERE x.id = $1`,
      [reviewId],
    );
    if (!r) return [];
    const message =
      kind === TaskNewsKind.TASK_RETURNED
        ? `【任务退回】任务「${r.measure}」被退回，退回意见：${asSentence(r.comment ?? '')}请修改后重新报送。`
        : `【审核通过】任务「${r.measure}」已通过审核，办结。${opinion(r.comment)}`;
    return [toLiaisons(r, `task-reviewed:${r.id}`, kind, message)];
  }

  private async extensionDecided(m: EntityManager, kind: string, requestId: string): Promise<Announcement[]> {
    const [r]: Decided[] = await m.query(
      `SELECT x.id, x.decision_comment AS comment, to_char(x.requested_due_date, 'YYYY-MM-DD') AS requested_due,
              ${TASK_COLUMNS}
       FROM extension_request x ${TASK_OF} WHERE x.id = $1`,
      [requestId],
    );
    if (!r) return [];
    const message =
      kind === TaskNewsKind.EXTENSION_APPROVED
        ? `【延期批准】任务「${r.measure}」的延期申请已批准，期限调整为 ${r.requested_due}。${opinion(r.comment)}`
        : `【延期未批准】任务「${r.measure}」申请延期至 ${r.requested_due} 未获批准，请按原期限落实。${opinion(r.comment)}`;
    return [toLiaisons(r, `extension-decided:${r.id}`, kind, message)];
  }

  private async dueDateMoved(m: EntityManager, { taskId, from, to, version }: DueDateMoved): Promise<Announcement[]> {
    const [t]: Decided[] = await m.query(
      `SELECT t.id, NULL AS comment, NULL AS requested_due, ${TASK_COLUMNS}
       FROM task t JOIN measure m ON m.id = t.measure_id WHERE t.id = $1`,
      [taskId],
    );
    if (!t) return [];
    const message = `【期限调整】督查室将任务「${t.measure}」的期限由 ${from} 调整为 ${to}。`;
    return [toLiaisons(t, `due-date-moved:${taskId}:${version}`, TaskNewsKind.DUE_DATE_MOVED, message)];
  }
}

function toLiaisons(row: Decided, sourceKey: string, kind: string, message: string): Announcement {
  return {
    sourceKey,
    kind,
    taskId: row.task_id,
    subject: message.slice(0, message.indexOf('】') + 1),
    message,
    audience: [{ role: UserRole.LIAISON, departmentId: row.department_id }],
  };
}

function opinion(comment: string | null): string {
  return comment?.trim() ? `意见：${asSentence(comment)}` : '';
}
