import type { DataSource, EntityManager } from 'typeorm';

/** Serialises work on one key across processes for the rest of the transaction. */
export async function lockKey(manager: EntityManager, namespace: string, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [namespace, key]);
}

export type { DataSource, EntityManager };
