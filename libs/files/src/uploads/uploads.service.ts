import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, BadInputError, ConflictError, ForbiddenError, NotFoundError, type AppConfig } from '@app/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from '@app/auth';
import { sniffContentType } from '../content/content-type.js';
import { FILE_STORAGE, type ByteRange, type FileStorage } from '../storage/file-storage.js';
import { attachmentOf, type Attachment, type AttachmentRow } from './attachment.type.js';
import { AttachmentOwners } from './attachment-owners.js';
import { displayName } from './display-name.js';

export const MB = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What POST /uploads answers. */
export type UploadResult = Omit<Attachment, 'url'>;

interface UploadRow extends AttachmentRow {
  uploaded_by: string;
  attached_to: string | null;
}

/**
 * 佐证材料 uploads: stored once per content, attached to one report (notice answer, extension
 * request) at most, and served only under the scope of what they are attached to.
 */
@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly owners: AttachmentOwners,
    private readonly audit: AuditService,
  ) {}

  /** The type comes from the bytes; the name is kept for display only. */
  async store(uploaderId: string, originalName: string, content: Buffer): Promise<UploadResult> {
    const sniffed = sniffContentType(content);
    if (!sniffed.accepted)
      throw new BadInputError(
        `不支持的文件类型：${sniffed.detected}；可上传 PDF、PNG、JPEG、WebP、Office 文档或纯文本 (file type ${sniffed.detected} is not accepted)`,
        { detectedType: sniffed.detected },
      );
    if (content.length > this.config.UPLOAD_MAX_FILE_MB * MB) throw this.tooLarge();
    const sha256 = createHash('sha256').update(content).digest('hex');
    const name = displayName(originalName);
    return this.dataSource.transaction(async (m) => {
      // A blob row being written by a concurrent upload of the same content makes this one wait, then skip.
      const created: unknown[] = await m.query(
        'INSERT INTO file_blob (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING RETURNING sha256',
        [sha256, content.length],
      );
      if (created.length) await this.storage.put(m, sha256, content);
      const [row]: UploadRow[] = await m.query(
        `INSERT INTO upload (name, size, content_type, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, name, size, content_type, sha256`,
        [name, content.length, sniffed.contentType, sha256, uploaderId],
      );
      const { url: _url, ...result } = attachmentOf(row!);
      await this.audit.record(m, uploaderId, 'upload.create', 'upload', result.id, null, {
        name,
        size: result.size,
        contentType: result.contentType,
        sha256,
      });
      return result;
    });
  }

  tooLarge(): BadInputError {
    return new BadInputError(
      `文件超过 ${this.config.UPLOAD_MAX_FILE_MB} MB 上限 (file over the ${this.config.UPLOAD_MAX_FILE_MB} MB limit)`,
      { limitBytes: this.config.UPLOAD_MAX_FILE_MB * MB },
    );
  }

  /**
   * Attaches the caller's own unattached uploads to a parent of `kind`, inside the parent's
   * transaction; the owner writes its link rows with the ids returned (in the order given).
   * An upload attaches once: a file shown under a report keeps that report's scope, and reusing
   * the same content elsewhere is a new upload (stored once all the same).
   */
  async attach(
    m: EntityManager,
    actorId: string,
    uploadIds: readonly string[] | null | undefined,
    kind: string,
    ownerId: string,
  ): Promise<string[]> {
    const ids = [...new Set(uploadIds ?? [])];
    if (!ids.length) return [];
    const bad = ids.find((id) => !UUID.test(id));
    if (bad) throw new NotFoundError('Upload', bad);
    const rows: { id: string; size: string; uploaded_by: string; attached_at: Date | null }[] = await m.query(
      'SELECT id, size, uploaded_by, attached_at FROM upload WHERE id = ANY($1) ORDER BY id FOR UPDATE',
      [ids],
    );
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw new NotFoundError('Upload', id);
      if (row.uploaded_by !== actorId)
        throw new ForbiddenError('只能附上自己上传的文件 (attach only your own uploads)');
      if (row.attached_at)
        throw new ConflictError('该文件已附在其他材料上 (upload already attached)', { uploadId: id });
    }
    const total = rows.reduce((sum, r) => sum + Number(r.size), 0);
    const limit = this.config.UPLOAD_MAX_REPORT_MB * MB;
    if (total > limit)
      throw new BadInputError(
        `附件合计超过 ${this.config.UPLOAD_MAX_REPORT_MB} MB 上限 (attachments over the ${this.config.UPLOAD_MAX_REPORT_MB} MB limit)`,
        { limitBytes: limit, totalBytes: total },
      );
    await m.query(`UPDATE upload SET attached_at = now(), attached_to = $2 WHERE id = ANY($1)`, [ids, kind]);
    for (const id of ids)
      await this.audit.record(
        m,
        actorId,
        'upload.attach',
        'upload',
        id,
        { attachedTo: null },
        { attachedTo: kind, ownerId },
      );
    return ids;
  }

  /**
   * The upload, when the caller may download it: an attached one under its owner's scope, an
   * unattached one by its uploader only (to anyone else it does not exist).
   */
  async openable(scope: AccessScope, id: string): Promise<Attachment & { sha256: string }> {
    if (!UUID.test(id)) throw new NotFoundError('Upload', id);
    const [row]: UploadRow[] = await this.dataSource.query(
      'SELECT id, name, size, content_type, sha256, uploaded_by, attached_to FROM upload WHERE id = $1',
      [id],
    );
    if (!row) throw new NotFoundError('Upload', id);
    if (row.attached_to) await this.owners.of(row.attached_to).assertReadable(scope, id);
    else if (row.uploaded_by !== scope.user.id) throw new NotFoundError('Upload', id);
    return attachmentOf(row);
  }

  read(sha256: string, range?: ByteRange): Promise<Buffer> {
    return this.storage.read(sha256, range);
  }
}
