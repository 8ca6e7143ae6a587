import { jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { OwnRedis } from './support/own-redis.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';
import { startWorker, waitFor } from './support/test-worker.js';

jest.setTimeout(60_000);

/** Redis goes away during a sweep: nothing is lost, nothing is sent twice. */
describe('notifications while Redis is down', () => {
  let t: TestApp;
  let db: DataSource;
  let redis: OwnRedis;
  let worker: INestApplicationContext;
  let tasks: string[];

  const count = async (sql: string) => (await db.query(sql))[0].n as number;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await TestApp.start({ REDIS_URL: redis.url });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    await db.query(`UPDATE task SET due_date = '2026-12-31'`);
    tasks = (
      await db.query(
        `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id WHERE d.key = 'tengzhou.HEALTH' ORDER BY t.id LIMIT 3`,
      )
    ).map((r: { id: string }) => r.id);
    await db.query(`UPDATE task SET due_date = '2025-10-10' WHERE id = ANY($1)`, [tasks]);
    worker = await startWorker(t.databaseUrl, { REDIS_URL: redis.url, QUEUE_PREFIX: 'outage', OUTBOX_RELAY_MS: '100' });
  }, 60_000);
  afterAll(async () => {
    await redis?.resume().catch(() => undefined);
    await worker?.close();
    await t?.stop();
    await redis?.remove();
  });

  it('saves the events and their outbox rows with Redis down, and delivers each once when it returns', async () => {
    await redis.stop();
    const res = await t.gql<{ runEscalationSweep: { raised: number } }>(
      'mutation { runEscalationSweep(asOf: "2025-10-11") { raised } }',
      {},
      'admin',
    );
    expect(res.data!.runEscalationSweep.raised).toBe(6); // levels 1 and 2 of three tasks
    expect(await count('SELECT count(*)::int AS n FROM escalation_event')).toBe(6);
    await new Promise((r) => setTimeout(r, 1500)); // the relay tries, and fails, meanwhile
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notification_outbox WHERE relayed_at IS NULL AND kind = 'ESCALATION'`,
      ),
    ).toBe(1);
    const [{ ids }] = await db.query(
      `SELECT payload->'eventIds' AS ids FROM notification_outbox WHERE kind = 'ESCALATION'`,
    );
    expect(ids).toHaveLength(6);
    expect(await count('SELECT count(*)::int AS n FROM notification')).toBe(0);

    await redis.resume();
    await waitFor('the outbox to be dispatched after Redis returned', async () =>
      (await count('SELECT count(*)::int AS n FROM notification_outbox WHERE dispatched_at IS NULL')) === 0
        ? true
        : null,
    );
    await new Promise((r) => setTimeout(r, 1000)); // anything queued twice would land by now
    // One grouped message of the three tasks at their highest level (2) to the health liaison and
    // one to the office: each exactly once.
    const delivered = await db.query(
      `SELECT u.username, n.kind, count(*)::int AS n, min(substring(n.message FROM '[0-9]+ 项任务')) AS tasks
       FROM notification n JOIN app_user u ON u.id = n.user_id
       GROUP BY u.username, n.kind ORDER BY u.username, n.kind`,
    );
    expect(delivered).toEqual([
      { username: 'health', kind: 'ESCALATION_2', n: 1, tasks: '3 项任务' },
      { username: 'sup', kind: 'ESCALATION_2', n: 1, tasks: '3 项任务' },
    ]);
  });
});
