import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 规划修订: a draft plan may revise a published one (revision_of_id); publishing it carries the
 * published plan's measures forward, so every published version is kept in plan_revision with its
 * source text. measure_match holds the office's corrections of the automatic measure matching.
 */
export class PlanRevisions1766100000000 implements MigrationInterface {
  name = 'PlanRevisions1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan
        ADD COLUMN revision int NOT NULL DEFAULT 1,
        ADD COLUMN revision_of_id uuid REFERENCES plan(id);
      CREATE INDEX plan_revision_of_idx ON plan(revision_of_id) WHERE revision_of_id IS NOT NULL;
      CREATE INDEX plan_title_idx ON plan(jurisdiction_id, title) WHERE status = 'PUBLISHED';

      -- A measure a later revision dropped stays (its tasks, reports and escalations refer to it).
      ALTER TABLE measure ADD COLUMN removed_in_revision int;

      CREATE TABLE plan_revision (
        plan_id uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
        revision int NOT NULL,
        document_id uuid NOT NULL REFERENCES plan_document(id),
        -- The draft it was published from, deleted then: its measures live on in the plan.
        draft_plan_id uuid,
        title text NOT NULL,
        source_text text NOT NULL,
        published_by uuid REFERENCES app_user(id),
        published_at timestamptz NOT NULL,
        PRIMARY KEY (plan_id, revision)
      );
      INSERT INTO plan_revision (plan_id, revision, document_id, title, source_text, published_by, published_at)
      SELECT p.id, 1, p.document_id, p.title, p.source_text,
        (SELECT a.actor_id FROM audit_entry a
         WHERE a.entity_type = 'plan' AND a.entity_id = p.id AND a.action = 'plan.publish' ORDER BY a.at LIMIT 1),
        p.published_at
      FROM plan p WHERE p.status = 'PUBLISHED' AND p.published_at IS NOT NULL;

      -- published_measure_id NULL: the office says the draft measure is new (matches nothing).
      CREATE TABLE measure_match (
        draft_measure_id uuid PRIMARY KEY REFERENCES measure(id) ON DELETE CASCADE,
        published_measure_id uuid REFERENCES measure(id) ON DELETE CASCADE,
        set_by uuid REFERENCES app_user(id),
        set_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE measure_match;
      DROP TABLE plan_revision;
      ALTER TABLE measure DROP COLUMN removed_in_revision;
      DROP INDEX plan_title_idx;
      ALTER TABLE plan DROP COLUMN revision_of_id, DROP COLUMN revision;
    `);
  }
}
