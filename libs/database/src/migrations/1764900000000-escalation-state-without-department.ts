import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep announces each batch in one outbox row instead of one per department, so nothing reads
 * task_escalation.department_id any more: it goes, with the trigger work that kept it in step.
 */
export class EscalationStateWithoutDepartment1764900000000 implements MigrationInterface {
  name = 'EscalationStateWithoutDepartment1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER task_escalation_after_update ON task;
      ALTER TABLE task_escalation DROP COLUMN department_id;
      CREATE OR REPLACE FUNCTION task_escalation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO task_escalation (task_id, plan_id, due_date, open)
          SELECT id, plan_id, due_date, status NOT IN ('COMPLETED','CANCELLED') FROM new_rows;
        RETURN NULL;
      END $$;
      ${followFunction('')}
      ${updateTrigger('')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER task_escalation_after_update ON task;
      ALTER TABLE task_escalation ADD COLUMN department_id uuid;
      UPDATE task_escalation e SET department_id = t.department_id FROM task t WHERE t.id = e.task_id;
      ALTER TABLE task_escalation ALTER COLUMN department_id SET NOT NULL;
      CREATE OR REPLACE FUNCTION task_escalation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO task_escalation (task_id, plan_id, department_id, due_date, open)
          SELECT id, plan_id, department_id, due_date, status NOT IN ('COMPLETED','CANCELLED') FROM new_rows;
        RETURN NULL;
      END $$;
      ${followFunction(',\n          department_id = NEW.department_id')}
      ${updateTrigger('department_id')}
    `);
  }
}

/** A new due date restarts the ladder (or resumes it, for a due date the task had before). */
function followFunction(departmentAssignment: string): string {
  return `
      CREATE OR REPLACE FUNCTION task_escalation_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE task_escalation SET
          due_date = NEW.due_date,
          level = CASE WHEN NEW.due_date = OLD.due_date THEN level ELSE coalesce(
            (SELECT max(e.level) FROM escalation_event e WHERE e.task_id = NEW.id AND e.due_date = NEW.due_date), 0) END,
          open = NEW.status NOT IN ('COMPLETED','CANCELLED'),
          plan_id = NEW.plan_id${departmentAssignment}
        WHERE task_id = NEW.id;
        RETURN NULL;
      END $$;`;
}

function updateTrigger(departmentColumn: '' | 'department_id'): string {
  const also = departmentColumn
    ? { column: ', department_id', test: '\n          OR OLD.department_id IS DISTINCT FROM NEW.department_id' }
    : { column: '', test: '' };
  return `
      CREATE TRIGGER task_escalation_after_update AFTER UPDATE OF due_date, status, plan_id${also.column} ON task
        FOR EACH ROW WHEN (
          OLD.due_date IS DISTINCT FROM NEW.due_date
          OR (OLD.status IN ('COMPLETED','CANCELLED')) IS DISTINCT FROM (NEW.status IN ('COMPLETED','CANCELLED'))
          OR OLD.plan_id IS DISTINCT FROM NEW.plan_id${also.test})
        EXECUTE FUNCTION task_escalation_follow();`;
}
