import { availableParallelism } from 'node:os';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, BadInputError, DomainError, ErrorCode, type AppConfig } from '@app/common';

const ATTEMPTS = 10;
const WINDOW_SECONDS = 60;
/** Failures from one address across every username: password spraying, or a whole office mistyping. */
export const ADDRESS_ATTEMPTS = 50;
const ADDRESS_WINDOW_SECONDS = 600;
/**
 * Password checks (argon2, ~270 ms and 64 MB each) running or queued at once in this process. libuv runs
 * four at a time; beyond this many waiting, a login is refused at once rather than queued for seconds.
 */
export const MAX_PASSWORD_CHECKS = 4 * availableParallelism();
/** What createUser accepts (users.service.ts): anything else names no account, and never a Redis key. */
const USERNAME = /^[a-zA-Z0-9_.-]{3,64}$/;

/**
 * Failed logins per client address and account: after 10 in a minute, that account is refused from
 * that address until the minute is out. Keyed on both, so one office behind a NAT does not lock its
 * colleagues out while guessing stays slow; a successful login clears the count. Beside it, 50
 * failures in ten minutes from one address refuse every login from there, so spraying many usernames
 * stays slow too. Counted in Redis so that every API process (API_WORKERS) shares one count; while
 * Redis is down each process counts on its own.
 */
@Injectable()
export class LoginRateLimiter implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly failures: RateLimiterRedis;
  private readonly addressFailures: RateLimiterRedis;
  private checking = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined); // the in-memory count stands in; /health reports Redis
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${config.QUEUE_PREFIX}:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    this.failures = limiter('login-failures', ATTEMPTS, WINDOW_SECONDS);
    this.addressFailures = limiter('login-failures-address', ADDRESS_ATTEMPTS, ADDRESS_WINDOW_SECONDS);
  }

  /** Runs `login` unless this address has failed too often (on this account or any), and counts its failure. */
  async attempt<T>(ip: string, username: string, login: () => Promise<T>): Promise<T> {
    if (!USERNAME.test(username)) throw new BadInputError('用户名格式不正确 (malformed username)');
    if (this.checking >= MAX_PASSWORD_CHECKS) throw busy();
    this.checking++;
    try {
      const key = `${ip}|${username}`;
      const [failed, fromAddress] = await Promise.all([this.failures.get(key), this.addressFailures.get(ip)]);
      if (fromAddress && fromAddress.consumedPoints >= ADDRESS_ATTEMPTS) throw refusal(fromAddress.msBeforeNext);
      if (failed && failed.consumedPoints >= ATTEMPTS) throw refusal(failed.msBeforeNext);
      try {
        const result = await login();
        if (failed) await this.failures.delete(key);
        return result;
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED)
          await Promise.all([counted(this.failures.consume(key)), counted(this.addressFailures.consume(ip))]);
        throw error;
      }
    } finally {
      this.checking--;
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/** A consumption past the limit rejects with the count: that is no error here. */
function counted(consumption: Promise<RateLimiterRes>): Promise<unknown> {
  return consumption.catch((rejection: unknown) => {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  });
}

// The contract has no rate-limit code: these are refusals (FORBIDDEN) with the reason.
function refusal(msBeforeNext: number): DomainError {
  const seconds = Math.ceil(msBeforeNext / 1000);
  return new DomainError(ErrorCode.FORBIDDEN, `登录尝试过于频繁，请 ${seconds} 秒后再试 (too many login attempts)`, {
    reason: 'RATE_LIMITED',
    retryAfterSeconds: seconds,
  });
}

function busy(): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, '登录繁忙，请稍后再试 (too many logins at once, try again)', {
    reason: 'BUSY',
    retryAfterSeconds: 1,
  });
}
