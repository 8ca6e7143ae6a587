import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { UserRole } from '../../libs/auth/src/index.js';
import { parseConfig } from '../../libs/common/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from '../support/seed-plans.js';
import { READ_SWEEP, RUN_SWEEP, startSweepProcessor, sweepAndWait, type SweepResult } from '../support/sweeps.js';
import { codeOf, TestApp } from '../support/test-app.js';
import { dropQueues, waitFor } from '../support/test-worker.js';

jest.setTimeout(60_000);

const PREFIX = `${process.env.QUEUE_PREFIX}_abuse_sweep`;
const LOCK = `hashtext('luoshi'), hashtext('escalation-sweep')`;

/** Work that could hold the API: the sweep runs on the worker queue, the pool refuses rather than hangs. */
describe('work that can hold the API', () => {
  let t: TestApp;
  let db: DataSource;
  let tengzhouPlan: string;
  let chongqingPlan: string;

  const eventsOfPlan = async (planId: string) =>
    (
      await db.query(
        'SELECT count(*)::int AS n FROM escalation_event e JOIN task t ON t.id = e.task_id WHERE t.plan_id = $1',
        [planId],
      )
    )[0].n as number;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    [tengzhouPlan] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    [chongqingPlan] = await publishSeed(t, SEED_CHONGQING, 'admin');
    await db.query(`UPDATE task SET due_date = '2025-10-10'`);
  });
  afterAll(async () => {
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('answers CONFLICT at once while a sweep holds the lock, twenty calls at a time, and the API stays free', async () => {
    await t.gql('{ me { id } }', {}, 'admin'); // logged in beforehand
    const holder = db.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${LOCK})`);
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.gql(RUN_SWEEP, { asOf: '2025-10-11' }, 'admin')),
      );
      expect(answers.map(codeOf)).toEqual(Array(20).fill('CONFLICT'));
      expect((await t.gql('{ me { id } }', {}, 'admin')).errors).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(${LOCK})`);
      await holder.release();
    }
    expect(await db.query(`SELECT 1 FROM audit_entry WHERE action = 'escalation.sweep'`)).toEqual([]);
  });

  it('queues one job per date, answers its state at once, audits it, and gives the result once done', async () => {
    const first = await t.gql<{ runEscalationSweep: SweepResult }>(RUN_SWEEP, { asOf: '2025-10-11' }, 'admin');
    const again = await t.gql<{ runEscalationSweep: SweepResult }>(RUN_SWEEP, { asOf: '2025-10-11' }, 'admin');
    expect(first.data!.runEscalationSweep).toMatchObject({ state: 'QUEUED', raised: 0, asOf: '2025-10-11' });
    expect(again.data!.runEscalationSweep.jobId).toBe(first.data!.runEscalationSweep.jobId);
    expect(await db.query('SELECT count(*)::int AS n FROM escalation_event')).toEqual([{ n: 0 }]); // not in the API
    const audited = await db.query(
      `SELECT a.after FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
       WHERE a.action = 'escalation.sweep' AND u.username = 'admin'`,
    );
    expect(audited).toEqual([{ after: { asOf: '2025-10-11', jobId: first.data!.runEscalationSweep.jobId } }]);

    const processor = startSweepProcessor(t);
    try {
      const done = await waitFor('the queued sweep', async () => {
        const read = await t.gql<{ escalationSweep: SweepResult }>(READ_SWEEP, { asOf: '2025-10-11' }, 'admin');
        return read.data!.escalationSweep.state === 'COMPLETED' ? read.data!.escalationSweep : null;
      });
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM escalation_event');
      expect(n).toBeGreaterThan(0);
      expect(done.raised).toBe(n);
    } finally {
      await processor.stop();
    }
  });

  it("sweeps a supervision office's jurisdiction (and those below) only; ADMIN's sweep covers the rest", async () => {
    const processor = startSweepProcessor(t);
    try {
      const before = await eventsOfPlan(chongqingPlan);
      const tengzhouBefore = await eventsOfPlan(tengzhouPlan);
      const bySup = await sweepAndWait(t, '2025-10-23', 'sup'); // level 3 due for every task
      expect(bySup.raised).toBe((await eventsOfPlan(tengzhouPlan)) - tengzhouBefore);
      expect(bySup.raised).toBeGreaterThan(0);
      expect(await eventsOfPlan(chongqingPlan)).toBe(before);
      const byAdmin = await sweepAndWait(t, '2025-10-23', 'admin');
      expect(byAdmin.raised).toBe((await eventsOfPlan(chongqingPlan)) - before);
      expect(byAdmin.raised).toBeGreaterThan(0);
    } finally {
      await processor.stop();
    }
  });

  describe('a database pool of one connection, held busy', () => {
    let api: INestApplication;
    let token: string;

    beforeAll(async () => {
      api = await createApi(
        parseConfig({
          ...process.env,
          DATABASE_URL: t.databaseUrl,
          QUEUE_PREFIX: PREFIX,
          DB_POOL_SIZE: '1',
          DB_POOL_ACQUIRE_TIMEOUT_MS: '300',
          DB_STATEMENT_TIMEOUT_MS: '500',
        }),
      );
      api.useLogger(false);
      await api.init();
      const login = await request(api.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: 'mutation { login(username: "admin", password: "test-password-1") { token } }' });
      token = login.body.data.login.token;
    });
    afterAll(() => api?.close());

    const ask = (query: string) =>
      request(api.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send({ query });

    it('answers a coded, retryable refusal (reason SERVICE_UNAVAILABLE) when no connection comes free, instead of waiting', async () => {
      const held = api.get(DataSource).createQueryRunner();
      await held.connect(); // the pool's only connection
      try {
        const started = Date.now();
        const res = await ask('{ tasks(first: 1) { totalCount } }');
        expect(res.body.errors[0].extensions).toMatchObject({
          code: 'INTERNAL_SERVER_ERROR',
          reason: 'SERVICE_UNAVAILABLE',
        });
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        await held.release();
      }
      expect((await ask('{ tasks(first: 1) { totalCount } }')).body.errors).toBeUndefined();
    });

    it('cuts a statement off at DB_STATEMENT_TIMEOUT_MS', async () => {
      await expect(api.get(DataSource).query('SELECT pg_sleep(2)')).rejects.toMatchObject({
        driverError: { code: '57014' },
      });
    });
  });
});
