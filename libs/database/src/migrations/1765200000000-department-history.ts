import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry administration: a department keeps the names it had (a rename, or the names of the
 * departments merged into it in a 机构改革) so that documents using them still resolve, and a merged
 * department stays (its closed tasks keep it) but points at the one it was folded into.
 *
 * former_names is its own column, not part of aliases, because the registry seeder overwrites aliases
 * from seeds/registry on every start; history must survive that.
 *
 * The task roll-up triggers (task_status_count, task_open_due) group old and new rows by department,
 * so a merge that changes task.department_id moves the counts with it; task_escalation no longer
 * holds the department. Nothing to change there.
 */
export class DepartmentHistory1765200000000 implements MigrationInterface {
  name = 'DepartmentHistory1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE department
        ADD COLUMN former_names text[] NOT NULL DEFAULT '{}',
        ADD COLUMN merged_into_id uuid REFERENCES department(id),
        ADD CONSTRAINT department_not_merged_into_itself CHECK (merged_into_id <> id);
      CREATE INDEX department_merged_into_idx ON department(merged_into_id) WHERE merged_into_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX department_merged_into_idx;
      ALTER TABLE department
        DROP CONSTRAINT department_not_merged_into_itself,
        DROP COLUMN merged_into_id,
        DROP COLUMN former_names;
    `);
  }
}
