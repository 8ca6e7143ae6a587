// npm run bench:api — the API under load on 100,000 synthetic tasks over 500 departments:
// tasks(first: 50) with nested measure and department at 50 connections, and updateTask at 200 rps.
// The API runs as `npm start` runs it (one process per CPU, API_NODE_FLAGS); each measurement follows
// a 5-second warm-up at the same load on the same connections (connections opened, statements
// prepared, code optimised), whose figures are printed apart and not counted.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { login, seed } from './api-data.js';
import { closedLoad, type ClosedLoadResult } from './closed-load.js';
import { pacedLoad } from './paced-load.js';
import { printMachineReference, scratchDatabase, startApi } from './support.js';

const JWT_SECRET = randomBytes(32).toString('hex');
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
    const token = await login(api.url, 'bench.supervisor');
    await benchList(api.url, token);
    await benchUpdate(api.url, token, db.url);
  } finally {
    api.stop();
  }
} finally {
  if (process.env.BENCH_KEEP_DB) console.log(`kept ${db.url}`);
  else await db.drop();
}
