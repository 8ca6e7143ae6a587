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

/**
 * For a write that must be one statement: a CTE body that records one entry per row of `source`
 * (a CTE of the changed rows, with an `id`), the `after` state built from that row by `afterSql`.
 * Its parameters — actor, action, entity type, before (JSON) — are numbered from `$first`, in that
 * order, with values from `auditParams`.
 */
export function auditEntriesFrom(source: string, afterSql: string, first: number): string {
  return `INSERT INTO audit_entry (actor_id, action, entity_type, entity_id, before, after)
    SELECT $${first}::uuid, $${first + 1}, $${first + 2}, ${source}.id, $${first + 3}::jsonb, ${afterSql} FROM ${source}`;
}

export function auditParams(actorId: string | null, action: string, entityType: string, before: unknown): unknown[] {
  return [actorId, action, entityType, jsonOrNull(before)];
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
