// npm run bench:soak — scale-out with faults: three API processes and two workers on one database and
// one Redis (its own redis-server, never the shared one), SOAK_SECONDS (600; CI: 60–90) of a mixed load
// at a fixed rate (SOAK_RPS, 20) — 80 % reads (tasks pages, work queues, the matrix), 15 % task updates
// and progress reports, 5 % imports/publishes and supervision-notice actions — while the clock is advanced
// one day per sweep (runEscalationSweep asOf the next day). Midway a worker is SIGKILLed and restarted, then
// an API process, then Redis is restarted. At the end: escalation events raised vs expected (the ladder
// computed task by task), e-mails at the sink vs expected (each in-app notification of a user with an
// address, once), the outbox drained.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as argon2 from 'argon2';
import pg from 'pg';
import { repoPath } from '@app/common';
import { addDays, DEFAULT_POLICY, LEVELS, threshold, WorkingCalendar } from '@app/escalation';
import { apiProcess, smtpSink, SoakRedis, workerProcess, type SoakProcess } from './soak-cluster.js';
import { percentile, printMachineReference, scratchDatabase, seedRegistry } from './support.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RPS ?? 20);
const DAYS = Number(process.env.SOAK_DAYS ?? Math.max(10, Math.round(SECONDS / 5)));
const FIRST_DAY = '2025-11-03';
const PASSWORD = 'soak-password';
const PREFIX = `soak${randomBytes(3).toString('hex')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Api = SoakProcess & { url: string };
type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

// ---- the load's bookkeeping ----
const latencies = new Map<string, number[]>();
const errors = new Map<string, number>();
let requests = 0;
let killedInFlight = 0;
/** Requests refused with SERVICE_UNAVAILABLE while the soak's Redis was down (a sweep needs the queue). */
let redisDown = false;
let refusedRedisDown = 0;
/** runEscalationSweep answered CONFLICT: the previous day's sweep still ran (its documented answer; retried). */
let sweepBusy = 0;
const note = (operation: string, code: string) =>
  errors.set(`${operation} ${code}`, (errors.get(`${operation} ${code}`) ?? 0) + 1);

/** Which APIs a load balancer would send to, and a generation per API bumped when it is killed. */
const up: boolean[] = [];
const generation: number[] = [];
let apis: Api[] = [];
let nextApi = 0;
function pickApi(): number {
  for (let i = 0; i < apis.length; i++) {
    const k = nextApi++ % apis.length;
    if (up[k]) return k;
  }
  throw new Error('no API up');
}

async function gql(k: number, token: string | null, query: string, variables: object = {}): Promise<Answer> {
  const res = await fetch(`${apis[k]!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Answer;
}

/** Sends one operation to the next API up, timed from when it was due; counts its outcome. */
async function send(
  cls: string,
  operation: string,
  due: number,
  token: string,
  query: string,
  variables: object,
): Promise<Answer | null> {
  const k = pickApi();
  const sentIn = generation[k];
  requests++;
  try {
    const answer = await gql(k, token, query, variables);
    const list = latencies.get(cls) ?? [];
    list.push(performance.now() - due);
    latencies.set(cls, list);
    const error = answer.errors?.[0]?.extensions as { code?: string; reason?: string } | undefined;
    if (error && redisDown && error.reason === 'SERVICE_UNAVAILABLE') refusedRedisDown++;
    else if (error?.code === 'CONFLICT' && operation === 'runEscalationSweep') sweepBusy++;
    else if (answer.errors?.length)
      note(operation, [error?.code ?? 'UNKNOWN', error?.reason].filter(Boolean).join('/'));
    return answer.errors?.length ? null : answer;
  } catch {
    // A request the killed process had accepted: the one failure a client of a crashed API sees.
    if (generation[k] !== sentIn) killedInFlight++;
    else note(operation, 'NETWORK');
    return null;
  }
}

// ---- the data ----
interface Liaison {
  departmentId: string;
  token: string;
}
interface WorkTask {
  id: string;
  departmentId: string;
  version: number;
  busy: boolean;
}

