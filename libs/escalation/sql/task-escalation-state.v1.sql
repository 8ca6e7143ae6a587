-- 升级状态: task_escalation follows the task's due date, openness and plan, so the sweep never reads a
-- task row and raising a level never rewrites one. Live definition (migration 1766500000000); earlier
-- ones are in migrations 1763900400000 and 1764900000000.

-- Imports publish thousands of tasks in one statement: one insert for all of them.
CREATE OR REPLACE FUNCTION task_escalation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO task_escalation (task_id, plan_id, due_date, open)
    SELECT id, plan_id, due_date, status NOT IN ('COMPLETED','CANCELLED') FROM new_rows;
  RETURN NULL;
END $$;

-- A new due date restarts the ladder (or resumes it, for a due date the task had before); closing or
-- reopening a task takes it out of or back into the sweep. Row level, so that it can name its columns
-- and skip every other update.
CREATE OR REPLACE FUNCTION task_escalation_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task_escalation SET
    due_date = NEW.due_date,
    level = CASE WHEN NEW.due_date = OLD.due_date THEN level ELSE coalesce(
      (SELECT max(e.level) FROM escalation_event e WHERE e.task_id = NEW.id AND e.due_date = NEW.due_date), 0) END,
    open = NEW.status NOT IN ('COMPLETED','CANCELLED'),
    plan_id = NEW.plan_id
  WHERE task_id = NEW.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER task_escalation_after_insert AFTER INSERT ON task
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_escalation_insert();

CREATE OR REPLACE TRIGGER task_escalation_after_update AFTER UPDATE OF due_date, status, plan_id ON task
  FOR EACH ROW WHEN (
    OLD.due_date IS DISTINCT FROM NEW.due_date
    OR (OLD.status IN ('COMPLETED','CANCELLED')) IS DISTINCT FROM (NEW.status IN ('COMPLETED','CANCELLED'))
    OR OLD.plan_id IS DISTINCT FROM NEW.plan_id)
  EXECUTE FUNCTION task_escalation_follow();
