import type { MigrationInterface, QueryRunner } from 'typeorm';

// The id of the request that wrote an outbox row: the relay puts it into the dispatch job, so the
// worker's log lines of that news name the request (X-Request-Id) that caused it.
export class OutboxRequestId1766300000000 implements MigrationInterface {
  name = 'OutboxRequestId1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notification_outbox ADD COLUMN request_id text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notification_outbox DROP COLUMN request_id');
  }
}
