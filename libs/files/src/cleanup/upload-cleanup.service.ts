import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';

/** An upload not attached within this long is removed: the form it was for was abandoned. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

export interface CleanupFigures {
  uploadsRemoved: number;
  blobsRemoved: number;
}

/**
 * Removes uploads never attached within a day, and the blobs no upload refers to any more. Blob rows
 * go in the same transaction as the uploads (the foreign key from `upload` makes a concurrent upload
 * of the same content fail this run rather than lose its bytes; the job is retried); an external
 * store's objects are deleted once that committed.
 */
@Injectable()
export class UploadCleanup {
  private readonly logger = new Logger(UploadCleanup.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async run(now = new Date()): Promise<CleanupFigures> {
    const cutoff = new Date(now.getTime() - UNATTACHED_TTL_MS);
    const { uploads, blobs } = await this.dataSource.transaction(async (m) => {
      // TypeORM answers a DELETE … RETURNING with [rows, count].
      const [removed]: [{ id: string; sha256: string; name: string }[], number] = await m.query(
        'DELETE FROM upload WHERE attached_at IS NULL AND created_at < $1 RETURNING id, sha256, name',
        [cutoff],
      );
      for (const u of removed)
        await this.audit.record(m, null, 'upload.expire', 'upload', u.id, { name: u.name, sha256: u.sha256 }, null);
      const shas = [...new Set(removed.map((u) => u.sha256))];
      const [orphans]: [{ sha256: string }[], number] = shas.length
        ? await m.query(
            `DELETE FROM file_blob b WHERE b.sha256 = ANY($1)
               AND NOT EXISTS (SELECT 1 FROM upload u WHERE u.sha256 = b.sha256) RETURNING b.sha256`,
            [shas],
          )
        : [[], 0];
      return { uploads: removed.length, blobs: orphans.map((o) => o.sha256) };
    });
    if (blobs.length) await this.storage.remove(blobs);
    if (uploads) this.logger.log(`removed ${uploads} unattached uploads, ${blobs.length} blobs`);
    return { uploadsRemoved: uploads, blobsRemoved: blobs.length };
  }
}
