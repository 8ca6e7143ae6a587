-- A supervision notice that escalation events name (level 4 for an overdue response) is neither
-- deleted nor given another id, as the foreign key it replaced refused (migration 1764900100000).
-- Supervision sits above escalation, so this check of escalation_event lives here. Live definition
-- (migration 1766500000000).

CREATE OR REPLACE FUNCTION supervision_notice_events_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN escalation_event e ON e.notice_id = o.id) THEN
    RAISE EXCEPTION 'a supervision notice named by escalation events cannot be deleted' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER supervision_notice_events_kept AFTER DELETE ON supervision_notice
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_notice_events_kept();

CREATE OR REPLACE FUNCTION supervision_notice_keeps_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a supervision notice keeps its id' USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE OR REPLACE TRIGGER supervision_notice_keeps_id BEFORE UPDATE OF id ON supervision_notice
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION supervision_notice_keeps_id();
