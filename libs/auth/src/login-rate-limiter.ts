import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, DomainError, ErrorCode, type AppConfig } from '@app/common';

const ATTEMPTS = 10;
const WINDOW_SECONDS = 60;

/**
 * Failed logins per client address and account: after 10 in a minute, that account is refused from
 * that address until the minute is out. Keyed on both, so one office behind a NAT does not lock its
 * colleagues out while guessing stays slow; a successful login clears the count. Counted in Redis so
 * that every API process (API_WORKERS) shares one count; while Redis is down each process counts
 * on its own.
 */
@Injectable()
export class LoginRateLimiter implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly failures: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined); // the in-memory count stands in; /health reports Redis
    this.failures = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${config.QUEUE_PREFIX}:login-failures`,
      points: ATTEMPTS,
      duration: WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ points: ATTEMPTS, duration: WINDOW_SECONDS }),
    });
  }

  /** Runs `login` unless this address has failed too often on this account, and counts its failure. */
  async attempt<T>(ip: string, username: string, login: () => Promise<T>): Promise<T> {
    const key = `${ip}|${username}`;
    const failed = await this.failures.get(key);
    if (failed && failed.consumedPoints >= ATTEMPTS) throw refusal(failed.msBeforeNext);
    try {
      const result = await login();
      if (failed) await this.failures.delete(key);
      return result;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) {
        await this.failures.consume(key).catch((rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
        });
      }
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

function refusal(msBeforeNext: number): DomainError {
  const seconds = Math.ceil(msBeforeNext / 1000);
  // The contract has no rate-limit code: it is a refusal (FORBIDDEN) with the reason.
  return new DomainError(ErrorCode.FORBIDDEN, `登录尝试过于频繁，请 ${seconds} 秒后再试 (too many login attempts)`, {
    reason: 'RATE_LIMITED',
    retryAfterSeconds: seconds,
  });
}
