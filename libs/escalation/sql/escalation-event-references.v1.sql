-- What escalation_event refers to, checked once per statement rather than by foreign keys (a backlog
-- sweep inserts ≈ 3,700 events a statement; see migrations 1763900400000 and 1764900100000): every
-- event names a task that has escalation state, and a notice escalation was told awaits a response
-- (escalation_notice_due, reported by supervision); an event keeps both, and a task's state row
-- with events cannot be deleted. Live definition (migration 1766500000000).

CREATE OR REPLACE FUNCTION escalation_event_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT task_id FROM new_rows) n
             WHERE NOT EXISTS (SELECT 1 FROM task_escalation s WHERE s.task_id = n.task_id)) THEN
    RAISE EXCEPTION 'escalation_event names a task that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM new_rows n WHERE n.notice_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM escalation_notice_due d WHERE d.notice_id = n.notice_id)) THEN
    RAISE EXCEPTION 'escalation_event names a supervision notice that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER escalation_event_references_exist AFTER INSERT ON escalation_event
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION escalation_event_references_exist();

CREATE OR REPLACE FUNCTION escalation_event_keeps_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an escalation event keeps the task and notice it was raised for' USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE OR REPLACE TRIGGER escalation_event_keeps_task BEFORE UPDATE OF task_id, notice_id ON escalation_event
  FOR EACH ROW WHEN (OLD.task_id IS DISTINCT FROM NEW.task_id OR OLD.notice_id IS DISTINCT FROM NEW.notice_id)
  EXECUTE FUNCTION escalation_event_keeps_task();

-- Events are never updated; a task's state row goes only with its task (ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION task_escalation_events_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN escalation_event e ON e.task_id = o.task_id) THEN
    RAISE EXCEPTION 'a task with escalation events cannot be deleted' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER task_escalation_events_kept AFTER DELETE ON task_escalation
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_escalation_events_kept();
