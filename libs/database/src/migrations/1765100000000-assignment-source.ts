import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each assignment was found (Assignment.source): LIST (an explicit list, or added by hand in review), PROSE
 * (an actor named in prose), PLAN_DEFAULT (the measure named no one: the plan's lead department), FAN_OUT (one
 * child of 各区县政府). Existing rows are read back from what they kept: fan_out_of, explicit, and — for the
 * default owner — a lone inferred assignment of the plan's lead whose mentioned_as is the lead's short name and
 * is not in the measure's text. Such a row's mentioned_as named words the text does not contain; it is emptied.
 */
export class AssignmentSource1765100000000 implements MigrationInterface {
  name = 'AssignmentSource1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assignment ADD COLUMN source text;
      UPDATE assignment SET source = CASE
        WHEN fan_out_of IS NOT NULL THEN 'FAN_OUT'
        WHEN explicit THEN 'LIST'
        ELSE 'PROSE' END;
      UPDATE assignment a SET source = 'PLAN_DEFAULT', mentioned_as = ''
      FROM measure m
      JOIN plan p ON p.id = m.plan_id
      JOIN department lead ON lead.id = p.lead_department_id
      WHERE a.measure_id = m.id
        AND a.source = 'PROSE'
        AND a.department_id = lead.id
        AND a.mentioned_as = lead.short_name
        AND strpos(m.text, a.mentioned_as) = 0
        AND NOT EXISTS (SELECT 1 FROM assignment b WHERE b.measure_id = a.measure_id AND b.id <> a.id);
      ALTER TABLE assignment ALTER COLUMN source SET NOT NULL,
        ADD CONSTRAINT assignment_source_check CHECK (source IN ('LIST','PROSE','PLAN_DEFAULT','FAN_OUT'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // The default owner was named by its department's short name before.
    await q.query(`
      UPDATE assignment a SET mentioned_as = d.short_name
      FROM department d
      WHERE d.id = a.department_id AND a.source = 'PLAN_DEFAULT' AND a.mentioned_as = '';
      ALTER TABLE assignment DROP COLUMN source;
    `);
  }
}
