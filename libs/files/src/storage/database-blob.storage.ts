import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@app/common';
import type { ByteRange, FileStorage } from './file-storage.js';

/**
 * The default driver: the bytes in `file_blob.content` (bytea). One machine, nothing more to run, and
 * the files are in every database backup. Ranges are sliced by PostgreSQL (the column is stored
 * uncompressed, so substring reads only the chunks it needs).
 */
export class DatabaseBlobStorage implements FileStorage {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async put(m: EntityManager, sha256: string, content: Buffer): Promise<void> {
    await m.query('UPDATE file_blob SET content = $2 WHERE sha256 = $1 AND content IS NULL', [sha256, content]);
  }

  async read(sha256: string, range?: ByteRange): Promise<Buffer> {
    const rows: { content: Buffer | null }[] = range
      ? await this.dataSource.query(
          'SELECT substring(content FROM $2 FOR $3) AS content FROM file_blob WHERE sha256 = $1',
          [sha256, range.start + 1, range.end - range.start + 1],
        )
      : await this.dataSource.query('SELECT content FROM file_blob WHERE sha256 = $1', [sha256]);
    const content = rows[0]?.content;
    if (!content) throw new NotFoundError('File', sha256);
    return content;
  }

  async remove(): Promise<void> {
    // The bytes went with their file_blob row.
  }
}
