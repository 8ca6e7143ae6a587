import { jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { DAILY_SWEEP_SCHEDULER, ESCALATION_QUEUE, EscalationSweepService } from '../libs/escalation/src/index.js';
import { NOTIFICATION_QUEUE } from '../libs/notifications/src/index.js';
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
    t = await TestApp.start({ REDIS_URL: redis.url, QUEUE_PREFIX: 'outage' });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    // This file follows escalations; the news of publishing is task-signals.e2e-spec's.
    await db.query(`DELETE FROM notification_outbox WHERE kind = 'TASKS_PUBLISHED'`);
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
    expect((await t.gql('{ me { id } }', {}, 'admin')).errors).toBeUndefined(); // logged in beforehand
    await redis.stop();
    // Asking for a sweep needs the queue: a coded refusal at once, not a wait for Redis.
    const started = Date.now();
    const refused = await t.gql('mutation { runEscalationSweep(asOf: "2025-10-11") { jobId } }', {}, 'admin');
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'SERVICE_UNAVAILABLE',
    });
    expect(Date.now() - started).toBeLessThan(4000); // the API gives the queue 2 s
    // The worker's sweep (its job taken before Redis went away) runs on: it needs only PostgreSQL.
    const outcome = await worker.get(EscalationSweepService).sweep('2025-10-11');
    expect(outcome.raised).toBe(6); // levels 1 and 2 of three tasks
    expect(await count('SELECT count(*)::int AS n FROM escalation_event')).toBe(6);
    await new Promise((r) => setTimeout(r, 1500)); // the relay tries, and fails, meanwhile
    // ...without queueing commands in ioredis's offline queue, to be sent in a burst on Redis's return.
    const dispatch = worker.get<Queue>(getQueueToken(NOTIFICATION_QUEUE));
    const client = (await dispatch.backend.client) as unknown as { offlineQueue: { length: number } };
    expect(client.offlineQueue.length).toBe(0);
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

  it('schedules the daily sweep again when Redis comes back without its data', async () => {
    const queue = new Queue(ESCALATION_QUEUE, { connection: { url: redis.url }, prefix: 'outage' });
    queue.on('error', () => undefined);
    try {
      const scheduled = async () => ((await queue.getJobScheduler(DAILY_SWEEP_SCHEDULER)) ? true : null);
      await waitFor('the daily schedule', scheduled);
      const client = await queue.backend.client;
      await client.set('outage:marker', '1');
      await redis.restartEmpty();
      await waitFor('the worker to schedule the daily sweep again', scheduled);
      expect(await client.get('outage:marker')).toBeNull(); // the data was gone indeed
    } finally {
      await queue.close();
    }
  });
});
