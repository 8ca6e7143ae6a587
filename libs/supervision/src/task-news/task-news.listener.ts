import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@app/notifications';
import { TaskEvents, type TaskEvent, type TaskEventListener } from '@app/tasks';
import { TaskNewsKind } from './task-news-kind.js';

/**
 * Writes the news of the office's decisions on a department's work (publishing, reviews, extensions,
 * due dates) to the outbox, in the transaction of the decision. `TaskNewsAnnouncements` turns the rows
 * into messages to the department's liaisons.
 */
@Injectable()
export class TaskNewsListener implements TaskEventListener, OnModuleInit {
  readonly name = 'supervision.task-news';

  constructor(
    private readonly events: TaskEvents,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    this.events.register(this);
  }

  async on(m: EntityManager, event: TaskEvent): Promise<void> {
    switch (event.kind) {
      case 'TASKS_PUBLISHED':
        if (!event.departments.length) return;
        await this.outbox.write(
          m,
          TaskNewsKind.TASKS_PUBLISHED,
          { planId: event.planId, departments: event.departments },
          `plan-published:${event.planId}`,
        );
        return;
      case 'TASK_REVIEWED':
        await this.outbox.write(
          m,
          event.accepted ? TaskNewsKind.TASK_ACCEPTED : TaskNewsKind.TASK_RETURNED,
          { reviewId: event.reviewId },
          `task-reviewed:${event.reviewId}`,
        );
        return;
      case 'EXTENSION_DECIDED':
        await this.outbox.write(
          m,
          event.approved ? TaskNewsKind.EXTENSION_APPROVED : TaskNewsKind.EXTENSION_REJECTED,
          { requestId: event.requestId },
          `extension-decided:${event.requestId}`,
        );
        return;
      case 'DUE_DATE_MOVED':
        await this.outbox.write(
          m,
          TaskNewsKind.DUE_DATE_MOVED,
          { taskId: event.taskId, from: event.from, to: event.to, version: event.version },
          `due-date-moved:${event.taskId}:${event.version}`,
        );
    }
  }
}
