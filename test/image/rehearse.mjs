/* global fetch */
// npm run image:rehearse — the Dockerfile's runtime stage without Docker (issue 15: "the image builds
// where Docker exists"; this machine has no daemon). It lays the stage out as its COPY lines name it,
// installs the production dependencies with the deps stage's own `npm ci`, makes the tree root's and
// read-only to the process, and runs setup, the API and the worker from it as `nobody` (the image's
// `node` user stands for any non-root one) on a scratch database: what a dev dependency, a missing
// file or a write into /app would break in the image breaks here. Not part of npm test: it downloads
// the production dependencies (about a minute).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The Dockerfile's stages: each one's instructions, continuation lines joined. */
function stages(text) {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  const result = [];
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ name: from[1] ?? `stage${result.length}`, steps: [] });
    else if (result.length) result.at(-1).steps.push(line);
  }
  return result;
}

function copies(stage) {
  return stage.steps
    .filter((step) => step.startsWith('COPY '))
    .map((step) => {
      const words = step.split(/\s+/).slice(1);
      const from = words[0].startsWith('--from=') ? words.shift().slice('--from='.length) : undefined;
      return { from, sources: words.slice(0, -1), dest: words.at(-1) };
    });
}

function place(sources, dest, root, into) {
  for (const source of sources) {
    const path = join(root, source);
    if (!existsSync(path)) throw new Error(`COPY names ${source}, which is not in ${root} (npm run build first?)`);
    const target = dest.endsWith('/') ? join(into, dest, source.split('/').at(-1)) : join(into, dest);
    cpSync(path, target, { recursive: true });
  }
}

/** The deps stage's install, run as written but for a cache clean, which would empty this user's cache. */
function installProductionDependencies(deps, dir) {
  for (const { sources, dest } of copies(deps)) place(sources, dest, repo, dir);
  const run = deps.steps.find((step) => step.startsWith('RUN '));
  const install = run?.slice(4).split('&&')[0].trim();
  if (!install?.startsWith('npm ci') || !install.includes('--omit=dev')) {
    throw new Error(`the deps stage should install with npm ci --omit=dev, not: ${run}`);
  }
  const done = spawnSync('sh', ['-c', install], { cwd: dir, stdio: 'inherit' });
  if (done.status !== 0) throw new Error(`${install} failed`);
}

function freePort() {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const asNobody = process.getuid?.() === 0;

function start(app, args, env, cwd) {
  const command = asNobody ? ['runuser', '-u', 'nobody', '--', 'node', ...args] : ['node', ...args];
  const child = spawn(command[0], command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { app, child, output: () => output };
}

async function waitForHealth(url, proc) {
  for (let i = 0; i < 120; i++) {
    if (proc?.child.exitCode != null) break;
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`${url} did not answer 200${proc ? `; ${proc.app} said:\n${proc.output().slice(-3000)}` : ''}`);
}

async function graphql(port, query, variables, token) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`GraphQL answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function main() {
  const dockerfile = stages(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  const runtime = dockerfile.at(-1);
  const byName = new Map(dockerfile.map((stage) => [stage.name, stage]));
  const root = mkdtempSync(join(tmpdir(), 'luoshi-image-'));
  const depsDir = mkdtempSync(join(tmpdir(), 'luoshi-deps-'));
  const database = `luoshi_image_${randomBytes(4).toString('hex')}`;
  const prefix = `luoshi-image-${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  const processes = [];
  await admin.connect();
  try {
    const began = Date.now();
    installProductionDependencies(byName.get('deps'), depsDir);
    console.log(`production dependencies installed in ${((Date.now() - began) / 1000).toFixed(0)} s`);
    for (const { from, sources, dest } of copies(runtime)) {
      // The build stage is this checkout built (npm ci, npm run build); the deps stage is the install above.
      const stageRoot = from === 'deps' ? depsDir : repo;
      place(
        sources.map((s) => (from ? s.replace(/^\/app\//, '') : s)),
        dest,
        stageRoot,
        root,
      );
    }
    spawnSync('chmod', ['-R', 'a+rX,go-w', root]);
    chmodSync(root, 0o755);
    console.log(`runtime stage laid out in ${root}${asNobody ? ', owned by root, run as nobody' : ''}`);

    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(base);
    url.pathname = `/${database}`;
    const [port, apiMetricsPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('base64'),
      LUOSHI_ADMIN_PASSWORD: 'rehearsal-admin',
      PORT: String(port),
      API_WORKERS: '1',
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
    };
    const setup = spawnSync(
      asNobody ? 'runuser' : 'node',
      [...(asNobody ? ['-u', 'nobody', '--', 'node'] : []), 'dist/apps/cli/src/main.js', 'setup'],
      { cwd: root, env, encoding: 'utf8' },
    );
    if (setup.status !== 0) throw new Error(`setup exited ${setup.status}:\n${setup.stdout}${setup.stderr}`);
    console.log(`setup: ${setup.stdout.trim().split('\n').at(-1)}`);

    const cmd = /^CMD\s+(\[.*\])/.exec(runtime.steps.find((s) => s.startsWith('CMD')) ?? '');
    const apiArgs = cmd ? JSON.parse(cmd[1]) : ['dist/apps/api/src/main.js'];
    // One container each in docker-compose.yml, so each has the same METRICS_PORT there; here they share a host.
    const api = start('api', apiArgs, { ...env, METRICS_PORT: String(apiMetricsPort) }, root);
    const worker = start('worker', ['dist/apps/worker/src/main.js'], env, root);
    processes.push(api, worker);
    await waitForHealth(`http://127.0.0.1:${port}/health`, api);
    await waitForHealth(`http://127.0.0.1:${metricsPort}/health`, worker);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    if (!home.ok || !(await home.text()).includes('<div id="root">')) throw new Error('the console is not served');
    const { login } = await graphql(
      port,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 'admin', p: env.LUOSHI_ADMIN_PASSWORD },
    );
    const { jurisdictions } = await graphql(port, '{ jurisdictions { key } }', {}, login.token);
    console.log(`API /health 200, console served, admin signed in, ${jurisdictions.length} jurisdictions`);
    for (const [app, at] of [
      ['API', apiMetricsPort],
      ['worker', metricsPort],
    ]) {
      const metrics = await fetch(`http://127.0.0.1:${at}/metrics`).then((r) => r.text());
      if (!metrics.includes('# TYPE')) throw new Error(`the ${app}'s /metrics answered no series`);
      console.log(`${app} /metrics: ${metrics.split('\n').filter((l) => l.startsWith('# TYPE')).length} series`);
    }
    console.log('worker /health 200');
    console.log('image rehearsal: PASS');
  } finally {
    for (const { child } of processes) child.kill('SIGTERM');
    await Promise.all(processes.map(({ child }) => child.exitCode ?? new Promise((ok) => child.once('exit', ok))));
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    rmSync(root, { recursive: true, force: true });
    rmSync(depsDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`image rehearsal: FAIL — ${error.message}`);
  process.exitCode = 1;
});
