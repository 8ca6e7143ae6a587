import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moves each task's escalation level out of `task` into a narrow table of its own, kept in step with
 * `task` by triggers. While the level lived on `task` and was indexed for the sweep, every level the
 * sweep raised rewrote a wide row and all nine of `task`'s indexes (no HOT update is possible when an
 * indexed column changes); now it rewrites a row of ~60 bytes and two small indexes, and `task` is
 * not written by the sweep at all. See docs/escalation.md → Performance.
 */
export class EscalationState1763900400000 implements MigrationInterface {
  name = 'EscalationState1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX task_escalation_sweep_idx;
      -- 升级状态 the sweep's state per task: the current due date, the highest level raised for it, and
      -- whether the task is still open. plan_id (the policy group) and department_id (whom the outbox
      -- row is for) are copied so the sweep never reads a task row.
      CREATE TABLE task_escalation (
        task_id uuid PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        department_id uuid NOT NULL,
        due_date date NOT NULL,
        level smallint NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),
        open boolean NOT NULL
      );
      INSERT INTO task_escalation (task_id, plan_id, department_id, due_date, level, open)
        SELECT id, plan_id, department_id, due_date, escalation_level, status NOT IN ('COMPLETED','CANCELLED')
        FROM task;
      -- The sweep's candidates: open tasks at a level with a due date up to the next level's cutoff.
      CREATE INDEX task_escalation_sweep_idx ON task_escalation(level, due_date, task_id) WHERE open;

      -- Imports publish thousands of tasks in one statement: one insert for all of them.
      CREATE FUNCTION task_escalation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO task_escalation (task_id, plan_id, department_id, due_date, open)
          SELECT id, plan_id, department_id, due_date, status NOT IN ('COMPLETED','CANCELLED') FROM new_rows;
        RETURN NULL;
      END $$;
      -- A new due date starts the ladder afresh (or where it stood, for a due date the task had before);
      -- closing or reopening a task takes it out of or back into the sweep. Row level, so that it can name its columns and skip every other update.
      CREATE FUNCTION task_escalation_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE task_escalation SET
          due_date = NEW.due_date,
          level = CASE WHEN NEW.due_date = OLD.due_date THEN level ELSE coalesce(
            (SELECT max(e.level) FROM escalation_event e WHERE e.task_id = NEW.id AND e.due_date = NEW.due_date), 0) END,
          open = NEW.status NOT IN ('COMPLETED','CANCELLED'),
          plan_id = NEW.plan_id,
          department_id = NEW.department_id
        WHERE task_id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER task_escalation_after_insert AFTER INSERT ON task
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_escalation_insert();
      CREATE TRIGGER task_escalation_after_update AFTER UPDATE OF due_date, status, plan_id, department_id ON task
        FOR EACH ROW WHEN (
          OLD.due_date IS DISTINCT FROM NEW.due_date
          OR (OLD.status IN ('COMPLETED','CANCELLED')) IS DISTINCT FROM (NEW.status IN ('COMPLETED','CANCELLED'))
          OR OLD.plan_id IS DISTINCT FROM NEW.plan_id
          OR OLD.department_id IS DISTINCT FROM NEW.department_id)
        EXECUTE FUNCTION task_escalation_follow();

      ALTER TABLE task DROP COLUMN escalation_level;
      -- Events are found by task through their unique (task_id, level, due_date) key; a second index
      -- led by the task's random uuid only doubled the cost of every event the sweep writes, and
      -- nothing looks events up by the date they were raised.
      DROP INDEX escalation_event_task_idx, escalation_event_as_of_idx;
    `);
    await renumberEvents(q);
    await checkEventTasksPerStatement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER escalation_event_task_exists ON escalation_event;
      DROP TRIGGER escalation_event_keeps_task ON escalation_event;
      DROP TRIGGER task_escalation_events_kept ON task_escalation;
      DROP FUNCTION escalation_event_task_exists, escalation_event_keeps_task, task_escalation_events_kept;
      ALTER TABLE escalation_event ADD CONSTRAINT escalation_event_task_id_fkey FOREIGN KEY (task_id) REFERENCES task(id);
      ALTER TABLE escalation_event DROP CONSTRAINT escalation_event_pkey;
      ALTER TABLE escalation_event ALTER COLUMN id DROP IDENTITY;
      ALTER TABLE escalation_event ALTER COLUMN id TYPE uuid
        USING ('00000000-0000-4000-8000-' || lpad(to_hex(id), 12, '0'))::uuid;
      ALTER TABLE escalation_event ALTER COLUMN id SET DEFAULT gen_random_uuid();
      ALTER TABLE escalation_event ADD PRIMARY KEY (id);
      UPDATE notification_outbox o SET payload = jsonb_build_object('eventIds', (
          SELECT jsonb_agg('00000000-0000-4000-8000-' || lpad(to_hex(x::bigint), 12, '0'))
          FROM jsonb_array_elements_text(o.payload->'eventIds') x))
        WHERE o.kind = 'ESCALATION';
      UPDATE notification SET source_key =
          'escalation:00000000-0000-4000-8000-' || lpad(to_hex(substring(source_key FROM 12)::bigint), 12, '0')
        WHERE source_key ~ '^escalation:[0-9]+$';
      UPDATE notification_delivery SET source_key =
          'escalation:00000000-0000-4000-8000-' || lpad(to_hex(substring(source_key FROM 12)::bigint), 12, '0')
        WHERE source_key ~ '^escalation:[0-9]+$';
      CREATE INDEX escalation_event_as_of_idx ON escalation_event(as_of, level);
      CREATE INDEX escalation_event_task_idx ON escalation_event(task_id, as_of);
      ALTER TABLE task ADD COLUMN escalation_level int NOT NULL DEFAULT 0;
      UPDATE task t SET escalation_level = e.level FROM task_escalation e WHERE e.task_id = t.id AND e.level > 0;
      DROP TRIGGER task_escalation_after_insert ON task;
      DROP TRIGGER task_escalation_after_update ON task;
      DROP TABLE task_escalation;
      DROP FUNCTION task_escalation_insert, task_escalation_follow;
      CREATE INDEX task_escalation_sweep_idx ON task(escalation_level, due_date, id)
        WHERE status NOT IN ('COMPLETED','CANCELLED');
    `);
  }
}

