import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** 佐证材料 file: an upload attached to a report, a notice answer or an extension request. */
@ObjectType('Attachment')
export class Attachment {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The file's name as uploaded, for display only." })
  name!: string;

  @Field(() => Int)
  size!: number;

  @Field({ description: 'Decided from the content, e.g. application/pdf.' })
  contentType!: string;

  @Field()
  sha256!: string;

  @Field({ description: 'Download path, e.g. /files/<id>, served under the scope of what it is attached to.' })
  url!: string;
}

/** The `upload` columns an attachment shows, for the owners' link queries (aliased `u`). */
export const ATTACHMENT_COLUMNS = 'u.id, u.name, u.size, u.content_type, u.sha256';

export interface AttachmentRow {
  id: string;
  name: string;
  size: string | number;
  content_type: string;
  sha256: string;
}

export function attachmentOf(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    sha256: row.sha256,
    url: `/files/${row.id}`,
  };
}
