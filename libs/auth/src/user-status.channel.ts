import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { UserStatusCache } from './user-status.cache.js';

/**
 * Tells every API process (API_WORKERS, and other hosts on the same Redis) that a user's status
 * changed, so each drops its cached one before its next request. Redis pub/sub under QUEUE_PREFIX;
 * while Redis is down nothing is told and the cache's TTL bounds the staleness, and after a
 * reconnection each process forgets every status, since it may have missed news.
 */
@Injectable()
export class UserStatusChannel implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UserStatusChannel');
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: UserStatusCache,
  ) {
    this.channel = `${config.QUEUE_PREFIX}:user-status`;
    const retryStrategy = () => 1000;
    this.publisher = new Redis(config.REDIS_URL, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // The SUBSCRIBE waits (unbounded) for a connection; ioredis repeats it after every reconnection.
    this.subscriber = new Redis(config.REDIS_URL, { retryStrategy, maxRetriesPerRequest: null });
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', () => undefined); // /health reports Redis
    this.subscriber.on('ready', () => this.cache.invalidateAll());
    this.subscriber.on('message', (_channel: string, userId: string) => this.cache.invalidate(userId));
  }

  onModuleInit(): void {
    // Not awaited: start-up does not wait for Redis; ioredis subscribes (again) whenever it connects.
    this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  /** After the change committed: forget the user here at once, and in the other processes. */
  async changed(userId: string): Promise<void> {
    this.cache.invalidate(userId);
    await this.publisher.publish(this.channel, userId).catch((error: unknown) => {
      this.logger.warn(`user status change not published, other processes catch up within the TTL: ${String(error)}`);
    });
  }

  onModuleDestroy(): void {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
