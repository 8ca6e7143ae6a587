import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Department work on tasks: progress reports, completion reviews, extension requests. */
export class TaskWork1763900100000 implements MigrationInterface {
  name = 'TaskWork1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Append-only: a correction is a new report.
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id),
        author_id uuid NOT NULL REFERENCES app_user(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        progress_percent int NOT NULL CHECK (progress_percent BETWEEN 0 AND 100),
        narrative text NOT NULL CHECK (length(btrim(narrative)) > 0),
        problems text,
        next_steps text,
        indicator_values jsonb NOT NULL DEFAULT '[]',
        evidence jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX progress_report_task_idx ON progress_report(task_id, submitted_at);

      -- A supervisor's acceptance or return of completed work, with the comment the liaison sees.
      CREATE TABLE task_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id),
        reviewer_id uuid NOT NULL REFERENCES app_user(id),
        accepted boolean NOT NULL,
        comment text,
        reviewed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX task_review_task_idx ON task_review(task_id, reviewed_at);

      -- 延期申请
      CREATE TABLE extension_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id),
        requested_by uuid NOT NULL REFERENCES app_user(id),
        current_due_date date NOT NULL,
        requested_due_date date NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','APPROVED','REJECTED')),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        decision_comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX extension_request_task_idx ON extension_request(task_id);
      CREATE UNIQUE INDEX extension_request_one_pending ON extension_request(task_id) WHERE status = 'PENDING';

      ALTER TABLE task ADD COLUMN returned_at timestamptz;
      CREATE INDEX task_measure_idx ON task(measure_id);
      -- The tasks list pages in (due date, id) order: walk the index instead of sorting the scope.
      CREATE INDEX task_due_id_idx ON task(due_date, id);
      CREATE INDEX task_pending_review_idx ON task(updated_at) WHERE status = 'PENDING_REVIEW';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task DROP COLUMN returned_at;
      DROP INDEX task_measure_idx, task_pending_review_idx, task_due_id_idx;
      DROP TABLE extension_request, task_review, progress_report;
    `);
  }
}
