// Shared by the benchmarks: a scratch database migrated by the real migrations, and the API as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { parseConfig, repoPath } from '@app/common';
import { createDataSource, ensureDatabase, runMigrations } from '@app/database';
import { RegistrySeeder } from '@app/departments';
import { loadRegistryFiles } from '@app/importer';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags.js';
import { SeedModule } from '../apps/cli/src/seed.module.js';

export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const base = parseConfig(process.env).DATABASE_URL;
  const url = new URL(base);
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const ds = await createDataSource(url.toString()).initialize();
  await runMigrations(ds);
  await ds.destroy();
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new URL(base);
      admin.pathname = '/postgres';
      const ds2 = await createDataSource(admin.toString()).initialize();
      await ds2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await ds2.destroy();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the built API (dist/) on the scratch database and waits for /health (up to a minute: a loaded machine). */
export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...API_NODE_FLAGS, repoPath('dist', 'apps', 'api', 'src', 'main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // Up to a minute: on a loaded machine the cluster's workers take a while to listen.
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('API did not start');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The p-th percentile (p = 100: the maximum); NaN when nothing was measured, so a dead run prints NaN. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** Loads seeds/registry into a scratch database through the same service `npm start` uses. */
export async function seedRegistry(databaseUrl: string): Promise<void> {
  const config = { ...parseConfig(process.env), DATABASE_URL: databaseUrl };
  const ctx = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: false });
  try {
    await ctx.get(RegistrySeeder).load(loadRegistryFiles(repoPath('seeds', 'registry')));
  } finally {
    await ctx.close();
  }
}

/**
 * Two fixed pieces of work, timed (best of three) and printed before a benchmark's figures, so
 * figures from different machines can be compared: the shared 2-core machines here differ by up to 2×.
 */
export async function printMachineReference(databaseUrl: string): Promise<void> {
  const nodeMs = await bestOf(3, () => {
    let x = 0;
    for (let i = 0; i < 300_000_000; i++) x += i % 7;
    return x;
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const pgMs = await bestOf(3, () => db.query('SELECT count(*) FROM generate_series(1, 5000000) g WHERE g % 7 = 0'));
  await db.end();
  console.log(
    `machine: ${availableParallelism()} cores; reference work (lower is faster): Node loop ${nodeMs.toFixed(0)} ms, ` +
      `PostgreSQL count over 5,000,000 rows ${pgMs.toFixed(0)} ms`,
  );
}

async function bestOf(runs: number, work: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
