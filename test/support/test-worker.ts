import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { parseConfig } from '../../libs/common/src/index.js';

/** The real worker (relay, processors, scheduler) in this process, on a test's database and queue prefix. */
export async function startWorker(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const config = parseConfig({ ...process.env, DATABASE_URL: databaseUrl, ...env });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await app.init();
  return app;
}

/** Polls until `check` returns a truthy value (returned), or fails naming what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Removes every Redis key under a test's queue prefix. */
export async function dropQueues(
  prefix: string,
  redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}
