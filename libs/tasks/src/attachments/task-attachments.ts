import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from '@app/auth';
import { groupByKeys, NotFoundError, RequestLoaders } from '@app/common';
import {
  ATTACHMENT_COLUMNS,
  attachmentOf,
  AttachmentOwners,
  UploadsService,
  type Attachment,
  type AttachmentRow,
} from '@app/files';
import { TaskAccess } from '../task-access.js';
import { Task } from '../task.entity.js';

/** The parents in this lib that take files, with their link tables (owned here, not by libs/files). */
const LINKS = {
  progress_report: { table: 'progress_report_attachment', parent: 'report_id' },
  extension_request: { table: 'extension_request_attachment', parent: 'request_id' },
} as const;
export type TaskAttachmentKind = keyof typeof LINKS;

/**
 * 佐证材料 of progress reports and extension requests: attached in the parent's transaction, listed
 * through per-request loaders, and readable exactly by those who read the parent's task (so a
 * cooperating department on the same measure reads a lead's report files, another city does not).
 */
@Injectable()
export class TaskAttachments implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uploads: UploadsService,
    private readonly owners: AttachmentOwners,
    private readonly access: TaskAccess,
    private readonly loaders: RequestLoaders,
  ) {}

  onModuleInit(): void {
    for (const kind of Object.keys(LINKS) as TaskAttachmentKind[])
      this.owners.register({ kind, assertReadable: (scope, uploadId) => this.assertReadable(scope, kind, uploadId) });
  }

  /** Inside the parent's transaction: checks and marks the uploads, then links them in the order given. */
  async attach(
    m: EntityManager,
    actorId: string,
    kind: TaskAttachmentKind,
    parentId: string,
    uploadIds: readonly string[] | null | undefined,
  ): Promise<string[]> {
    const ids = await this.uploads.attach(m, actorId, uploadIds, kind, parentId);
    if (!ids.length) return ids;
    const { table, parent } = LINKS[kind];
    await m.query(
      `INSERT INTO ${table} (upload_id, ${parent}, position)
       SELECT id, $2, ord::int FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord)`,
      [ids, parentId],
    );
    return ids;
  }

  loader(req: object, kind: TaskAttachmentKind) {
    const { table, parent } = LINKS[kind];
    return this.loaders.get<string, Attachment[]>(req, `attachments:${kind}`, async (parentIds) => {
      const rows: (AttachmentRow & { parent_id: string })[] = await this.dataSource.query(
        `SELECT l.${parent} AS parent_id, ${ATTACHMENT_COLUMNS}
         FROM ${table} l JOIN upload u ON u.id = l.upload_id
         WHERE l.${parent} = ANY($1) ORDER BY l.position`,
        [parentIds],
      );
      return groupByKeys(parentIds, rows, (r) => r.parent_id).map((list) => list.map(attachmentOf));
    });
  }

  private async assertReadable(scope: AccessScope, kind: TaskAttachmentKind, uploadId: string): Promise<void> {
    const { table, parent } = LINKS[kind]; // the kind is also the parent's table
    const task = await this.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .where(
        `t.id = (SELECT p.task_id FROM ${kind} p JOIN ${table} l ON l.${parent} = p.id WHERE l.upload_id = :uploadId)`,
        {
          uploadId,
        },
      )
      .getOne();
    if (!task) throw new NotFoundError('Upload', uploadId);
    await this.access.assertReadable(scope, task);
  }
}
