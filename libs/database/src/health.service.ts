import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';

const CHECK_TIMEOUT_MS = 2000;

export interface HealthReport {
  status: 'ok' | 'down';
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
  down?: string[];
}

/** Whether PostgreSQL and Redis answer: the API's GET /health and the worker's (on METRICS_PORT). */
@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: CHECK_TIMEOUT_MS,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined); // reported through /health, not as unhandled errors
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.pingRedis()),
    ]);
    const down = [postgres === 'down' && 'postgres', redis === 'down' && 'redis'].filter((x): x is string => !!x);
    return down.length ? { status: 'down', postgres, redis, down } : { status: 'ok', postgres, redis };
  }

  private async pingRedis(): Promise<unknown> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
    return this.redis.ping();
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

async function probe(fn: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([fn(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
