import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leaders' views: the task roll-up behind the jurisdiction-wide overview (kept by triggers in the
 * tasks' own transaction), the scoring rules (考核规则) and evaluations (中期评估 / 终期评估), frozen
 * once published — by the service and, here, by triggers.
 */
export class Evaluation1763900300000 implements MigrationInterface {
  name = 'Evaluation1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- 汇总 roll-ups behind the jurisdiction-wide overview, kept by triggers in the tasks' own transaction:
      -- tasks per plan jurisdiction, department and status; and open tasks per month due, so that counting
      -- the overdue adds whole months here and only the days of asOf's month from the tasks themselves.
      CREATE TABLE task_status_count (
        jurisdiction_id uuid NOT NULL,
        department_id uuid NOT NULL,
        status text NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (jurisdiction_id, department_id, status)
      );
      CREATE TABLE task_open_due (
        jurisdiction_id uuid NOT NULL,
        due_month date NOT NULL,
        department_id uuid NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (jurisdiction_id, due_month, department_id)
      );

      -- Adds signed task counts (by plan, department, status, month due) to both roll-ups, in key order
      -- so that concurrent writers lock roll-up rows alike.
      CREATE FUNCTION task_rollup_add(plans uuid[], departments uuid[], statuses text[], months date[], counts int[])
      RETURNS void LANGUAGE sql AS $$
        WITH c AS (
          SELECT p.jurisdiction_id AS j, u.d, u.s, u.m, u.n
          FROM unnest(plans, departments, statuses, months, counts) AS u(p, d, s, m, n) JOIN plan p ON p.id = u.p),
        by_status AS (
          INSERT INTO task_status_count AS r (jurisdiction_id, department_id, status, n)
          SELECT j, d, s, sum(n) FROM c GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT (jurisdiction_id, department_id, status) DO UPDATE SET n = r.n + EXCLUDED.n)
        INSERT INTO task_open_due AS r (jurisdiction_id, due_month, department_id, n)
        SELECT j, m, d, sum(n) FROM c WHERE s NOT IN ('COMPLETED','CANCELLED')
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (jurisdiction_id, due_month, department_id) DO UPDATE SET n = r.n + EXCLUDED.n
      $$;

      CREATE FUNCTION task_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM task_rollup_add(array_agg(p), array_agg(d), array_agg(s), array_agg(m), array_agg(n)) FROM (
          SELECT plan_id AS p, department_id AS d, status AS s, date_trunc('month', due_date)::date AS m, count(*)::int AS n
          FROM new_rows GROUP BY 1, 2, 3, 4) x;
        RETURN NULL;
      END $$;

      CREATE FUNCTION task_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM task_rollup_add(array_agg(p), array_agg(d), array_agg(s), array_agg(m), array_agg(n)) FROM (
          SELECT plan_id AS p, department_id AS d, status AS s, date_trunc('month', due_date)::date AS m, -count(*)::int AS n
          FROM old_rows GROUP BY 1, 2, 3, 4) x;
        RETURN NULL;
      END $$;

      -- Most updates (progress, version, escalation level) leave every key as it was: their counts cancel
      -- out and no roll-up row is touched.
      CREATE FUNCTION task_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM task_rollup_add(array_agg(p), array_agg(d), array_agg(s), array_agg(m), array_agg(n)) FROM (
          SELECT plan_id AS p, department_id AS d, status AS s, date_trunc('month', due_date)::date AS m, sum(c.n)::int AS n
          FROM (SELECT plan_id, department_id, status, due_date, 1 AS n FROM new_rows
                UNION ALL SELECT plan_id, department_id, status, due_date, -1 FROM old_rows) c
          GROUP BY 1, 2, 3, 4 HAVING sum(c.n) <> 0) x;
        RETURN NULL;
      END $$;

      CREATE TRIGGER task_rollup_after_insert AFTER INSERT ON task
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_rollup_insert();
      CREATE TRIGGER task_rollup_after_delete AFTER DELETE ON task
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_rollup_delete();
      CREATE TRIGGER task_rollup_after_update AFTER UPDATE ON task
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_rollup_update();

      SELECT task_rollup_add(array_agg(p), array_agg(d), array_agg(s), array_agg(m), array_agg(n)) FROM (
        SELECT plan_id AS p, department_id AS d, status AS s, date_trunc('month', due_date)::date AS m, count(*)::int AS n
        FROM task GROUP BY 1, 2, 3, 4) x;

      -- Indicator values as reported, found from the plan's tasks.
      CREATE INDEX progress_report_indicator_values_idx ON progress_report(task_id, submitted_at)
        WHERE indicator_values <> '[]';
      CREATE INDEX escalation_event_task_idx ON escalation_event(task_id, as_of);
      CREATE INDEX report_reminder_task_idx ON report_reminder(task_id, as_of);

