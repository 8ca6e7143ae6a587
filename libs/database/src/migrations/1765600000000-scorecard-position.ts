import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Equal scores now share a rank (并列), so a frozen league table needs its own order among equals to
 * read back as it was computed. Rows frozen before this had ranks 1…n, unique: their rank is their
 * position, so the column stays empty for them and readers order by coalesce(position, rank).
 */
export class ScorecardPosition1765600000000 implements MigrationInterface {
  name = 'ScorecardPosition1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE evaluation_scorecard ADD COLUMN position int');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE evaluation_scorecard DROP COLUMN position');
  }
}
