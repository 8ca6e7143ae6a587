// npm run bench:public — the public progress page (政务公开) of the largest seed plan at 50
// connections, without login, as a phone asks for it (Accept-Encoding: br), then its JSON twin, then
// what a reader waits for right after a change (the page rebuilt). The seeds are imported and
// published through the API; every task gets three progress reports (one in three public) so the
// page has narratives to show. The API runs as `npm start` runs it (one process per CPU).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import * as argon2 from 'argon2';
import pg from 'pg';
import { repoPath } from '@app/common';
import { closedLoad, type ClosedLoadResult } from './closed-load.js';
import { median, percentile, printMachineReference, scratchDatabase, seedRegistry, startApi } from './support.js';

const PASSWORD = 'bench-password';
const JWT_SECRET = randomBytes(32).toString('hex');
const WARM_UP_SECONDS = 5;
const SECONDS = 15;

async function gql<T>(api: string, token: string | null, query: string, variables: object = {}): Promise<T> {
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Every seed plan imported and published; the one with the most tasks made public. */
async function seedPlans(api: string, url: string): Promise<string> {
  const token = (
    await gql<{ login: { token: string } }>(
      api,
      null,
      `mutation { login(username: "bench.admin", password: "${PASSWORD}") { token } }`,
    )
  ).login.token;
  for (const file of readdirSync(repoPath('seeds', 'plans')).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(repoPath('seeds', 'plans', file), 'utf8');
    const { importPlanDocument } = await gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      api,
      token,
      'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { plans { id } } }',
      { input: { text, fileName: file } },
    );
    for (const { id } of importPlanDocument.plans) {
      try {
        await gql(api, token, 'mutation($id: ID!) { publishPlan(planId: $id) { id } }', { id });
      } catch {
        // a plan the importer could not give every measure an owner and a deadline stays a draft
      }
    }
  }
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const largest = await db.query<{ id: string; title: string; tasks: string; measures: string }>(
    `SELECT p.id, p.title, count(t.id) AS tasks, (SELECT count(*) FROM measure m WHERE m.plan_id = p.id) AS measures
     FROM plan p JOIN task t ON t.plan_id = p.id WHERE p.status = 'PUBLISHED'
     GROUP BY p.id ORDER BY count(t.id) DESC LIMIT 1`,
  );
  const plan = largest.rows[0]!;
  await db.query(
    `INSERT INTO progress_report (task_id, author_id, submitted_at, progress_percent, narrative, problems, indicator_values, evidence, public, public_changed_at)
     SELECT t.id, u.id, now() - (k || ' days')::interval, 20 * k, '第' || k || '次进展：已召开推进会，完成阶段性工作。',
            '存在问题', '[]', '[]', k = 3, CASE WHEN k = 3 THEN now() END
     FROM task t CROSS JOIN generate_series(1, 3) k, app_user u WHERE u.username = 'bench.admin'`,
  );
  await db.query('ANALYZE');
  await db.end();
  await gql(api, token, 'mutation($id: ID!) { setPlanPublicity(planId: $id, public: true) { id } }', { id: plan.id });
  console.log(`largest seed plan: ${plan.title} — ${plan.measures} measures, ${plan.tasks} tasks, 3 reports per task`);
  return plan.id;
}

function report(name: string, r: ClosedLoadResult, target: string): void {
  const { measured: m, warmUp: w } = r;
  console.log(
    `${name}: ${m.rps.toFixed(0)} rps, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, max ${m.max.toFixed(0)} ms, ` +
      `${m.requests} requests, ${r.errors} errors (${target})\n` +
      `  warm-up before it (${WARM_UP_SECONDS} s, connections opening): ${w.rps.toFixed(0)} rps, p50 ${w.p50.toFixed(1)} ms, ` +
      `p99 ${w.p99.toFixed(1)} ms, max ${w.max.toFixed(0)} ms`,
  );
}

/** The answer's size as sent (node:http, which unlike fetch does not decode it) and decoded. */
function sizes(url: string): Promise<{ sent: number; decoded: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
        const sent = Buffer.concat(chunks);
        resolve({ sent: sent.length, decoded: brotliDecompressSync(sent).length });
      });
    }).on('error', reject);
  });
}

async function benchPage(api: string, path: string, name: string): Promise<void> {
  const { sent, decoded } = await sizes(`${api}${path}`);
  const result = await closedLoad(
    { url: `${api}${path}`, connections: 50, headers: { 'accept-encoding': 'br' } },
    WARM_UP_SECONDS,
    SECONDS,
  );
  report(`${name} (${sent} bytes as br, ${decoded} decoded) at 50 connections`, result, 'target p99 ≤ 100 ms');
}

/** A task of the plan changes, then one reader asks: the rebuild (SQL, render, compression) it waits for. */
async function benchRebuild(api: string, url: string, planId: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    await db.query(
      `UPDATE task SET updated_at = now() WHERE id = (SELECT id FROM task WHERE plan_id = $1 ORDER BY random() LIMIT 1)`,
      [planId],
    );
    const started = performance.now();
    await (await fetch(`${api}/public/plans/${planId}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
    times.push(performance.now() - started);
  }
  await db.end();
  console.log(
    `first request after a task change (page rebuilt; 30 changes): median ${median(times).toFixed(1)} ms, ` +
      `p90 ${percentile(times, 90).toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms`,
  );
}

const db = await scratchDatabase('luoshi_bench_public');
try {
  await printMachineReference(db.url);
  await seedRegistry(db.url);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(
    `INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('bench.admin', $1, '基准管理员', 'ADMIN')`,
    [await argon2.hash(PASSWORD)],
  );
  await admin.end();
  const api = await startApi(db.url, { JWT_SECRET });
  try {
    const planId = await seedPlans(api.url, db.url);
    await benchPage(api.url, `/public/plans/${planId}`, 'GET /public/plans/:id');
    await benchPage(api.url, `/public/plans/${planId}.json`, 'GET /public/plans/:id.json');
    await benchRebuild(api.url, db.url, planId);
  } finally {
    api.stop();
  }
} finally {
  if (process.env.BENCH_KEEP_DB) console.log(`kept ${db.url}`);
  else await db.drop();
}
