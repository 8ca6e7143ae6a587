import type { MigrationInterface, QueryRunner } from 'typeorm';

// 政务公开: a plan its office made public is shown at /public/plans/<id> without login; a progress
// report's narrative is shown there only once the office marks that report public too.
// `public_changed_at` moves on every toggle (either way), so the public page's cache can tell a
// report's publicity changed by reading one indexed maximum rather than every report of the plan.
export class Publicity1766200000000 implements MigrationInterface {
  name = 'Publicity1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan ADD COLUMN public boolean NOT NULL DEFAULT false;
      CREATE INDEX plan_public_idx ON plan(jurisdiction_id) WHERE public;
      ALTER TABLE progress_report
        ADD COLUMN public boolean NOT NULL DEFAULT false,
        ADD COLUMN public_changed_at timestamptz;
      CREATE INDEX progress_report_publicity_idx ON progress_report(task_id, public_changed_at)
        WHERE public_changed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX progress_report_publicity_idx, plan_public_idx;
      ALTER TABLE progress_report DROP COLUMN public_changed_at, DROP COLUMN public;
      ALTER TABLE plan DROP COLUMN public`);
  }
}
