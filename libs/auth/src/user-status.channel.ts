import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { AccessScopeService } from './access-scope.service.js';
import { UserStatusCache } from './user-status.cache.js';

/**
 * Tells every API process (API_WORKERS, and other hosts on the same Redis) that a user's status
 * changed, or the jurisdiction tree did (a district created), so each drops what it cached before its
 * next request. Redis pub/sub under QUEUE_PREFIX; while Redis is down nothing is told and the caches'
 * TTLs bound the staleness, and after a reconnection each process forgets everything, since it may
 * have missed news.
 */
@Injectable()
export class UserStatusChannel implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UserStatusChannel');
  private readonly channel: string;
  private readonly treeChannel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: UserStatusCache,
    private readonly scopes: AccessScopeService,
  ) {
    this.channel = `${config.QUEUE_PREFIX}:user-status`;
    this.treeChannel = `${config.QUEUE_PREFIX}:jurisdiction-tree`;
    const retryStrategy = () => 1000;
    this.publisher = new Redis(config.REDIS_URL, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // The SUBSCRIBE waits (unbounded) for a connection; ioredis repeats it after every reconnection.
    this.subscriber = new Redis(config.REDIS_URL, { retryStrategy, maxRetriesPerRequest: null });
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', () => undefined); // /health reports Redis
    this.subscriber.on('ready', () => {
      this.cache.invalidateAll();
      this.scopes.invalidateSubtrees();
    });
    this.subscriber.on('message', (channel: string, userId: string) =>
      channel === this.treeChannel ? this.scopes.invalidateSubtrees() : this.cache.invalidate(userId),
    );
  }

  onModuleInit(): void {
    // Not awaited: start-up does not wait for Redis; ioredis subscribes (again) whenever it connects.
    this.subscriber.subscribe(this.channel, this.treeChannel).catch(() => undefined);
  }

  /** After the change committed: forget the user here at once, and in the other processes. */
  async changed(userId: string): Promise<void> {
    this.cache.invalidate(userId);
    await this.publisher.publish(this.channel, userId).catch((error: unknown) => {
      this.logger.warn(`user status change not published, other processes catch up within the TTL: ${String(error)}`);
    });
  }

  /** After a jurisdiction was created or moved: every process computes its subtrees afresh. */
  async treeChanged(): Promise<void> {
    this.scopes.invalidateSubtrees();
    await this.publisher.publish(this.treeChannel, '').catch((error: unknown) => {
      this.logger.warn(
        `jurisdiction tree change not published, other processes catch up within a minute: ${String(error)}`,
      );
    });
  }

  onModuleDestroy(): void {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
