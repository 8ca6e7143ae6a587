import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation (working-day calendar, ladder events, report reminders), notifications (outbox, in-app,
 * e-mail and webhook deliveries) and supervision notices (督办单).
 */
export class Escalation1763900200000 implements MigrationInterface {
  name = 'Escalation1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Years luoshi holds the State Council's holiday schedule (节假日安排) for; any other year is unknown.
      CREATE TABLE holiday_calendar_year (
        year int PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
        source text NOT NULL CHECK (source IN ('chinese-days','admin')),
        loaded_by uuid REFERENCES app_user(id),
        loaded_at timestamptz NOT NULL DEFAULT now()
      );
      -- Days that break the Monday–Friday rule: holidays (节假日) and adjusted workdays (调休上班).
      CREATE TABLE holiday_calendar_day (
        day date PRIMARY KEY,
        year int NOT NULL REFERENCES holiday_calendar_year(year) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('HOLIDAY','WORKDAY')),
        CHECK (extract(year FROM day)::int = year)
      );

      -- A plan's own ladder and reporting cadence; null = the default policy.
      ALTER TABLE plan ADD COLUMN escalation_policy jsonb;

      -- 督办单 supervision notice; numbered 督办〔year〕seq号 per issuing jurisdiction and year.
      CREATE TABLE supervision_notice_counter (
        jurisdiction_id uuid NOT NULL REFERENCES jurisdiction(id),
        year int NOT NULL,
        last_seq int NOT NULL DEFAULT 0,
        PRIMARY KEY (jurisdiction_id, year)
      );
      CREATE TABLE supervision_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction_id uuid NOT NULL REFERENCES jurisdiction(id),
        year int NOT NULL,
        seq int NOT NULL CHECK (seq > 0),
        number text NOT NULL UNIQUE,
        department_id uuid NOT NULL REFERENCES department(id),
        requirements text NOT NULL CHECK (length(btrim(requirements)) > 0),
        response_due date NOT NULL,
        status text NOT NULL DEFAULT 'ISSUED' CHECK (status IN ('ISSUED','RESPONDED','CLOSED')),
        response text,
        responded_at timestamptz,
        responded_by uuid REFERENCES app_user(id),
        closed_at timestamptz,
        closed_by uuid REFERENCES app_user(id),
        issued_by uuid NOT NULL REFERENCES app_user(id),
        reissue_of uuid REFERENCES supervision_notice(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (jurisdiction_id, year, seq)
      );
      CREATE INDEX supervision_notice_department_idx ON supervision_notice(department_id, status);
      CREATE INDEX supervision_notice_response_due_idx ON supervision_notice(response_due) WHERE status = 'ISSUED';
      CREATE TABLE supervision_notice_task (
        notice_id uuid NOT NULL REFERENCES supervision_notice(id),
        task_id uuid NOT NULL REFERENCES task(id),
        PRIMARY KEY (notice_id, task_id)
      );
      CREATE INDEX supervision_notice_task_task_idx ON supervision_notice_task(task_id);

      -- One rung of the ladder reached by a task for one due date; a new due date starts afresh.
      CREATE TABLE escalation_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id),
        level int NOT NULL CHECK (level BETWEEN 1 AND 4),
        due_date date NOT NULL,
        as_of date NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        calendar_fallback boolean NOT NULL DEFAULT false,
        -- Set when level 4 came from a notice whose response is overdue rather than from the calendar.
        notice_id uuid REFERENCES supervision_notice(id),
        UNIQUE (task_id, level, due_date)
      );
      CREATE INDEX escalation_event_as_of_idx ON escalation_event(as_of, level);
      -- The sweep's candidates: open tasks below a level with a due date up to that level's cutoff.
      CREATE INDEX task_escalation_sweep_idx ON task(escalation_level, due_date, id)
        WHERE status NOT IN ('COMPLETED','CANCELLED');

      -- 报送提醒 report-missing reminder: once per task and reporting period.
      CREATE TABLE report_reminder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        report_due date NOT NULL,
        as_of date NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        calendar_fallback boolean NOT NULL DEFAULT false,
        UNIQUE (task_id, period_start)
      );
      -- A reporting period already checked for one cadence and report due date: later sweeps skip it.
      CREATE TABLE report_period_check (
        cadence text NOT NULL,
        period_start date NOT NULL,
        report_due date NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cadence, period_start, report_due)
      );

      -- 事务性发件箱 transactional outbox: committed with what it announces, relayed to the queue later.
      CREATE TABLE notification_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Handed to the queue (relay_count times); a row relayed long ago but never dispatched is
        -- relayed again under a new job id, in case its job was lost.
        relayed_at timestamptz,
        relay_count int NOT NULL DEFAULT 0,
        dispatched_at timestamptz
      );
      CREATE INDEX notification_outbox_pending_idx ON notification_outbox(id) WHERE dispatched_at IS NULL;

      -- In-app notifications: one per announced thing (source_key) and user.
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL,
        message text NOT NULL,
        task_id uuid REFERENCES task(id),
        source_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (source_key, user_id)
      );
      CREATE INDEX notification_user_idx ON notification(user_id, created_at DESC);

      -- Where a user's e-mail notifications go.
      CREATE TABLE notification_email (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        address text NOT NULL CHECK (address LIKE '%_@_%'),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- JSON POST targets signed with HMAC-SHA256 (e.g. WeCom or DingTalk group robots behind a relay):
      -- a department's endpoint hears what its liaisons hear, a jurisdiction's what its office hears.
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        url text NOT NULL CHECK (url ~ '^https?://'),
        secret text NOT NULL CHECK (length(secret) >= 16),
        jurisdiction_id uuid REFERENCES jurisdiction(id),
        department_id uuid REFERENCES department(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(jurisdiction_id, department_id) = 1)
      );

      -- E-mail and webhook sends: one per announced thing, channel and recipient, whatever the retries.
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('EMAIL','WEBHOOK')),
        recipient text NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','DEAD')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (source_key, channel, recipient)
      );
      CREATE INDEX notification_delivery_pending_idx ON notification_delivery(enqueued_at) WHERE status = 'PENDING';
    `);
    // The holiday schedules come as data in HolidayScheduleData1766400000000: this migration once read
    // them from the installed chinese-days, so two installs could count different working days.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX task_escalation_sweep_idx;
      DROP TABLE notification_delivery, webhook_endpoint, notification_email, notification, notification_outbox,
        report_period_check, report_reminder, escalation_event, supervision_notice_task, supervision_notice,
        supervision_notice_counter, holiday_calendar_day, holiday_calendar_year;
      ALTER TABLE plan DROP COLUMN escalation_policy;
    `);
  }
}
