import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grouped escalation messages and daily digests (issue 16, floods):
 * - `escalation_sweep_run` (libs/escalation) records every sweep: the events it raised are those
 *   its batches listed in ESCALATION outbox rows with ids in (first_outbox_id, last_outbox_id] —
 *   sweeps are the only writers of those rows and run one at a time, and outbox ids come in order
 *   (event ids do not: their sequence hands each connection a block of 1,000) — so one message per
 *   recipient, plan and level can be made of a whole run, and the worker knows whether today's
 *   sweep has run (catch-up after downtime or a publication).
 * - `notification_preference` (libs/notifications): per user and kind, IMMEDIATE or DAILY_DIGEST
 *   (no row: DAILY_DIGEST for leaders, IMMEDIATE for the others).
 * - `notification_held` (libs/notifications): messages waiting for their recipient's daily digest.
 * - `notification.link`: where a grouped message points (the filtered overdue queue).
 */
export class NotificationDigests1765800000000 implements MigrationInterface {
  name = 'NotificationDigests1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE escalation_sweep_run (
        id bigserial PRIMARY KEY,
        as_of date NOT NULL,
        -- A supervision office's sweep covers its jurisdiction and those below; null: every jurisdiction.
        jurisdiction_id uuid REFERENCES jurisdiction(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        first_outbox_id bigint NOT NULL,
        last_outbox_id bigint,
        CHECK ((finished_at IS NULL) = (last_outbox_id IS NULL))
      );
      CREATE INDEX escalation_sweep_run_finished_idx ON escalation_sweep_run (as_of DESC) WHERE finished_at IS NOT NULL;

      CREATE TABLE notification_preference (
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]{0,63}$'),
        mode text NOT NULL CHECK (mode IN ('IMMEDIATE', 'DAILY_DIGEST')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      );

      CREATE TABLE notification_held (
        source_key text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- The digest notification that carried it; null while it waits.
        digest_key text,
        PRIMARY KEY (source_key, user_id)
      );
      CREATE INDEX notification_held_waiting_idx ON notification_held (user_id, kind) WHERE digest_key IS NULL;

      ALTER TABLE notification ADD COLUMN link text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification DROP COLUMN link;
      DROP TABLE notification_held;
      DROP TABLE notification_preference;
      DROP TABLE escalation_sweep_run;
    `);
  }
}