      -- 考核规则: append-only versions, the newest in force; an evaluation names the version it used.
      CREATE TABLE scoring_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        weight_on_time numeric NOT NULL CHECK (weight_on_time >= 0),
        weight_not_overdue numeric NOT NULL CHECK (weight_not_overdue >= 0),
        weight_reporting numeric NOT NULL CHECK (weight_reporting >= 0),
        escalation_penalties numeric[] NOT NULL
          CHECK (cardinality(escalation_penalties) = 4 AND 0 <= ALL (escalation_penalties)),
        notice_penalty numeric NOT NULL CHECK (notice_penalty >= 0),
        report_window_days int NOT NULL CHECK (report_window_days BETWEEN 1 AND 366),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (weight_on_time + weight_not_overdue + weight_reporting > 0)
      );
      INSERT INTO scoring_rules (weight_on_time, weight_not_overdue, weight_reporting, escalation_penalties,
        notice_penalty, report_window_days)
      VALUES (50, 30, 20, '{0,0.5,1,2}', 1, 31);

      -- 考核 evaluation of a plan as of a date: 中期评估 MID_TERM or 终期评估 FINAL.
      CREATE TABLE evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plan(id),
        kind text NOT NULL CHECK (kind IN ('MID_TERM','FINAL')),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        as_of date NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED')),
        rules_id uuid NOT NULL REFERENCES scoring_rules(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        computed_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES app_user(id),
        published_at timestamptz,
        CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
      );
      CREATE INDEX evaluation_plan_idx ON evaluation(plan_id, created_at);
      CREATE UNIQUE INDEX evaluation_one_published ON evaluation(plan_id, kind) WHERE status = 'PUBLISHED';

      -- The frozen league table.
      CREATE TABLE evaluation_scorecard (
        evaluation_id uuid NOT NULL REFERENCES evaluation(id),
        department_id uuid NOT NULL REFERENCES department(id),
        rank int NOT NULL,
        tasks_total int NOT NULL,
        tasks_completed int NOT NULL,
        completed_on_time int NOT NULL,
        tasks_due int NOT NULL,
        due_completed_on_time int NOT NULL,
        overdue int NOT NULL,
        escalations_by_level int[] NOT NULL,
        notices_issued int NOT NULL,
        report_timeliness numeric,
        report_reminders int NOT NULL,
        score numeric NOT NULL,
        PRIMARY KEY (evaluation_id, department_id)
      );

      -- The frozen indicator attainment.
      CREATE TABLE evaluation_indicator (
        evaluation_id uuid NOT NULL REFERENCES evaluation(id),
        indicator_id uuid NOT NULL REFERENCES indicator(id),
        ordinal int NOT NULL,
        name text NOT NULL,
        unit text,
        baseline_value text,
        target_year int,
        target text,
        value text,
        value_year int,
        status text NOT NULL CHECK (status IN ('ON_TRACK','AT_RISK','OFF_TRACK','UNKNOWN')),
        reason text NOT NULL,
        PRIMARY KEY (evaluation_id, indicator_id)
      );

      -- A published evaluation never changes: refused here whatever the caller (SQLSTATE LSF01).
      CREATE FUNCTION evaluation_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'evaluation % is published and cannot change', OLD.id USING ERRCODE = 'LSF01';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER evaluation_frozen BEFORE UPDATE OR DELETE ON evaluation
        FOR EACH ROW EXECUTE FUNCTION evaluation_frozen();

      CREATE FUNCTION evaluation_part_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        touched uuid[] := '{}';
      BEGIN
        IF TG_OP <> 'INSERT' THEN touched := touched || OLD.evaluation_id; END IF;
        IF TG_OP <> 'DELETE' THEN touched := touched || NEW.evaluation_id; END IF;
        IF EXISTS (SELECT 1 FROM evaluation WHERE id = ANY (touched) AND status = 'PUBLISHED') THEN
          RAISE EXCEPTION 'evaluation % is published and cannot change', touched[1] USING ERRCODE = 'LSF01';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER evaluation_scorecard_frozen BEFORE INSERT OR UPDATE OR DELETE ON evaluation_scorecard
        FOR EACH ROW EXECUTE FUNCTION evaluation_part_frozen();
      CREATE TRIGGER evaluation_indicator_frozen BEFORE INSERT OR UPDATE OR DELETE ON evaluation_indicator
        FOR EACH ROW EXECUTE FUNCTION evaluation_part_frozen();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE evaluation_indicator, evaluation_scorecard, evaluation, scoring_rules;
      DROP FUNCTION evaluation_part_frozen(), evaluation_frozen();
      DROP INDEX progress_report_indicator_values_idx, escalation_event_task_idx, report_reminder_task_idx;
      DROP TRIGGER task_rollup_after_insert ON task;
      DROP TRIGGER task_rollup_after_delete ON task;
      DROP TRIGGER task_rollup_after_update ON task;
      DROP FUNCTION task_rollup_insert(), task_rollup_delete(), task_rollup_update(),
        task_rollup_add(uuid[], uuid[], text[], date[], int[]);
      DROP TABLE task_status_count, task_open_due;
    `);
  }
}
