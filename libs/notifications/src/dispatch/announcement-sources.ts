import { Injectable } from '@nestjs/common';
import type { AnnouncementSource } from './announcement.js';

/**
 * The domains' announcement sources by outbox kind. Domain libraries register theirs at start, so
 * notifications never read another domain's tables and the dependency stays domain → notifications.
 */
@Injectable()
export class AnnouncementSources {
  private readonly byKind = new Map<string, AnnouncementSource>();

  register(source: AnnouncementSource): void {
    for (const kind of source.kinds) this.byKind.set(kind, source);
  }

  for(kind: string): AnnouncementSource {
    const source = this.byKind.get(kind);
    if (!source) throw new Error(`no announcement source for outbox kind ${kind}`);
    return source;
  }
}
