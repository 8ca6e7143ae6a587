import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { USER_STATUS_TTL_MS, UserStatusCache } from './user-status.cache.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** A stand-in for the database that answers `SELECT … WHERE id = ANY($1)` from `rows`, and counts. */
function fakeDatabase(rows: Map<string, { active: boolean; token_version: number }>) {
  const calls: string[][] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const query = async (_sql: string, [ids]: [string[]]) => {
    calls.push([...ids]);
    await gate;
    return ids.filter((id) => rows.has(id)).map((id) => ({ id, ...rows.get(id)! }));
  };
  return {
    dataSource: { query } as unknown as DataSource,
    calls,
    /** Holds the next answers until `release()`. */
    hold: () => (gate = new Promise((r) => (release = r))),
    release: () => release(),
  };
}

describe('UserStatusCache', () => {
  const rows = new Map([
    [A, { active: true, token_version: 2 }],
    [B, { active: false, token_version: 0 }],
  ]);

  afterEach(() => jest.restoreAllMocks());

  it('loads the ids asked for at once in one query, and each id once however many ask', async () => {
    const db = fakeDatabase(rows);
    const cache = new UserStatusCache(db.dataSource);
    const answers = await Promise.all([...Array(50)].flatMap(() => [cache.get(A), cache.get(B)]));
    expect(db.calls).toEqual([[A, B]]);
    expect(answers.slice(0, 2)).toEqual([
      { active: true, tokenVersion: 2 },
      { active: false, tokenVersion: 0 },
    ]);
    await cache.get(A);
    expect(db.calls).toHaveLength(1);
  });

  it('reads again after the TTL, and at once after an invalidation', async () => {
    const db = fakeDatabase(rows);
    const cache = new UserStatusCache(db.dataSource);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    await cache.get(A);
    clock.mockReturnValue(now + USER_STATUS_TTL_MS - 1);
    await cache.get(A);
    expect(db.calls).toHaveLength(1);
    clock.mockReturnValue(now + USER_STATUS_TTL_MS + 1);
    await cache.get(A);
    expect(db.calls).toHaveLength(2);
    cache.invalidate(A);
    await cache.get(A);
    expect(db.calls).toHaveLength(3);
  });

  it('does not keep a read that was running when the user was invalidated', async () => {
    const db = fakeDatabase(rows);
    const cache = new UserStatusCache(db.dataSource);
    db.hold();
    const early = cache.get(A);
    await new Promise((r) => setImmediate(r)); // the batch is sent
    cache.invalidate(A);
    db.release();
    await early;
    await cache.get(A);
    expect(db.calls).toEqual([[A], [A]]);
  });

  it('answers null for an unknown id, and for a malformed one without asking the database', async () => {
    const db = fakeDatabase(rows);
    const cache = new UserStatusCache(db.dataSource);
    expect(await cache.get('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await cache.get('not-a-uuid')).toBeNull();
    expect(db.calls).toHaveLength(1);
  });
});
