import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '@app/common';

const ATTEMPTS = 10;
const WINDOW_SECONDS = 60;

/**
 * Login attempts per client address and account: 10 a minute. Keyed on both, so one
 * office behind a NAT does not lock its colleagues out while guessing stays slow.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly limiter = new RateLimiterMemory({ points: ATTEMPTS, duration: WINDOW_SECONDS });

  async consume(ip: string, username: string): Promise<void> {
    try {
      await this.limiter.consume(`${ip}|${username}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.ceil(rejection.msBeforeNext / 1000);
      // The contract has no rate-limit code: it is a refusal (FORBIDDEN) with the reason.
      throw new DomainError(ErrorCode.FORBIDDEN, `登录尝试过于频繁，请 ${seconds} 秒后再试 (too many login attempts)`, {
        reason: 'RATE_LIMITED',
        retryAfterSeconds: seconds,
      });
    }
  }
}
