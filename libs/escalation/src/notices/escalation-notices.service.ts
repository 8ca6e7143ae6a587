import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What escalation needs of supervision notices (督办单), told by supervision in the transaction of the
 * notice's change: which tasks a notice names and by when it expects a response. The sweep raises
 * level 4 for a task whose notice is still awaiting a response past that date (RAISE_FOR_OVERDUE_NOTICES).
 * Escalation reads no table of supervision's: supervision sits above it and calls down.
 */
@Injectable()
export class EscalationNotices {
  /** A notice was issued: its tasks are raised to level 4 once `responseDue` has passed unanswered. */
  async awaitResponse(m: EntityManager, noticeId: string, taskIds: string[], responseDue: string): Promise<void> {
    await m.query(
      'INSERT INTO escalation_notice_due (notice_id, task_id, response_due) SELECT $1, unnest($2::uuid[]), $3',
      [noticeId, taskIds, responseDue],
    );
  }

  /** The notice was answered or closed: its tasks are raised for it no more (events already raised stay). */
  async responseSettled(m: EntityManager, noticeId: string): Promise<void> {
    await m.query('UPDATE escalation_notice_due SET awaiting = false WHERE notice_id = $1 AND awaiting', [noticeId]);
  }
}