/**
 * Escalation events get bigint ids from a sequence instead of uuids built per row: the backlog sweep
 * writes a million of them, and generating a uuid (random bytes, then a text round trip for the
 * time-ordered kind) cost as much as the insert itself. Outbox rows not yet dispatched and the source
 * keys of notifications and deliveries already made name events by id: they are carried over, so a
 * retried dispatch still finds what it announced and adds nothing twice.
 */
async function renumberEvents(q: QueryRunner): Promise<void> {
  await q.query(`
    ALTER TABLE escalation_event RENAME COLUMN id TO old_id;
    ALTER TABLE escalation_event ADD COLUMN id bigint;
    UPDATE escalation_event e SET id = n.id
      FROM (SELECT old_id, row_number() OVER (ORDER BY raised_at, old_id) AS id FROM escalation_event) n
      WHERE n.old_id = e.old_id;
    UPDATE notification_outbox o SET payload = jsonb_build_object('eventIds', renamed.ids)
      FROM (SELECT x.id, jsonb_agg(e.id ORDER BY e.id) AS ids
            FROM notification_outbox x CROSS JOIN jsonb_array_elements_text(x.payload->'eventIds') AS old(id)
            JOIN escalation_event e ON e.old_id = old.id::uuid
            WHERE x.kind = 'ESCALATION' GROUP BY x.id) renamed
      WHERE renamed.id = o.id;
    UPDATE notification n SET source_key = 'escalation:' || e.id
      FROM escalation_event e WHERE n.source_key = 'escalation:' || e.old_id;
    UPDATE notification_delivery d SET source_key = 'escalation:' || e.id
      FROM escalation_event e WHERE d.source_key = 'escalation:' || e.old_id;
    ALTER TABLE escalation_event DROP CONSTRAINT escalation_event_pkey;
    ALTER TABLE escalation_event DROP COLUMN old_id;
    ALTER TABLE escalation_event ALTER COLUMN id SET NOT NULL;
    ALTER TABLE escalation_event ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (CACHE 1000);
    SELECT setval(pg_get_serial_sequence('escalation_event', 'id'), coalesce(max(id), 0) + 1, false) FROM escalation_event;
    ALTER TABLE escalation_event ADD PRIMARY KEY (id);
  `);
}

/**
 * The foreign key from escalation_event to task checked each event with a query of its own and locked
 * its task row, a third of the backlog sweep's time. The same rule holds, checked once per statement:
 * every inserted event names a task that exists, and no task with events can be deleted.
 */
async function checkEventTasksPerStatement(q: QueryRunner): Promise<void> {
  await q.query(`
    ALTER TABLE escalation_event DROP CONSTRAINT escalation_event_task_id_fkey;
    CREATE FUNCTION escalation_event_task_exists() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM task_escalation s WHERE s.task_id = n.task_id)) THEN
        RAISE EXCEPTION 'escalation_event names a task that does not exist' USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER escalation_event_task_exists AFTER INSERT ON escalation_event
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION escalation_event_task_exists();
    -- Events are never updated; a task's state row goes only with its task (ON DELETE CASCADE).
    CREATE FUNCTION task_escalation_events_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM old_rows o JOIN escalation_event e ON e.task_id = o.task_id) THEN
        RAISE EXCEPTION 'a task with escalation events cannot be deleted' USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER task_escalation_events_kept AFTER DELETE ON task_escalation
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_escalation_events_kept();
    CREATE FUNCTION escalation_event_keeps_task() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'an escalation event keeps the task it was raised for' USING ERRCODE = 'foreign_key_violation';
    END $$;
    CREATE TRIGGER escalation_event_keeps_task BEFORE UPDATE OF task_id ON escalation_event
      FOR EACH ROW WHEN (OLD.task_id IS DISTINCT FROM NEW.task_id) EXECUTE FUNCTION escalation_event_keeps_task();
  `);
}
