import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@app/auth';

/**
 * A lib above this one whose rows take attachments (tasks: progress reports and extension requests;
 * supervision: notice answers). `kind` is what the owner passes when it attaches files, and names it
 * on the upload; `assertReadable` throws the owner's own refusal (FORBIDDEN or NOT_FOUND, as its
 * queries do) when the caller may not read what the upload is attached to.
 */
export interface AttachmentOwner {
  kind: string;
  assertReadable(scope: AccessScope, uploadId: string): Promise<void>;
}

/** The hook through which owners decide who downloads their files: libs/files never reads their tables. */
@Injectable()
export class AttachmentOwners {
  private readonly owners = new Map<string, AttachmentOwner>();

  register(owner: AttachmentOwner): void {
    this.owners.set(owner.kind, owner);
  }

  of(kind: string): AttachmentOwner {
    const owner = this.owners.get(kind);
    // An upload attached by a lib this process did not load: a wiring error, not the caller's.
    if (!owner) throw new Error(`no attachment owner registered for ${kind}`);
    return owner;
  }
}
