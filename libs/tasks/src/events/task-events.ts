import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the supervision office did to a department's work; `actorId` is who did it. */
export type TaskEvent =
  | {
      kind: 'TASKS_PUBLISHED';
      actorId: string;
      planId: string;
      /** Tasks created per department (发布下达). */
      departments: { departmentId: string; taskCount: number }[];
    }
  | { kind: 'TASK_REVIEWED'; actorId: string; taskId: string; reviewId: string; accepted: boolean }
  | { kind: 'EXTENSION_DECIDED'; actorId: string; taskId: string; requestId: string; approved: boolean }
  | { kind: 'DUE_DATE_MOVED'; actorId: string; taskId: string; from: string; to: string; version: number };

/** A lib above this one that acts on task events (writes their news to its outbox, say). */
export interface TaskEventListener {
  name: string;
  /** Runs inside the transaction of the change: what it writes commits or rolls back with it. */
  on(m: EntityManager, event: TaskEvent): Promise<void>;
}

/**
 * The hook through which libs that import this one hear of task changes: tasks never writes their
 * tables. They register at module init, as `DepartmentMergeParticipants` do.
 */
@Injectable()
export class TaskEvents {
  private readonly listeners = new Map<string, TaskEventListener>();

  register(listener: TaskEventListener): void {
    this.listeners.set(listener.name, listener);
  }

  async emit(m: EntityManager, event: TaskEvent): Promise<void> {
    // One after another: they share the transaction's connection.
    for (const listener of this.listeners.values()) await listener.on(m, event);
  }
}
