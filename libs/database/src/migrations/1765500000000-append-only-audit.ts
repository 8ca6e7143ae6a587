import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail is append-only in the database, not by convention: UPDATE and DELETE on
 * `audit_entry` are refused whatever the caller (SQLSTATE LSA01), as published evaluations are.
 * TRUNCATE is refused too; only dropping the table (a migration's down) gets past it.
 */
export class AppendOnlyAudit1765500000000 implements MigrationInterface {
  name = 'AppendOnlyAudit1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'LSA01';
      END $$;
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_entry_no_truncate ON audit_entry;
      DROP TRIGGER audit_entry_append_only ON audit_entry;
      DROP FUNCTION audit_entry_append_only();
    `);
  }
}
