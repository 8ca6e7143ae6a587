// npm run bench:api — the API under load on 100,000 synthetic tasks over 500 departments:
// tasks(first: 50) with nested measure and department at 50 connections, and updateTask at 200 rps.
// The API runs as `npm start` runs it (one process per CPU, API_NODE_FLAGS); each measurement follows
// a 5-second warm-up at the same load on the same connections (connections opened, statements
// prepared, code optimised), whose figures are printed apart and not counted.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import pg from 'pg';
import { closedLoad, type ClosedLoadResult } from './closed-load.js';
import { pacedLoad } from './paced-load.js';
import { printMachineReference, scratchDatabase, seedRegistry, startApi } from './support.js';

const TASKS = 100_000;
const DEPARTMENTS = 500;
const MEASURES = TASKS / 50;
const PASSWORD = 'bench-password';
const JWT_SECRET = randomBytes(32).toString('hex');

async function seed(url: string): Promise<void> {
  await seedRegistry(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const hash = await argon2.hash(PASSWORD);
  await db.query(
    `
    INSERT INTO jurisdiction (key, name, level, parent_id) SELECT 'bench', '基准市', 'CITY', id FROM jurisdiction WHERE key = 'cn';
    INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
      SELECT 'bench.d' || g, j.id, 'HEALTH', '基准市第' || g || '部门', '部门' || g FROM generate_series(1, ${DEPARTMENTS}) g, jurisdiction j WHERE j.key = 'bench';
    INSERT INTO plan_document (text_hash, text) VALUES ('bench', 'bench');
    INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line, period_start, period_end)
      SELECT d.id, g, '基准规划' || g, 'PUBLISHED', j.id, '', 1, 1, 2024, 2026
      FROM generate_series(1, 10) g, plan_document d, jurisdiction j WHERE j.key = 'bench';
    INSERT INTO measure (plan_id, ordinal, code, title, text, deadline, source_line)
      SELECT p.id, g, '一.（' || g || '）', '基准措施' || g, '措施正文' || g, DATE '2024-01-01' + (g % 1000), g
      FROM plan p, generate_series(1, ${MEASURES / 10}) g;
    INSERT INTO task (measure_id, plan_id, department_id, role, due_date, original_due_date)
      SELECT m.id, m.plan_id, d.id, CASE WHEN k = 1 THEN 'LEAD' ELSE 'COOPERATING' END, m.deadline, m.deadline
      FROM (SELECT id, plan_id, deadline, row_number() OVER (ORDER BY id) AS n FROM measure) m
      CROSS JOIN generate_series(1, 50) k
      JOIN department d ON d.key = 'bench.d' || (((m.n * 7 + k) % ${DEPARTMENTS}) + 1);
    INSERT INTO app_user (username, password_hash, display_name, role, jurisdiction_id)
      SELECT 'bench.supervisor', $1, '基准督查室', 'SUPERVISOR', id FROM jurisdiction WHERE key = 'bench';
    ANALYZE;
  `.replace('$1', `'${hash}'`),
  );
  const count = await db.query('SELECT count(*) FROM task');
  console.log(`seeded ${count.rows[0].count} tasks over ${DEPARTMENTS} departments`);
  await db.end();
}

async function login(api: string): Promise<string> {
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { login(username: "bench.supervisor", password: "${PASSWORD}") { token } }`,
    }),
  });
  return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
}

const WARM_UP_SECONDS = 5;
const SECONDS = 15;

function report(name: string, r: ClosedLoadResult, target: string): void {
  const { measured: m, warmUp: w } = r;
  console.log(
    `${name}: ${m.rps.toFixed(0)} rps, p50 ${m.p50.toFixed(0)} ms, p99 ${m.p99.toFixed(0)} ms, max ${m.max.toFixed(0)} ms, ` +
      `${m.requests} requests, ${r.errors} errors (${target})\n` +
      `  warm-up before it (${WARM_UP_SECONDS} s, connections opening): ${w.rps.toFixed(0)} rps, p50 ${w.p50.toFixed(0)} ms, ` +
      `p99 ${w.p99.toFixed(0)} ms, max ${w.max.toFixed(0)} ms`,
  );
}

async function benchList(api: string, token: string): Promise<void> {
  const query =
    '{ tasks(first: 50) { edges { node { id status dueDate measure { code title } department { name } } } } }';
  const result = await closedLoad(
    {
      url: `${api}/graphql`,
      connections: 50,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    },
    WARM_UP_SECONDS,
    SECONDS,
  );
  report('tasks(first: 50) at 50 connections', result, 'target ≥ 800 rps, p99 < 100 ms');
}

async function benchUpdate(api: string, token: string, url: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  // Each update names version 1 of a task no other request touches: 3,600 paced, about 4,000 through autocannon.
  const ids = (await db.query<{ id: string }>('SELECT id FROM task ORDER BY random() LIMIT 8000')).rows.map(
    (r) => r.id,
  );
  await db.end();
  const mutation = 'mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id version } }';
  const body = (taskId: string) =>
    JSON.stringify({ query: mutation, variables: { i: { taskId, expectedVersion: 1, progressPercent: 10 } } });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  let next = 0;
  const paced = { url: `${api}/graphql`, rate: 200, sockets: 20, headers, body: () => body(ids[next++]!) };
  await pacedLoad({ ...paced, seconds: 3 });
  const r = await pacedLoad({ ...paced, seconds: 15 });
  console.log(
    `updateTask at a fixed 200 rps (open loop, one request every 5 ms): ${r.rps.toFixed(0)} rps, p50 ${r.p50.toFixed(0)} ms, ` +
      `p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, ${r.requests} requests, ${r.errors} errors (target p99 < 50 ms, zero errors)`,
  );

  const bursts = await closedLoad(
    {
      url: `${api}/graphql`,
      connections: 20,
      overallRate: 200,
      method: 'POST',
      headers,
      requests: [{ setupRequest: (req) => ({ ...req, body: body(ids[next++]!) }) }],
    },
    WARM_UP_SECONDS,
    SECONDS,
  );
  report(
    '  the same through autocannon overallRate (20 connections each sending 10 back to back every second)',
    bursts,
    'for comparison',
  );
}

const db = await scratchDatabase('luoshi_bench_api');
try {
  await printMachineReference(db.url);
  await seed(db.url);
  const api = await startApi(db.url, { JWT_SECRET });
  try {
    const token = await login(api.url);
    await benchList(api.url, token);
    await benchUpdate(api.url, token, db.url);
  } finally {
    api.stop();
  }
} finally {
  if (process.env.BENCH_KEEP_DB) console.log(`kept ${db.url}`);
  else await db.drop();
}
