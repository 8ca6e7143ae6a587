import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from '@app/auth';
import { ForbiddenError, groupByKeys, NotFoundError, RequestLoaders } from '@app/common';
import {
  ATTACHMENT_COLUMNS,
  attachmentOf,
  AttachmentOwners,
  UploadsService,
  type Attachment,
  type AttachmentRow,
} from '@app/files';
import { noticeScope } from './notice-scope.js';

const KIND = 'supervision_notice';

/**
 * 整改回复 evidence: files attached to a notice's answer. Read by whoever reads the notice
 * (noticeScope: the answering department, the office of its jurisdiction and those above).
 */
@Injectable()
export class NoticeAttachments implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uploads: UploadsService,
    private readonly owners: AttachmentOwners,
    private readonly loaders: RequestLoaders,
  ) {}

  onModuleInit(): void {
    this.owners.register({ kind: KIND, assertReadable: (scope, uploadId) => this.assertReadable(scope, uploadId) });
  }

  async attach(m: EntityManager, actorId: string, noticeId: string, uploadIds: readonly string[] | null | undefined) {
    const ids = await this.uploads.attach(m, actorId, uploadIds, KIND, noticeId);
    if (ids.length)
      await m.query(
        `INSERT INTO supervision_notice_attachment (upload_id, notice_id, position)
         SELECT id, $2, ord::int FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord)`,
        [ids, noticeId],
      );
    return ids;
  }

  loader(req: object) {
    return this.loaders.get<string, Attachment[]>(req, 'attachments:supervision_notice', async (noticeIds) => {
      const rows: (AttachmentRow & { notice_id: string })[] = await this.dataSource.query(
        `SELECT l.notice_id, ${ATTACHMENT_COLUMNS}
         FROM supervision_notice_attachment l JOIN upload u ON u.id = l.upload_id
         WHERE l.notice_id = ANY($1) ORDER BY l.position`,
        [noticeIds],
      );
      return groupByKeys(noticeIds, rows, (r) => r.notice_id).map((list) => list.map(attachmentOf));
    });
  }

  private async assertReadable(scope: AccessScope, uploadId: string): Promise<void> {
    const visible = noticeScope(scope);
    const rows: { visible: boolean }[] = await this.dataSource
      .createQueryBuilder()
      .select(visible.sql, 'visible')
      .from('supervision_notice', 'n')
      .innerJoin('supervision_notice_attachment', 'l', 'l.notice_id = n.id')
      .where('l.upload_id = :uploadId', { uploadId })
      .setParameters(visible.params)
      .getRawMany();
    if (!rows.length) throw new NotFoundError('Upload', uploadId);
    if (!rows[0]!.visible) throw new ForbiddenError("只能查看本部门的督办单 (not your department's notice)");
  }
}
