import { jest } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/bootstrap.js';
import { UserRole } from '../libs/auth/src/index.js';
import { parseConfig } from '../libs/common/src/index.js';
import {
  DAILY_SWEEP_PATTERN,
  DAILY_SWEEP_SCHEDULER,
  DEFAULT_POLICY,
  ESCALATION_QUEUE,
  HolidayCalendarService,
  LEVELS,
  threshold,
} from '../libs/escalation/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from './support/seed-plans.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { dropQueues, startWorker } from './support/test-worker.js';

jest.setTimeout(60_000);

const PREFIX = `${process.env.QUEUE_PREFIX}_concurrent`;
const AS_OF = '2025-11-20';
const SWEEP = `mutation { runEscalationSweep(asOf: "${AS_OF}") { jobId state } }`;

/**
 * Two API processes' worth of apps queue the same date (one job, or CONFLICT while a sweep runs) and
 * two jobs of their own go straight to the two workers, at the same moment.
 */
describe('concurrent sweeps', () => {
  let t: TestApp;
  let db: DataSource;
  let api2: INestApplication;
  let workers: INestApplicationContext[];
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    await publishSeed(t, SEED_CHONGQING, 'admin');
    // Due dates spread over the second half of 2025: as of 11-20 they sit on every rung of the ladder.
    await db.query(`UPDATE task SET due_date = date '2025-06-01' + (abs(hashtext(id::text)) % 200)`);
    api2 = await createApi(parseConfig({ ...process.env, DATABASE_URL: t.databaseUrl, QUEUE_PREFIX: PREFIX }));
    api2.useLogger(false);
    await api2.init();
    workers = await Promise.all([1, 2].map(() => startWorker(t.databaseUrl, { QUEUE_PREFIX: PREFIX })));
    const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    queue = new Queue(ESCALATION_QUEUE, { connection, prefix: PREFIX });
    events = new QueueEvents(ESCALATION_QUEUE, { connection, prefix: PREFIX });
    await events.waitUntilReady();
  }, 60_000);
  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await Promise.all((workers ?? []).map((w) => w.close()));
    await api2?.close();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('raises every event exactly once and announces each in exactly one outbox row', async () => {
    // The ladder computed task by task, independently of the sweep's cutoffs and SQL.
    const calendar = await t.get(HolidayCalendarService).calendar();
    const tasks: { due_date: string }[] = await db.query(`SELECT due_date FROM task`);
    const expected = tasks.reduce(
      (n, task) => n + LEVELS.filter((l) => threshold(l, task.due_date, DEFAULT_POLICY, calendar) <= AS_OF).length,
      0,
    );
    expect(expected).toBeGreaterThan(100);

    const login = await request(api2.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({
        query: 'mutation($p: String!) { login(username: "admin", password: $p) { token } }',
        variables: { p: PASSWORD },
      });
    type Answer = { data?: { runEscalationSweep: { jobId: string } }; errors?: { extensions: { code: string } }[] };
    const viaApi2 = async (): Promise<Answer> =>
      (
        await request(api2.getHttpServer())
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('authorization', `Bearer ${login.body.data.login.token}`)
          .send({ query: SWEEP })
      ).body;
    const finished = async (job: Job | undefined) =>
      job ? ((await job.waitUntilFinished(events, 50_000)) as { raised: number }).raised : 0;
    const viaWorker = async (n: number) =>
      finished(await queue.add('sweep', { asOf: AS_OF }, { jobId: `manual-${n}` }));
    const [viaApi1, viaApi, ...byWorkers] = await Promise.all([
      t.gql(SWEEP, {}, 'admin') as Promise<Answer>,
      viaApi2(),
      viaWorker(1),
      viaWorker(2),
    ]);
    // The APIs answered at once: the same job for the date, or CONFLICT when a sweep held the lock.
    const jobIds = new Set<string>();
    for (const answer of [viaApi1, viaApi]) {
      if (answer.data) jobIds.add(answer.data.runEscalationSweep.jobId);
      else expect(answer.errors?.[0]?.extensions.code).toBe('CONFLICT');
    }
    expect(jobIds.size).toBeLessThanOrEqual(1);
    const [jobId] = [...jobIds];
    const raised = [...byWorkers, await finished(jobId ? await Job.fromId(queue, jobId) : undefined)];
    expect(raised.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(await db.query('SELECT count(*)::int AS n FROM escalation_event')).toEqual([{ n: expected }]);
    const announced = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT e.event_id)::int AS distinct FROM notification_outbox o,
         jsonb_array_elements_text(o.payload->'eventIds') AS e(event_id) WHERE o.kind = 'ESCALATION'`,
    );
    expect(announced).toEqual([{ n: expected, distinct: expected }]);
    const levels = await db.query(
      `SELECT count(*)::int AS n FROM task_escalation s
       WHERE s.level <> (SELECT coalesce(max(level), 0) FROM escalation_event e WHERE e.task_id = s.task_id)`,
    );
    expect(levels).toEqual([{ n: 0 }]);
  });

  it('keeps one daily scheduler, at 01:00 Asia/Shanghai, however many workers start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: DAILY_SWEEP_SCHEDULER, pattern: DAILY_SWEEP_PATTERN, tz: 'Asia/Shanghai' }),
    ]);
    const next = new Date(schedulers[0]!.next!);
    expect(next.getUTCHours()).toBe(17); // 01:00 the next day in Shanghai (UTC+8)
    expect(next.getUTCMinutes()).toBe(0);
  });
});
