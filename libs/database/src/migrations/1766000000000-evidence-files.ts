import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 佐证材料 as files. `file_blob` and `upload` belong to libs/files: a blob is keyed by its SHA-256, so
 * the same file uploaded twice is stored once; `content` is NULL when an S3 driver holds the bytes.
 * STORAGE EXTERNAL keeps the bytes uncompressed out of line, so a Range read slices them without
 * decompressing the whole file (photos and PDFs are compressed already).
 * The link tables belong to the lib of the parent they attach to (tasks, supervision); an upload is
 * attached to one parent at most (`upload_id` is each link's key and `attached_at` marks it).
 */
export class EvidenceFiles1766000000000 implements MigrationInterface {
  name = 'EvidenceFiles1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_blob (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        content bytea,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE file_blob ALTER COLUMN content SET STORAGE EXTERNAL`);
    await q.query(`
      CREATE TABLE upload (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        size bigint NOT NULL CHECK (size > 0),
        content_type text NOT NULL,
        sha256 text NOT NULL REFERENCES file_blob (sha256),
        uploaded_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        attached_at timestamptz,
        attached_to text
      )`);
    await q.query(`CREATE INDEX upload_sha256 ON upload (sha256)`);
    await q.query(`CREATE INDEX upload_unattached ON upload (created_at) WHERE attached_at IS NULL`);
    await q.query(`
      CREATE TABLE progress_report_attachment (
        upload_id uuid PRIMARY KEY REFERENCES upload (id),
        report_id uuid NOT NULL REFERENCES progress_report (id),
        position int NOT NULL
      )`);
    await q.query(`CREATE INDEX progress_report_attachment_report ON progress_report_attachment (report_id)`);
    await q.query(`
      CREATE TABLE extension_request_attachment (
        upload_id uuid PRIMARY KEY REFERENCES upload (id),
        request_id uuid NOT NULL REFERENCES extension_request (id),
        position int NOT NULL
      )`);
    await q.query(`CREATE INDEX extension_request_attachment_request ON extension_request_attachment (request_id)`);
    await q.query(`
      CREATE TABLE supervision_notice_attachment (
        upload_id uuid PRIMARY KEY REFERENCES upload (id),
        notice_id uuid NOT NULL REFERENCES supervision_notice (id),
        position int NOT NULL
      )`);
    await q.query(`CREATE INDEX supervision_notice_attachment_notice ON supervision_notice_attachment (notice_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE supervision_notice_attachment`);
    await q.query(`DROP TABLE extension_request_attachment`);
    await q.query(`DROP TABLE progress_report_attachment`);
    await q.query(`DROP TABLE upload`);
    await q.query(`DROP TABLE file_blob`);
  }
}
