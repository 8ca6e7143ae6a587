// npm run bench:anchor — luoshi beside a generic anchor, PostGraphile 4.14.1 (bench/anchor-server.ts),
// on the bench:api data (100,000 tasks, 500 departments), both as 2 cluster workers, alternating in one
// run. Three pairs, each luoshi's query against the nearest query the anchor can answer:
// - the task page, tasks(first: 50) with measure and department (a supervisor: the whole city),
//   against allTasks(first: 50, orderBy: [DUE_DATE_ASC, ID_ASC]) with the same two relations;
// - a liaison's workQueue (待办: the department's open tasks, soonest due first, with their measure),
//   against allTasks(condition: {departmentId}, orderBy: [DUE_DATE_ASC, ID_ASC], first: 200) with
//   measure — the same 200 rows, as every bench task is open; the anchor skips the status filter,
//   the returned tasks, the pending extensions and the supervised count;
// - a leader's responsibilityMatrix of one plan (200 measures × 50 departments = 10,000 cells, the
//   500 departments, the 200 measures), against planById with its measures, each with its tasks
//   (department, measure, role, status, due date), and allDepartments — the same rows; the anchor
//   computes no overdue flag, escalation level or notice.
// Each round measures each side twice on 50 connections (4 for the matrix): warm (a 5-s warm-up,
// then 15 s on the same connections) and then fresh (new connections, measured from their first
// request, right after).
// Then the pair is measured interleaved: BENCH_SLICES (10) short slices of each side in turn (3 s,
// 6 s for the matrix, after a 0.5-s warm-up on new connections), the order swapped every slice. This
// shared machine's speed drifts by a third within a minute, which a 15-s window of one side and then
// of the other reads as a difference between them; slices a few seconds apart see the same machine.
// BENCH_SECONDS shortens the measured windows; BENCH_ROUNDS sets the rounds (at least 2); BENCH_ONLY
// (page, workQueue or matrix) runs one pair.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { repoPath } from '@app/common';
import { LIAISON_DEPARTMENT_KEY, login, seed } from './api-data.js';
import { closedLoad, type LoadWindow } from './closed-load.js';
import { freePort, median, printMachineReference, scratchDatabase, startApi } from './support.js';

const WORKERS = 2;
const CONNECTIONS = 50;
const MATRIX_CONNECTIONS = 4;
const WARM_UP_SECONDS = 5;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 2));
const SLICES = Math.max(2, Number(process.env.BENCH_SLICES ?? 10));
const SLICE_WARM_UP_SECONDS = 0.5;

interface Side {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Rows in one answer, checked once before the load: both sides must answer the same page. */
  rows: (answer: unknown) => number;
}

interface Pair {
  title: string;
  /** Concurrent connections: 50, but fewer for the matrix, whose one answer is 10,000 cells. */
  connections: number;
  /** Seconds of each interleaved slice: long enough for a few dozen answers. */
  sliceSeconds: number;
  luoshi: Side;
  anchor: Side;
}

function startAnchor(databaseUrl: string, port: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [repoPath('dist', 'bench', 'anchor-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), ANCHOR_WORKERS: String(WORKERS) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  return (async () => {
    for (let i = 0; i < 150; i++) {
      try {
        // PostGraphile answers once its schema is introspected; both workers by then, near enough.
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        });
        if (res.ok) return { url, stop: () => child.kill('SIGTERM') };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    throw new Error('PostGraphile did not start');
  })();
}

