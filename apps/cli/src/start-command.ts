import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@app/common';
import { createDataSource, ensureDatabase, runMigrations } from '@app/database';
import { API_NODE_FLAGS } from '../../api/src/node-flags.js';
import { SeedModule } from './seed.module.js';
import { SeedService, type SeedOptions } from './seed.service.js';

export async function migrateCommand(config: AppConfig): Promise<string[]> {
  if (await ensureDatabase(config.DATABASE_URL)) console.log('database created');
  const dataSource = await createDataSource(config.DATABASE_URL).initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export const DEMO_ACCOUNTS_SKIPPED =
  'luoshi: production — demo accounts not created (set LUOSHI_DEMO=1 to create them)';

/**
 * What `npm start` seeds: the registry, the seed plans, `admin` when LUOSHI_ADMIN_PASSWORD is set,
 * and the demo accounts — whose password is published, so in production only with LUOSHI_DEMO=1
 * (the notice says so at start-up).
 */
export function startSeedOptions(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): { options: SeedOptions; notice: string | null } {
  const demo = config.NODE_ENV !== 'production' || config.LUOSHI_DEMO;
  return {
    options: {
      adminPassword: config.LUOSHI_ADMIN_PASSWORD,
      plans: true,
      demoPassword: demo ? env.LUOSHI_DEMO_PASSWORD || 'luoshi-demo' : null,
    },
    notice: demo ? null : DEMO_ACCOUNTS_SKIPPED,
  };
}

export async function seedCommand(config: AppConfig, out: (line: string) => void = console.log): Promise<void> {
  const { options, notice } = startSeedOptions(config);
  if (notice) out(notice);
  await runSeed(config, options);
}

export async function runSeed(config: AppConfig, options: SeedOptions): Promise<void> {
  const ctx = await NestFactory.createApplicationContext(SeedModule.forRoot(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn', 'log'],
  });
  try {
    await ctx.get(SeedService).run(options);
  } finally {
    await ctx.close();
  }
}

/** `npm start`: migrate, seed, then run the API and the worker until one stops or a signal comes. */
export async function startCommand(config: AppConfig): Promise<void> {
  const applied = await migrateCommand(config);
  console.log(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}`);
  await seedCommand(config);
  const children = [run('../../api/src/main.js', API_NODE_FLAGS), run('../../worker/src/main.js')];
  const stop = (signal: NodeJS.Signals) => children.forEach((c) => c.exitCode === null && c.kill(signal));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const code = await Promise.race(children.map((c) => new Promise<number>((r) => c.on('exit', (n) => r(n ?? 1)))));
  stop('SIGTERM');
  process.exitCode = code;
}

function run(relative: string, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, fileURLToPath(new URL(relative, import.meta.url))], {
    stdio: 'inherit',
    env: process.env,
  });
}
