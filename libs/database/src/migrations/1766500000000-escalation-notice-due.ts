import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySqlFile } from '../sql-files.js';

/**
 * Escalation stops reading supervision's tables. Supervision tells escalation which notices await a
 * response, by when, for which tasks, and when a response came or the notice closed; escalation keeps
 * that in escalation_notice_due, which its level-4 rule and the events' notice check read. The
 * triggers that keep escalation state in step with task writes, defined in three migrations until
 * now, are applied from the owning libs' SQL files (libs/escalation/sql, libs/supervision/sql): the
 * running definition is found there.
 */
export class EscalationNoticeDue1766500000000 implements MigrationInterface {
  name = 'EscalationNoticeDue1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE escalation_notice_due (
        notice_id uuid NOT NULL,
        task_id uuid NOT NULL,
        response_due date NOT NULL,
        -- false once the notice was answered or closed: its tasks are no longer raised for it.
        awaiting boolean NOT NULL DEFAULT true,
        PRIMARY KEY (notice_id, task_id)
      );
      CREATE INDEX escalation_notice_due_awaiting_idx ON escalation_notice_due(response_due) WHERE awaiting;
      INSERT INTO escalation_notice_due (notice_id, task_id, response_due, awaiting)
        SELECT n.id, nt.task_id, n.response_due, n.status = 'ISSUED'
        FROM supervision_notice n JOIN supervision_notice_task nt ON nt.notice_id = n.id;
    `);
    await applySqlFile(q, 'escalation', 'task-escalation-state', 1);
    await applySqlFile(q, 'escalation', 'escalation-event-references', 1);
    await applySqlFile(q, 'supervision', 'notice-events-kept', 1);
  }

  async down(q: QueryRunner): Promise<void> {
    // The other definitions the files hold are those the earlier migrations left; only the notice check changed.
    await q.query(`
      CREATE OR REPLACE FUNCTION escalation_event_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM (SELECT DISTINCT task_id FROM new_rows) n
                   WHERE NOT EXISTS (SELECT 1 FROM task_escalation s WHERE s.task_id = n.task_id)) THEN
          RAISE EXCEPTION 'escalation_event names a task that does not exist' USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM new_rows n WHERE n.notice_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM supervision_notice s WHERE s.id = n.notice_id)) THEN
          RAISE EXCEPTION 'escalation_event names a supervision notice that does not exist'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
      DROP TABLE escalation_notice_due;
    `);
  }
}
