import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

/** What decides whether a user's token still holds. */
export interface UserStatus {
  active: boolean;
  tokenVersion: number;
}

/** How long a status is trusted without news: bounds staleness when an invalidation is missed. */
export const USER_STATUS_TTL_MS = 10_000;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Each API process's memory of {active, token version} per user id, read by the guard on every
 * request. A hit costs a Map lookup, so the task page keeps its speed; a miss is one primary-key
 * query, batched over the ids asked for in the same tick, and shared by every request that asks
 * for that id while it runs. Changes invalidate at once here and, through UserStatusChannel, in
 * the other processes; the TTL bounds what a lost message could leave stale.
 */
@Injectable()
export class UserStatusCache {
  private readonly known = new Map<string, { status: UserStatus | null; until: number }>();
  private readonly loading = new Map<string, Promise<UserStatus | null>>();
  private readonly loader = new DataLoader<string, UserStatus | null>((ids) => this.fetch(ids), {
    cache: false,
    maxBatchSize: 500,
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's status; null for an id no user has. */
  get(userId: string): Promise<UserStatus | null> {
    const hit = this.known.get(userId);
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.status);
    if (!UUID_RE.test(userId)) return Promise.resolve(null);
    return this.loading.get(userId) ?? this.load(userId);
  }

  /** Forgets the user, and any load already running for it (that read may predate the change). */
  invalidate(userId: string): void {
    this.known.delete(userId);
    this.loading.delete(userId);
  }

  /** After news may have been missed (the channel was disconnected): everything is read again. */
  invalidateAll(): void {
    this.known.clear();
    this.loading.clear();
  }

  private load(userId: string): Promise<UserStatus | null> {
    const load = this.loader.load(userId);
    this.loading.set(userId, load);
    const settle = (status: UserStatus | null | undefined) => {
      if (this.loading.get(userId) !== load) return; // invalidated meanwhile: do not keep the old read
      this.loading.delete(userId);
      if (status !== undefined) this.known.set(userId, { status, until: Date.now() + USER_STATUS_TTL_MS });
    };
    load.then(settle, () => settle(undefined));
    return load;
  }

  private async fetch(ids: readonly string[]): Promise<(UserStatus | null)[]> {
    const rows: { id: string; active: boolean; token_version: number }[] = await this.dataSource.query(
      'SELECT id, active, token_version FROM app_user WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, { active: r.active, tokenVersion: r.token_version }]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