async function seed(url: string): Promise<void> {
  await seedRegistry(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const hash = await argon2.hash(PASSWORD);
  await db.query(
    `INSERT INTO app_user (username, password_hash, display_name, role, jurisdiction_id)
       SELECT 'soak.admin', $1, '管理员', 'ADMIN', NULL UNION ALL
       SELECT 'soak.sup', $1, '滕州市督查室', 'SUPERVISOR', id FROM jurisdiction WHERE key = 'tengzhou';
     `.replace(/\$1/g, `'${hash}'`),
  );
  // A liaison with an e-mail address in every department of 滕州市: every announcement to them is an e-mail.
  await db.query(
    `WITH u AS (
       INSERT INTO app_user (username, password_hash, display_name, role, department_id)
       SELECT 'soak.' || d.key, $1, d.name || '联络员', 'LIAISON', d.id
       FROM department d JOIN jurisdiction j ON j.id = d.jurisdiction_id WHERE j.key = 'tengzhou' RETURNING id, username)
     INSERT INTO notification_email (user_id, address) SELECT id, username || '@soak.luoshi.local' FROM u`,
    [hash],
  );
  await db.end();
}

const login = async (username: string): Promise<string> => {
  const answer = await gql(
    pickApi(),
    null,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    {
      u: username,
      p: PASSWORD,
    },
  );
  const token = (answer.data?.login as { token: string } | undefined)?.token;
  if (!token) throw new Error(`login ${username}: ${JSON.stringify(answer.errors)}`);
  return token;
};

const IMPORT = 'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { plans { id } } }';
const PUBLISH = 'mutation($id: ID!) { publishPlan(planId: $id) { id } }';

async function main(): Promise<void> {
  const database = await scratchDatabase('luoshi_bench_soak');
  const redis = await SoakRedis.start();
  const sink = await smtpSink();
  const workers: SoakProcess[] = [];
  try {
    await printMachineReference(database.url);
    console.log(
      `soak: ${SECONDS} s at ${RATE} requests/s, ${DAYS} daily sweeps from ${FIRST_DAY}; 3 API processes, 2 workers, ` +
        `one PostgreSQL, one redis-server of its own (port ${redis.port})`,
    );
    await seed(database.url);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: PREFIX,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: sink.url,
      OUTBOX_RELAY_MS: '200',
      // The soak drives the clock itself; a dead worker's job comes back after 5 s, not 30.
      SWEEP_CATCH_UP_MS: '0',
      QUEUE_LOCK_MS: '5000',
      DELIVERY_BACKOFF_MS: '500',
      // PostgreSQL here is shared (max_connections 100): five processes of 4 connections each.
      DB_POOL_SIZE: '4',
    };
    apis = await Promise.all([1, 2, 3].map((n) => apiProcess(`api${n}`, env)));
    await Promise.all(apis.map((api) => api.start()));
    apis.forEach((_, k) => ((up[k] = true), (generation[k] = 0)));
    workers.push(
      workerProcess('worker1', { ...env, LOG_LEVEL: 'info' }),
      workerProcess('worker2', { ...env, LOG_LEVEL: 'info' }),
    );
    await Promise.all(workers.map((w) => w.start()));

    const admin = await login('soak.admin');
    const sup = await login('soak.sup');
    // The first plan (滕州市) is imported and published before the load; the other seed documents during it.
    const files = readdirSync(repoPath('seeds', 'plans')).sort();
    const first = files.find((f) => f.startsWith('001'))!;
    const imported = await gql(pickApi(), admin, IMPORT, {
      input: { text: readFileSync(repoPath('seeds', 'plans', first), 'utf8'), fileName: first },
    });
    const planIds = ((imported.data?.importPlanDocument as { plans: { id: string }[] }).plans ?? []).map((p) => p.id);
    for (const id of planIds) await gql(pickApi(), admin, PUBLISH, { id });

    // A pool: the writes in flight read a task's version back concurrently.
    const db = new pg.Pool({ connectionString: database.url, max: 2 });
    // Due dates over the two months before the first swept day, so each day's sweep climbs the ladder.
    await db.query(`UPDATE task SET due_date = date '2025-09-01' + (abs(hashtext(id::text)) % 70)`);
    const liaisons: Liaison[] = [];
    for (const row of (
      await db.query<{ username: string; department_id: string }>(
        `SELECT username, department_id FROM app_user WHERE role = 'LIAISON' AND username LIKE 'soak.%'
         AND department_id IN (SELECT department_id FROM task) ORDER BY username`,
      )
    ).rows)
      liaisons.push({ departmentId: row.department_id, token: await login(row.username) });
    const tasks: WorkTask[] = (
      await db.query<{ id: string; department_id: string; version: number }>(
        `SELECT id, department_id, version FROM task WHERE department_id = ANY($1::uuid[]) ORDER BY id`,
        [liaisons.map((l) => l.departmentId)],
      )
    ).rows.map((t) => ({ id: t.id, departmentId: t.department_id, version: t.version, busy: false }));
    console.log(
      `seeded: ${tasks.length} tasks of ${liaisons.length} departments with a liaison (of ${(await db.query('SELECT count(*) FROM task')).rows[0].count} tasks), ` +
        `${files.length - 1} seed documents left to import and publish during the run`,
    );

    // ---- the operations ----
    const random = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
    const tokenOf = (departmentId: string) => liaisons.find((l) => l.departmentId === departmentId)!.token;
    const reads = [
      (due: number) =>
        send(
          'read',
          'tasks',
          due,
          sup,
          '{ tasks(first: 50) { edges { node { id status dueDate escalationLevel measure { code title } department { name } } } } }',
          {},
        ),
      (due: number) =>
        send(
          'read',
          'workQueue',
          due,
          random(liaisons).token,
          '{ workQueue { openTasks { id dueDate status } returnedTasks { id } } }',
          {},
        ),
      (due: number) =>
        send(
          'read',
          'matrix',
          due,
          sup,
          'query($p: ID!) { responsibilityMatrix(planId: $p) { cells { departmentId measureId escalationLevel noticeNumber } departments { id name } measures { id code } } }',
          { p: random(planIds) },
        ),
    ];
    async function write(due: number, n: number): Promise<void> {
      const task =
        tasks.find((t, i) => !t.busy && i % 7 === n % 7 && Math.random() < 0.2) ?? tasks.find((t) => !t.busy);
      if (!task) return;
      task.busy = true;
      const percent = 10 + (n % 80);
      const answer =
        n % 2 === 0
          ? await send(
              'write',
              'updateTask',
              due,
              tokenOf(task.departmentId),
              'mutation($i: UpdateTaskInput!) { updateTask(input: $i) { version } }',
              {
                i: { taskId: task.id, expectedVersion: task.version, progressPercent: percent },
              },
            )
          : await send(
              'write',
              'submitProgressReport',
              due,
              tokenOf(task.departmentId),
              'mutation($i: ProgressReportInput!) { submitProgressReport(input: $i) { id task { version } } }',
              { i: { taskId: task.id, narrative: `第${n}次进展：按计划推进`, progressPercent: percent } },
            );
      const version =
        (answer?.data?.updateTask as { version: number } | undefined)?.version ??
        (answer?.data?.submitProgressReport as { task: { version: number } } | undefined)?.task.version;
      if (version) task.version = version;
      else
        task.version = (
          await db.query<{ version: number }>('SELECT version FROM task WHERE id = $1', [task.id])
        ).rows[0]!.version;
      task.busy = false;
    }
    const toImport = files.filter((f) => f !== first);
    const toPublish: string[] = [];
    const issued: { id: string; departmentId: string }[] = [];
    async function heavy(due: number, n: number): Promise<void> {
      const step = n % 4;
      if (step === 0 && toImport.length) {
        const file = toImport.shift()!;
        const answer = await send('heavy', 'importPlanDocument', due, admin, IMPORT, {
          input: { text: readFileSync(repoPath('seeds', 'plans', file), 'utf8'), fileName: file },
        });
        for (const p of (answer?.data?.importPlanDocument as { plans: { id: string }[] } | undefined)?.plans ?? [])
          toPublish.push(p.id);
      } else if (step === 1 && toPublish.length) {
        const id = toPublish.shift()!;
        await send('heavy', 'publishPlan', due, admin, PUBLISH, { id });
      } else if (step === 3 && issued.length) {
        const notice = issued.shift()!;
        await send(
          'heavy',
          'respondToSupervisionNotice',
          due,
          tokenOf(notice.departmentId),
          'mutation($id: ID!) { respondToSupervisionNotice(noticeId: $id, response: "已整改，按期完成") { id } }',
          { id: notice.id },
        );
      } else {
        // A notice whose answer is due after every swept day, so it raises no level-4 event of its own.
        const task = random(tasks);
        const answer = await send(
          'heavy',
          'issueSupervisionNotice',
          due,
          sup,
          'mutation($i: SupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id } }',
          { i: { taskIds: [task.id], requirements: '请于期限内整改并书面回复', responseDue: '2030-01-01' } },
        );
        const id = (answer?.data?.issueSupervisionNotice as { id: string } | undefined)?.id;
        if (id) issued.push({ id, departmentId: task.departmentId });
      }
    }

    // ---- the clock: one day per sweep ----
    let day = 0;
    let lastAsOf = addDays(FIRST_DAY, -1);
    const sweepsRefused: string[] = [];
    async function sweep(): Promise<boolean> {
      const asOf = addDays(FIRST_DAY, day);
      const due = performance.now();
      const answer = await send(
        'sweep',
        'runEscalationSweep',
        due,
        admin,
        'mutation($d: Date!) { runEscalationSweep(asOf: $d) { jobId } }',
        { d: asOf },
      );
      if (answer) {
        lastAsOf = asOf;
        day++;
      } else sweepsRefused.push(asOf); // tried again at the next tick
      return !!answer;
    }

    // ---- the faults ----
    const faults: string[] = [];
    const at = (fraction: number, what: string, fault: () => Promise<void>) =>
      sleep(SECONDS * 1000 * fraction).then(async () => {
        const started = performance.now();
        const back = await fault().then(
          () => `back in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          (error: Error) => `NOT back: ${error.message.split('\n')[0]}`,
        );
        faults.push(`${what} at ${(SECONDS * fraction).toFixed(0)} s (${back})`);
      });
    const killApi = async (k: number) => {
      up[k] = false;
      generation[k]!++;
      await apis[k]!.kill();
      await sleep(2000);
      await apis[k]!.start();
      up[k] = true;
    };
    const killWorker = async (w: number) => {
      await workers[w]!.kill();
      await sleep(2000);
      await workers[w]!.start();
    };

    // ---- the run ----
    const started = performance.now();
    const faultsDone = Promise.all([
      at(0.25, 'worker1 SIGKILL, restarted', () => killWorker(0)),
      at(0.45, 'api2 SIGKILL, restarted', () => killApi(1)),
      at(0.65, 'Redis restarted (SIGTERM, 2 s down, same AOF)', async () => {
        redisDown = true;
        await redis.restart(2000);
        // The clients reconnect on their own retry schedule: give them a moment before counting again.
        await sleep(1000);
        redisDown = false;
      }),
    ]);
    const sweepEvery = (SECONDS * 1000) / DAYS;
    const sweeping = (async () => {
      for (let next = started; performance.now() - started < SECONDS * 1000 && day < DAYS; next += sweepEvery) {
        await sleep(Math.max(0, next - performance.now()));
        await sweep();
      }
    })();
    const inFlight: Promise<unknown>[] = [];
    const total = Math.round(RATE * SECONDS);
    let lastDue = started;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      lastDue = due;
      const slot = i % 20; // 16 reads, 3 writes, 1 heavy in every 20
      inFlight.push(slot < 16 ? reads[i % 3]!(due) : slot < 19 ? write(due, i) : heavy(due, Math.floor(i / 20)));
    }
    await Promise.all(inFlight);
    await sweeping;
    await faultsDone;
    const elapsed = (performance.now() - started) / 1000;
    const loadSeconds = (lastDue - started) / 1000;

    // ---- the end: the days not swept yet, then the last sweep finished and the outbox and deliveries drained ----
    for (let tries = 0; day < DAYS && tries < 600; tries++) if (!(await sweep())) await sleep(500);
    const drainStarted = performance.now();
    let waiting = { outbox: -1, deliveries: -1, sweeps: -1 };
    const sweepsFailed: string[] = [];
    for (let i = 0; i < 600; i++) {
      const read = await gql(pickApi(), admin, 'query($d: Date!) { escalationSweep(asOf: $d) { state } }', {
        d: lastAsOf,
      });
      const state = (read.data?.escalationSweep as { state: string } | null)?.state;
      // A sweep job is tried once; the daily catch-up would queue the date again, as the soak does here.
      if (state === 'FAILED') {
        sweepsFailed.push(lastAsOf);
        day--;
        while (!(await sweep())) await sleep(500);
      }
      const [row] = (
        await db.query(
          `SELECT (SELECT count(*) FROM notification_outbox WHERE dispatched_at IS NULL)::int AS outbox,
                  (SELECT count(*) FROM notification_delivery WHERE status = 'PENDING')::int AS deliveries`,
        )
      ).rows;
      waiting = { outbox: row.outbox, deliveries: row.deliveries, sweeps: state === 'COMPLETED' ? 0 : 1 };
      if (!waiting.outbox && !waiting.deliveries && !waiting.sweeps) break;
      await sleep(500);
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;

    // ---- what should have happened, from the data ----
    const years = (await db.query<{ year: number }>('SELECT year FROM holiday_calendar_year')).rows.map((r) => r.year);
    const days = (await db.query<{ day: string; kind: string }>('SELECT day::text, kind FROM holiday_calendar_day'))
      .rows;
    const calendar = new WorkingCalendar({
      years,
      holidays: days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.day),
      workdays: days.filter((d) => d.kind === 'WORKDAY').map((d) => d.day),
    });
    const open = (await db.query<{ due: string }>(`SELECT due_date::text AS due FROM task_escalation WHERE open`)).rows;
    const expectedEvents = open.reduce(
      (n, t) => n + LEVELS.filter((l) => threshold(l, t.due, DEFAULT_POLICY, calendar) <= lastAsOf).length,
      0,
    );
    const [events] = (
      await db.query(
        `SELECT (SELECT count(*) FROM escalation_event)::int AS raised,
                (SELECT count(DISTINCT (task_id, level, due_date)) FROM escalation_event)::int AS distinct_events,
                (SELECT count(*) FROM notification_outbox o, jsonb_array_elements_text(o.payload->'eventIds') e WHERE o.kind = 'ESCALATION')::int AS announced,
                (SELECT count(DISTINCT e) FROM notification_outbox o, jsonb_array_elements_text(o.payload->'eventIds') e WHERE o.kind = 'ESCALATION')::int AS announced_distinct`,
      )
    ).rows;
    // Every in-app notification of a user with an address is one e-mail; its delivery row names the message.
    const expectedMail = (
      await db.query<{ id: string | null; status: string | null }>(
        `SELECT d.id::text, d.status FROM notification n JOIN notification_email e ON e.user_id = n.user_id
         LEFT JOIN notification_delivery d ON d.channel = 'EMAIL' AND d.source_key = n.source_key AND d.recipient = n.user_id::text`,
      )
    ).rows;
    const deliveryIds = new Set(expectedMail.map((m) => m.id));
    let delivered = 0;
    let lost = 0;
    let twice = 0;
    for (const m of expectedMail) {
      const n = m.id ? (sink.received.get(m.id) ?? 0) : 0;
      if (n === 0) lost++;
      else delivered++;
      if (n > 1) twice++;
    }
    const strays = [...sink.received.keys()].filter((id) => !deliveryIds.has(id)).length;
    const dead = (await db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'DEAD'`)).rows[0]
      .n;
    await db.end();

    // ---- the figures ----
    console.log(`faults: ${faults.join('; ')}`);
    console.log(
      `requests: ${requests} over ${loadSeconds.toFixed(0)} s of load (${(requests / loadSeconds).toFixed(1)}/s; ${elapsed.toFixed(0)} s until the last fault was over), sweeps: ${day} days up to ${lastAsOf}` +
        (sweepsRefused.length ? `, refused and retried: ${sweepsRefused.join(', ')}` : ''),
    );
    for (const cls of ['read', 'write', 'heavy', 'sweep']) {
      const xs = latencies.get(cls) ?? [];
      console.log(
        `  ${cls.padEnd(5)}: ${String(xs.length).padStart(6)} answered, p50 ${percentile(xs, 50).toFixed(0)} ms, p99 ${percentile(xs, 99).toFixed(0)} ms, max ${percentile(xs, 100).toFixed(0)} ms`,
      );
    }
    const unexpected = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log(
      `errors: ${unexpected} unexpected${unexpected ? ` (${[...errors].map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}; counted apart: ${killedInFlight} in flight on the killed API process, ${refusedRedisDown} refused as SERVICE_UNAVAILABLE while Redis was down (retried), ${sweepBusy} sweeps refused as CONFLICT while the previous day's still ran (retried)`,
    );
    console.log(
      `escalation events: ${events.raised} raised, ${expectedEvents} expected (ladder per open task, as of ${lastAsOf}); ${events.distinct_events} distinct; announced in the outbox ${events.announced} times for ${events.announced_distinct} events`,
    );
    console.log(
      `e-mails: ${delivered} of ${expectedMail.length} expected delivered at the sink, ${lost} lost, ${twice} more than once, ${strays} unexpected; ${dead} deliveries dead-lettered`,
    );
    console.log(
      `drained: outbox ${waiting.outbox} rows waiting, ${waiting.deliveries} deliveries pending, last sweep ${waiting.sweeps ? 'NOT finished' : 'finished'} (${drainSeconds.toFixed(1)} s after the load)`,
    );
    const ok =
      !unexpected &&
      events.raised === expectedEvents &&
      events.announced === expectedEvents &&
      events.announced_distinct === expectedEvents &&
      !lost &&
      !twice &&
      !strays &&
      !waiting.outbox &&
      !waiting.deliveries &&
      !waiting.sweeps;
    console.log(ok ? 'soak: PASS' : 'soak: FAIL');
    if (!ok) process.exitCode = 1;
  } finally {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await sink.stop();
    await redis.remove();
    if (process.env.BENCH_KEEP_DB) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

await main();
