import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An ADMIN may send a dead-lettered e-mail or webhook delivery again (once its target is fixed).
 * Each such retry needs a queue job id of its own — BullMQ keeps the failed job's id for a week and
 * would drop a second job under it — so the delivery counts its retries and the id carries the count.
 */
export class DeliveryRetries1764800000000 implements MigrationInterface {
  name = 'DeliveryRetries1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification_delivery ADD COLUMN retries int NOT NULL DEFAULT 0;
      -- The dead letters, newest first, for the administrators' list.
      CREATE INDEX notification_delivery_dead_idx ON notification_delivery(created_at DESC) WHERE status = 'DEAD';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX notification_delivery_dead_idx;
      ALTER TABLE notification_delivery DROP COLUMN retries;
    `);
  }
}