async function answer(side: Side): Promise<unknown> {
  const res = await fetch(`${side.url}/graphql`, { method: 'POST', headers: side.headers, body: side.body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || !json.data) throw new Error(`${side.name}: ${JSON.stringify(json.errors ?? json)}`);
  return json.data;
}

/** The side's query on `connections` connections, as every measurement of this bench sends it. */
function loadOf(side: Side, connections: number) {
  return {
    url: `${side.url}/graphql`,
    connections,
    // A matrix answer under load takes seconds on a shared machine: autocannon's 10 s would count it failed.
    timeout: 30,
    method: 'POST' as const,
    headers: side.headers,
    body: side.body,
  };
}

async function measure(
  side: Side,
  connections: number,
): Promise<{ warm: LoadWindow; fresh: LoadWindow; errors: number; firstError?: string }> {
  const options = loadOf(side, connections);
  const warm = await closedLoad(options, WARM_UP_SECONDS, SECONDS);
  const fresh = await closedLoad(options, 0, SECONDS);
  return {
    warm: warm.measured,
    fresh: fresh.measured,
    errors: warm.errors + fresh.errors,
    firstError: warm.firstError ?? fresh.firstError,
  };
}

const line = (w: LoadWindow) =>
  `${w.rps.toFixed(0).padStart(5)} rps, p50 ${w.p50.toFixed(0).padStart(4)} ms, p99 ${w.p99.toFixed(0).padStart(4)} ms, max ${w.max.toFixed(0).padStart(4)} ms`;

async function runPair(pair: Pair): Promise<void> {
  const [luoshiRows, anchorRows] = [
    pair.luoshi.rows(await answer(pair.luoshi)),
    pair.anchor.rows(await answer(pair.anchor)),
  ];
  console.log(
    `\n${pair.title}, ${pair.connections} connections\n  rows per answer: luoshi ${luoshiRows}, anchor ${anchorRows}`,
  );
  if (luoshiRows !== anchorRows) throw new Error('the two sides answer different pages');
  for (let round = 1; round <= ROUNDS; round++) {
    const l = await measure(pair.luoshi, pair.connections);
    const a = await measure(pair.anchor, pair.connections);
    for (const kind of ['fresh', 'warm'] as const) {
      const ratio = l[kind].rps / a[kind].rps;
      const p99 = l[kind].p99 < a[kind].p99 ? 'lower' : 'NOT lower';
      console.log(
        `  round ${round} ${kind.padEnd(5)} luoshi ${line(l[kind])} | anchor ${line(a[kind])} | ` +
          `ratio ${ratio.toFixed(2)}×, luoshi p99 ${p99}`,
      );
    }
    if (l.errors || a.errors)
      console.log(
        `  round ${round} errors: luoshi ${l.errors}${l.firstError ? ` (first: ${l.firstError})` : ''}, ` +
          `anchor ${a.errors}${a.firstError ? ` (first: ${a.firstError})` : ''}`,
      );
  }
  await interleave(pair);
}

/** The pair in alternating short slices: throughput summed over all slices, p99 the median of the slices' p99s. */
async function interleave(pair: Pair): Promise<void> {
  const sides = {
    luoshi: { answered: 0, p99s: [] as number[], errors: 0 },
    anchor: { answered: 0, p99s: [] as number[], errors: 0 },
  };
  let luoshiAhead = 0;
  for (let slice = 0; slice < SLICES; slice++) {
    const order = slice % 2 ? (['anchor', 'luoshi'] as const) : (['luoshi', 'anchor'] as const);
    const rps = { luoshi: 0, anchor: 0 };
    for (const name of order) {
      const run = await closedLoad(loadOf(pair[name], pair.connections), SLICE_WARM_UP_SECONDS, pair.sliceSeconds);
      rps[name] = run.measured.rps;
      sides[name].answered += run.measured.requests;
      sides[name].p99s.push(run.measured.p99);
      sides[name].errors += run.errors;
    }
    if (rps.luoshi > rps.anchor) luoshiAhead++;
  }
  const seconds = SLICES * pair.sliceSeconds;
  const [l, a] = [sides.luoshi, sides.anchor];
  const p99 = { luoshi: median(l.p99s), anchor: median(a.p99s) };
  console.log(
    `  interleaved, ${SLICES} slices of ${pair.sliceSeconds} s each: luoshi ${(l.answered / seconds).toFixed(0)} rps ` +
      `(median slice p99 ${p99.luoshi.toFixed(0)} ms) | anchor ${(a.answered / seconds).toFixed(0)} rps ` +
      `(${p99.anchor.toFixed(0)} ms) | ratio ${(l.answered / a.answered).toFixed(2)}×, luoshi ahead in ` +
      `${luoshiAhead} of ${SLICES} slices, p99 ${p99.luoshi < p99.anchor ? 'lower' : 'NOT lower'}` +
      (l.errors || a.errors ? `; errors: luoshi ${l.errors}, anchor ${a.errors}` : ''),
  );
}

const JWT_SECRET = randomBytes(32).toString('hex');
const db = await scratchDatabase('luoshi_bench_anchor');
const stops: (() => void)[] = [];
try {
  await printMachineReference(db.url);
  await seed(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const planId = (await client.query<{ id: string }>("SELECT id FROM plan WHERE title = '基准规划1'")).rows[0]!.id;
  const departmentId = (
    await client.query<{ id: string }>('SELECT id FROM department WHERE key = $1', [LIAISON_DEPARTMENT_KEY])
  ).rows[0]!.id;
  await client.end();

  const api = await startApi(db.url, { JWT_SECRET, API_WORKERS: String(WORKERS) });
  stops.push(api.stop);
  const anchor = await startAnchor(db.url, await freePort());
  stops.push(anchor.stop);
  console.log(
    `luoshi and PostGraphile 4.14.1, ${WORKERS} cluster workers each, ` +
      `${SECONDS}-s windows, ${ROUNDS} rounds (luoshi first in each)`,
  );

  const json = { 'content-type': 'application/json' };
  const as = async (username: string) => ({ ...json, authorization: `Bearer ${await login(api.url, username)}` });
  const body = (query: string, variables: Record<string, string> = {}) => JSON.stringify({ query, variables });
  type Data = Record<string, never>;
  const get = (data: unknown, ...path: string[]): unknown =>
    path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], data);
  const count = (data: unknown, ...path: string[]) => (get(data, ...path) as Data[]).length;

  const only = process.env.BENCH_ONLY; // page, workQueue or matrix: one pair
  const run = (pair: Pair & { key: string }) => (!only || only === pair.key ? runPair(pair) : Promise.resolve());
  await run({
    key: 'page',
    connections: CONNECTIONS,
    sliceSeconds: 3,
    title:
      'the task page: tasks(first: 50) { measure department } vs allTasks(first: 50, orderBy: [DUE_DATE_ASC, ID_ASC])',
    luoshi: {
      name: 'luoshi tasks',
      url: api.url,
      headers: await as('bench.supervisor'),
      body: body(
        '{ tasks(first: 50) { edges { node { id status dueDate measure { code title } department { name } } } } }',
      ),
      rows: (d) => count(d, 'tasks', 'edges'),
    },
    anchor: {
      name: 'PostGraphile allTasks',
      url: anchor.url,
      headers: json,
      body: body(
        '{ allTasks(first: 50, orderBy: [DUE_DATE_ASC, ID_ASC]) { edges { node { id status dueDate ' +
          'measureByMeasureId { code title } departmentByDepartmentId { name } } } } }',
      ),
      rows: (d) => count(d, 'allTasks', 'edges'),
    },
  });
  await run({
    key: 'workQueue',
    connections: CONNECTIONS,
    sliceSeconds: 3,
    title: "a liaison's workQueue vs allTasks(condition: { departmentId }, first: 200) with measure",
    luoshi: {
      name: 'luoshi workQueue',
      url: api.url,
      headers: await as('bench.liaison'),
      body: body(
        '{ workQueue { openTasks { id status dueDate measure { code title } } returnedTasks { id status dueDate } ' +
          'pendingExtensions { id } supervisedCount } }',
      ),
      rows: (d) => count(d, 'workQueue', 'openTasks'),
    },
    anchor: {
      name: 'PostGraphile allTasks by department',
      url: anchor.url,
      headers: json,
      body: body(
        'query($d: UUID!) { allTasks(condition: { departmentId: $d }, orderBy: [DUE_DATE_ASC, ID_ASC], first: 200) ' +
          '{ nodes { id status dueDate measureByMeasureId { code title } } } }',
        { d: departmentId },
      ),
      rows: (d) => count(d, 'allTasks', 'nodes'),
    },
  });
  await run({
    key: 'matrix',
    connections: MATRIX_CONNECTIONS,
    sliceSeconds: 6,
    title: "a leader's responsibilityMatrix of one plan vs planById { measures { tasks } } and allDepartments",
    luoshi: {
      name: 'luoshi responsibilityMatrix',
      url: api.url,
      headers: await as('bench.leader'),
      body: body(
        'query($p: ID!) { responsibilityMatrix(planId: $p) { plan { id title } departments { id shortName } ' +
          'measures { id code title } cells { departmentId measureId role status overdue escalationLevel } } }',
        { p: planId },
      ),
      rows: (d) => count(d, 'responsibilityMatrix', 'cells'),
    },
    anchor: {
      name: 'PostGraphile planById',
      url: anchor.url,
      headers: json,
      body: body(
        'query($p: UUID!) { planById(id: $p) { id title measuresByPlanId(orderBy: [ORDINAL_ASC]) { nodes { id code title ' +
          'tasksByMeasureId { nodes { departmentId measureId role status dueDate } } } } } ' +
          'allDepartments(orderBy: [SHORT_NAME_ASC]) { nodes { id shortName } } }',
        { p: planId },
      ),
      rows: (d) =>
        (get(d, 'planById', 'measuresByPlanId', 'nodes') as { tasksByMeasureId: { nodes: Data[] } }[]).reduce(
          (n, m) => n + m.tasksByMeasureId.nodes.length,
          0,
        ),
    },
  });
} finally {
  for (const stop of stops) stop();
  if (process.env.BENCH_KEEP_DB) console.log(`kept ${db.url}`);
  else await db.drop();
}
