import { jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { NOTIFICATION_QUEUE, outboxJobId } from '../libs/notifications/src/index.js';
import { startHookReceiver } from './support/mail-and-hooks.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { startSweepProcessor, sweepAndWait } from './support/sweeps.js';
import { TestApp } from './support/test-app.js';
import { dropQueues, waitFor } from './support/test-worker.js';
import { exited, spawnWorker } from './support/worker-process.js';

jest.setTimeout(90_000);

const PREFIX = `${process.env.QUEUE_PREFIX}_process`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real worker processes (spawned from the sources), killed the hard way and stopped the polite way. */
describe('worker processes', () => {
  let t: TestApp;
  let db: DataSource;
  let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
  let workerEnv: Record<string, string>;
  let survivor: ChildProcess | undefined;
  let taskId: string;
  let healthDept: string;
  let tengzhou: string;
  let processor: { stop: () => Promise<void> } | undefined;

  const count = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0].n as number;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    processor = startSweepProcessor(t); // the worker processes below start after the first sweep
    db = t.get(DataSource);
    receiver = await startHookReceiver(async (hook) => {
      if (hook.path === '/slow') await new Promise((r) => setTimeout(r, 3000));
      return 200;
    });
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    // This file follows escalations; the news of publishing is task-signals.e2e-spec's.
    await db.query(`DELETE FROM notification_outbox WHERE kind = 'TASKS_PUBLISHED'`);
    await db.query(`UPDATE task SET due_date = '2026-12-31'`);
    [{ id: taskId }] = await db.query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id WHERE d.key = 'tengzhou.HEALTH' ORDER BY t.id LIMIT 1`,
    );
    await db.query(`UPDATE task SET due_date = '2025-10-10' WHERE id = $1`, [taskId]);
    [{ id: healthDept }] = await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`);
    [{ id: tengzhou }] = await db.query(`SELECT id FROM jurisdiction WHERE key = 'tengzhou'`);
    await db.query(
      `INSERT INTO webhook_endpoint (name, url, secret, department_id) VALUES ('卫健委', $1, 'secret-secret-secret', $2)`,
      [`${receiver.url}/health`, healthDept],
    );
    workerEnv = {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      QUEUE_LOCK_MS: '1500',
      OUTBOX_RELAY_MS: '100',
      ALLOW_PRIVATE_WEBHOOKS: '1', // the receiver listens on 127.0.0.1
    };
  }, 60_000);
  afterAll(async () => {
    if (survivor && survivor.exitCode === null && survivor.signalCode === null) {
      survivor.kill('SIGKILL');
      await exited(survivor);
    }
    await processor?.stop();
    await t?.stop();
    await receiver?.stop();
    await dropQueues(PREFIX);
  });

  it('retries the job of a worker killed with SIGKILL mid-delivery, without a second in-app notification', async () => {
    expect((await sweepAndWait(t, '2025-10-11', 'admin')).raised).toBe(2);
    // The run's row announces it: one message per recipient, plan and level (2, the highest reached).
    const [outbox] = await db.query(
      `SELECT id, payload->>'runId' AS run FROM notification_outbox WHERE kind = 'ESCALATION_DIGEST'`,
    );
    const [{ plan }] = await db.query('SELECT plan_id AS plan FROM task WHERE id = $1', [taskId]);
    const [{ id: endpoint }] = await db.query('SELECT id FROM webhook_endpoint');

    // Hold the key of one webhook delivery in an open transaction: the dispatch will have written its
    // in-app notifications and then wait on that key — mid-job — until the worker is killed.
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO notification_delivery (source_key, channel, recipient, kind, subject, body) VALUES ($1, 'WEBHOOK', $2, 'held', 'held', 'held')`,
      [`escalation-run:2025-10-11:${outbox.run}:${plan}:2:${healthDept}`, endpoint],
    );
    const first = await spawnWorker(workerEnv);
    try {
      await waitFor('the in-app notifications of the first try', async () =>
        (await count('SELECT count(*)::int AS n FROM notification')) === 2 ? true : null,
      );
      await waitFor('the dispatch to wait on the held key', async () =>
        (await count(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%notification_delivery%'`,
        )) > 0
          ? true
          : null,
      );
    } finally {
      first.kill('SIGKILL');
      await exited(first);
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await count('SELECT count(*)::int AS n FROM notification_outbox WHERE dispatched_at IS NULL')).toBe(1);

    survivor = await spawnWorker(workerEnv);
    await waitFor('the retried dispatch', async () =>
      (await count('SELECT count(*)::int AS n FROM notification_outbox WHERE dispatched_at IS NULL')) === 0
        ? true
        : null,
    );
    await waitFor('the webhook deliveries', async () =>
      (await count(`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'SENT'`)) === 1 ? true : null,
    );
    // Two notifications (liaison and office: level 2), still once each.
    expect(
      await db.query(
        `SELECT u.username, n.kind FROM notification n JOIN app_user u ON u.id = n.user_id ORDER BY u.username, n.kind`,
      ),
    ).toEqual([
      { username: 'health', kind: 'ESCALATION_2' },
      { username: 'sup', kind: 'ESCALATION_2' },
    ]);
    const queue = new Queue(NOTIFICATION_QUEUE, { connection: { url: REDIS_URL }, prefix: PREFIX });
    try {
      const job = await queue.getJob(outboxJobId(outbox.id, 0));
      expect(await job!.getState()).toBe('completed');
      expect(job!.stalledCounter).toBeGreaterThanOrEqual(1); // taken back from the dead worker
    } finally {
      await queue.close();
    }
    expect(receiver.hooks.filter((h) => h.path === '/health')).toHaveLength(1);
  });

  it('finishes the job under way on SIGTERM and exits within 30 s', async () => {
    await db.query(
      `INSERT INTO webhook_endpoint (name, url, secret, jurisdiction_id) VALUES ('督查室', $1, 'secret-secret-secret', $2)`,
      [`${receiver.url}/slow`, tengzhou],
    );
    expect((await sweepAndWait(t, '2025-10-23', 'admin')).raised).toBe(1);
    await waitFor('the slow webhook to be under way', async () =>
      receiver.hooks.some((h) => h.path === '/slow') ? true : null,
    );
    const started = Date.now();
    survivor!.kill('SIGTERM');
    const { code, signal } = await exited(survivor!);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(Date.now() - started).toBeGreaterThan(1000); // it waited for the webhook's answer
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(await db.query(`SELECT status, attempts FROM notification_delivery WHERE kind = 'ESCALATION_3'`)).toEqual([
      { status: 'SENT', attempts: 1 },
    ]);
    expect(receiver.hooks.filter((h) => h.path === '/slow')).toHaveLength(1);
  });
});
