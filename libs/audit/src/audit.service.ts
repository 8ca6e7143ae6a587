import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Writes audit entries inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  async record(
    manager: EntityManager,
    actorId: string | null,
    action: string,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entry (actor_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [actorId, action, entityType, entityId, jsonOrNull(before), jsonOrNull(after)],
    );
  }

  /** Many entries of one action at once (publishing a plan creates hundreds of tasks). */
  async recordMany(
    manager: EntityManager,
    actorId: string | null,
    action: string,
    entityType: string,
    entries: { entityId: string; after: unknown }[],
  ): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO audit_entry (actor_id, action, entity_type, entity_id, after)
       SELECT $1, $2, $3, e, a FROM unnest($4::uuid[], $5::jsonb[]) AS t(e, a)`,
      [actorId, action, entityType, entries.map((e) => e.entityId), entries.map((e) => JSON.stringify(e.after))],
    );
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
