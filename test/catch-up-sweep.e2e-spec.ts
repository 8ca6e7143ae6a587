import { jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { shanghaiToday } from '../libs/common/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';
import { dropQueues, waitFor } from './support/test-worker.js';
import { exited, spawnWorker } from './support/worker-process.js';

jest.setTimeout(120_000);

const PREFIX = `${process.env.QUEUE_PREFIX}_catchup`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Issue 16: on a fresh system the ladder must not wait for the first 01:00 run. Two real worker
 * processes start on a database no sweep has touched: each queues today's sweep, it runs once,
 * and the levels appear; a plan published later is swept within moments, again once.
 */
describe('the catch-up sweep (worker processes)', () => {
  let t: TestApp;
  let db: DataSource;
  const workers: ChildProcess[] = [];
  const today = shanghaiToday();

  const runs = async () =>
    (await db.query(
      `SELECT as_of::text, finished_at IS NOT NULL AS finished FROM escalation_sweep_run ORDER BY id`,
    )) as {
      as_of: string;
      finished: boolean;
    }[];
  /** Open tasks already past their due date without a level: what the catch-up must leave at none. */
  const overdueWithoutLevel = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM task t JOIN task_escalation e ON e.task_id = t.id
         WHERE e.open AND t.due_date < $1 AND e.level < 2`,
        [today],
      )
    )[0].n as number;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await publishSeed(t, SEED_TENGZHOU, 'admin');
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) {
      if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
      await exited(w);
    }
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('sweeps once when two workers start on a database never swept, and the levels appear', async () => {
    expect(await runs()).toEqual([]);
    expect(await overdueWithoutLevel()).toBeGreaterThan(0); // 2017–2020 plan: everything long overdue
    const env = {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      OUTBOX_RELAY_MS: '100',
      SWEEP_CATCH_UP_MS: '200',
    };
    workers.push(...(await Promise.all([spawnWorker(env), spawnWorker(env)])));
    await waitFor('the catch-up sweep', async () => ((await runs()).some((r) => r.finished) ? true : null), 60_000);
    // Both workers keep checking every 200 ms; nothing else is queued.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await runs()).toEqual([{ as_of: today, finished: true }]);
    expect(await overdueWithoutLevel()).toBe(0);
  });

  it('sweeps again, once, after a plan is published', async () => {
    await publishSeed(t, SEED_CHONGQING, 'admin');
    expect(await overdueWithoutLevel()).toBeGreaterThan(0);
    await waitFor(
      'the sweep after publishing',
      async () => ((await runs()).filter((r) => r.finished).length === 2 ? true : null),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await runs()).toEqual([
      { as_of: today, finished: true },
      { as_of: today, finished: true },
    ]);
    expect(await overdueWithoutLevel()).toBe(0);
  });
});
