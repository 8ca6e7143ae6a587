import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registry (jurisdictions, function catalogue, departments), users, plans as imported, tasks, audit. */
export class RegistryPlansTasks1763900000000 implements MigrationInterface {
  name = 'RegistryPlansTasks1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdiction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('NATION','PROVINCE','CITY','COUNTY','DISTRICT','TOWNSHIP')),
        parent_id uuid REFERENCES jurisdiction(id),
        aliases text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX jurisdiction_parent_idx ON jurisdiction(parent_id);

      -- 职能目录 function catalogue
      CREATE TABLE department_function (
        code text PRIMARY KEY,
        name text NOT NULL,
        patterns text[] NOT NULL DEFAULT '{}',
        national_names text[] NOT NULL DEFAULT '{}',
        name_template text NOT NULL,
        short_template text NOT NULL
      );

      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        jurisdiction_id uuid NOT NULL REFERENCES jurisdiction(id),
        function_code text NOT NULL REFERENCES department_function(code),
        name text NOT NULL,
        short_name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        provisional boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX department_jurisdiction_idx ON department(jurisdiction_id);

      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN','SUPERVISOR','LEADER','LIAISON')),
        department_id uuid REFERENCES department(id),
        jurisdiction_id uuid REFERENCES jurisdiction(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'LIAISON' OR department_id IS NOT NULL)
      );

      -- One imported text; the same text imported again finds this row by its hash.
      CREATE TABLE plan_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text_hash text NOT NULL UNIQUE,
        file_name text,
        text text NOT NULL,
        warnings jsonb NOT NULL DEFAULT '[]',
        imported_by uuid REFERENCES app_user(id),
        imported_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES plan_document(id),
        ordinal int NOT NULL,
        title text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','ARCHIVED')),
        jurisdiction_id uuid NOT NULL REFERENCES jurisdiction(id),
        document_number text,
        issuer text,
        period_start int,
        period_end int,
        lead_department_id uuid REFERENCES department(id),
        source_text text NOT NULL,
        start_line int NOT NULL,
        end_line int NOT NULL,
        outline jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        UNIQUE (document_id, ordinal)
      );
      CREATE INDEX plan_jurisdiction_idx ON plan(jurisdiction_id);

      CREATE TABLE measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
        ordinal int NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        text text NOT NULL,
        section_title text,
        deadline date,
        deadline_source text NOT NULL DEFAULT 'none',
        source_line int NOT NULL,
        UNIQUE (plan_id, ordinal)
      );

      CREATE TABLE assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES department(id),
        role text NOT NULL CHECK (role IN ('LEAD','COOPERATING','RESPONSIBLE')),
        mentioned_as text NOT NULL,
        explicit boolean NOT NULL,
        fan_out_of text,
        UNIQUE (measure_id, department_id)
      );
      CREATE INDEX assignment_department_idx ON assignment(department_id);

      CREATE TABLE indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
        ordinal int NOT NULL,
        name text NOT NULL,
        unit text,
        category text,
        baseline_year int,
        baseline_value text,
        targets jsonb NOT NULL DEFAULT '[]',
        nature text CHECK (nature IN ('EXPECTED','BINDING')),
        source_line int NOT NULL,
        UNIQUE (plan_id, ordinal)
      );

      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measure(id),
        plan_id uuid NOT NULL REFERENCES plan(id),
        department_id uuid NOT NULL REFERENCES department(id),
        role text NOT NULL CHECK (role IN ('LEAD','COOPERATING','RESPONSIBLE')),
        status text NOT NULL DEFAULT 'NOT_STARTED'
          CHECK (status IN ('NOT_STARTED','IN_PROGRESS','PENDING_REVIEW','COMPLETED','CANCELLED')),
        progress_percent int NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        due_date date NOT NULL,
        original_due_date date NOT NULL,
        version int NOT NULL DEFAULT 1,
        escalation_level int NOT NULL DEFAULT 0,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (measure_id, department_id)
      );
      CREATE INDEX task_department_due_idx ON task(department_id, due_date, id);
      CREATE INDEX task_plan_idx ON task(plan_id);
      CREATE INDEX task_open_due_idx ON task(due_date) WHERE status NOT IN ('COMPLETED','CANCELLED');

      -- Append-only: who did what to which entity, written in the same transaction as the change.
      CREATE TABLE audit_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_id uuid REFERENCES app_user(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_entity_idx ON audit_entry(entity_type, entity_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_entry, task, indicator, assignment, measure, plan, plan_document, app_user,
        department, department_function, jurisdiction;
    `);
  }
}
