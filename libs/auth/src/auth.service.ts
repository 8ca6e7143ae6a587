import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import type { Repository } from 'typeorm';
import { APP_CONFIG, UnauthenticatedError, type AppConfig } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from './auth-user.js';
import { User } from './user.entity.js';
import type { UserRole } from './user-role.js';
import { UserStatusCache } from './user-status.cache.js';
import { VerifiedTokens } from './verified-tokens.js';

interface TokenClaims {
  sub: string;
  username: string;
  role: UserRole;
  dep: string | null;
  jur: string | null;
  /** The user's token_version when signed; a lower one than the user's now is refused. */
  ver: number;
  /** Expiry, seconds since the epoch (jsonwebtoken sets it from JWT_EXPIRES_IN). */
  exp?: number;
}

// Verified against when the username is unknown, so both paths cost one argon2 verify.
const DUMMY_HASH = argon2.hash('luoshi-timing-equaliser');

@Injectable()
export class AuthService {
  /**
   * Built once. Given a string, jsonwebtoken first tries to parse it as a public key and
   * then derives a secret key, on every request — more than the HMAC itself costs. It
   * accepts a KeyObject at run time; @nestjs/jwt's types only say string | Buffer.
   */
  private readonly key: string;
  private readonly verified = new VerifiedTokens<TokenClaims>();

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly statuses: UserStatusCache,
    private readonly audit: AuditService,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string;
  }

  async login(username: string, password: string): Promise<{ token: string; user: User }> {
    const user = await this.users.findOneBy({ username });
    const ok = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password);
    // Every attempt is on the trail, never the password; an unknown name is recorded against the nil id.
    await this.audit.record(
      this.users.manager,
      user?.id ?? null,
      ok && user?.active ? 'login' : 'login.failed',
      'app_user',
      user?.id ?? '00000000-0000-0000-0000-000000000000',
      null,
      { username: username.slice(0, 100).replace(/\p{Cc}/gu, '?') },
    );
    // A deactivated account is refused as a wrong password is, after the same verify.
    if (!user || !ok || !user.active) throw new UnauthenticatedError('用户名或密码错误 (wrong username or password)');
    return { token: await this.sign(user), user };
  }

  sign(user: User): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      dep: user.departmentId,
      jur: user.jurisdictionId,
      ver: user.tokenVersion,
    };
    return this.jwt.signAsync(claims, {
      secret: this.key,
      expiresIn: this.config.JWT_EXPIRES_IN as '8h',
    });
  }

  /**
   * The caller named by an `Authorization: Bearer` header; UNAUTHENTICATED when bad or expired, or
   * when the user was deactivated or its token version raised since the token was signed.
   */
  async verifyBearer(header: string | undefined): Promise<AuthUser | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return undefined;
    const c = this.verified.get(token, Math.floor(Date.now() / 1000)) ?? (await this.verify(token));
    const status = await this.statuses.get(c.sub);
    if (!status?.active || status.tokenVersion !== c.ver)
      throw new UnauthenticatedError('登录凭证已失效，请重新登录 (token revoked)');
    return { id: c.sub, username: c.username, role: c.role, departmentId: c.dep, jurisdictionId: c.jur };
  }

  private async verify(token: string): Promise<TokenClaims> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.key, algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedError('登录凭证无效或已过期 (token invalid or expired)');
    }
    this.verified.remember(token, claims);
    return claims;
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password);
}
