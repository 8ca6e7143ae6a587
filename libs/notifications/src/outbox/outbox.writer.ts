import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '@app/common';

/**
 * Writes an outbox row inside the caller's transaction: what happened and the news of it commit
 * together, and the relay hands the row to the queue afterwards. Set-based writers (the sweep)
 * insert into notification_outbox in their own statements, with the same columns. The row keeps the
 * id of the request that wrote it, for the worker's log lines.
 */
@Injectable()
export class OutboxWriter {
  /** Returns false when a row with this dedupe key exists already. */
  async write(m: EntityManager, kind: string, payload: object, dedupeKey: string | null = null): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO notification_outbox (kind, payload, dedupe_key, request_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [kind, JSON.stringify(payload), dedupeKey, currentRequestId() ?? null],
    );
    return rows.length > 0;
  }
}
