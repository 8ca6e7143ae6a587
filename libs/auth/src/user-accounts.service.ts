import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import { lockKey } from '@app/database';
import { AccessScopeService, type AccessScope } from './access-scope.service.js';
import { hashPassword } from './auth.service.js';
import type { UserPatch } from './dtos/user-patch.input.js';
import { JurisdictionDirectory } from './jurisdiction-directory.js';
import { assertLiaisonHasDepartment, resolveJurisdiction } from './user-placement.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.js';
import { UserStatusChannel } from './user-status.channel.js';
import { assertPasswordStrength } from './users.service.js';

/** One change to an account, as it is audited. `revokes`: tokens issued before it are refused. */
interface AccountChange {
  action: string;
  before: unknown;
  after: unknown;
  revokes: boolean;
}

type Placement = Pick<User, 'displayName' | 'role' | 'departmentId' | 'jurisdictionId'>;

/**
 * Accounts administered in the product (用户管理): listing, deactivation, password resets, role
 * and placement changes. Each change locks the account's row, is audited in its transaction, and
 * once committed is announced so that every API process refuses the account's old tokens at once.
 */
@Injectable()
export class UserAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
    private readonly statusChannel: UserStatusChannel,
    private readonly registry: JurisdictionDirectory,
  ) {}

  /** The accounts within the caller's reach, optionally of one jurisdiction or department. */
  list(scope: AccessScope, filter: { jurisdictionId?: string | null; departmentId?: string | null }): Promise<User[]> {
    const query = this.dataSource.getRepository(User).createQueryBuilder('u').orderBy('u.username');
    if (scope.jurisdictionIds !== null)
      query.andWhere('u.jurisdictionId = ANY(:reach)', { reach: scope.jurisdictionIds });
    if (filter.jurisdictionId) query.andWhere('u.jurisdictionId = :jurisdictionId', filter);
    if (filter.departmentId) query.andWhere('u.departmentId = :departmentId', filter);
    return query.getMany();
  }

  setActive(scope: AccessScope, userId: string, active: boolean): Promise<User> {
    return this.change(scope, userId, async (m, user) => {
      if (user.active === active) return null;
      if (!active && user.id === scope.user.id)
        throw new BadInputError('不能停用自己的账号 (you cannot deactivate your own account)');
      await this.keepAnActiveAdmin(m, user, { role: user.role, active });
      user.active = active;
      const action = active ? 'user.activate' : 'user.deactivate';
      return { action, before: { active: !active }, after: { active }, revokes: !active };
    });
  }

  async resetPassword(scope: AccessScope, userId: string, password: string): Promise<User> {
    assertPasswordStrength(password);
    // Hashed before the row is locked (argon2 takes a while), and only for an account the caller manages.
    this.managed(scope, await this.dataSource.getRepository(User).findOneBy({ id: userId }), userId);
    const passwordHash = await hashPassword(password);
    return this.change(scope, userId, async (_, user) => {
      user.passwordHash = passwordHash;
      // Never the password nor its hash in the audit: the action says what happened.
      return { action: 'user.password-reset', before: null, after: null, revokes: true };
    });
  }

  async update(scope: AccessScope, userId: string, patch: UserPatch): Promise<User> {
    if (patch.displayName != null && !patch.displayName.trim())
      throw new BadInputError('显示名称不能为空 (displayName required)');
    return this.change(scope, userId, async (m, user) => {
      const after = await this.placementAfter(m, user, patch);
      this.scopes.assertCanManageAccount(scope, after.role, after.jurisdictionId);
      const before = placementOf(user);
      const changed = (Object.keys(after) as (keyof Placement)[]).filter((k) => after[k] !== before[k]);
      if (!changed.length) return null;
      await this.keepAnActiveAdmin(m, user, { role: after.role, active: user.active });
      Object.assign(user, after);
      return {
        action: 'user.update',
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        revokes: changed.some((k) => k !== 'displayName'),
      };
    });
  }

  /**
   * Locks the account, checks the caller may manage it as it is, applies `apply` (null: nothing to
   * change), saves, audits; after the commit, tells every process the account's status changed.
   */
  private async change(
    scope: AccessScope,
    userId: string,
    apply: (m: EntityManager, user: User) => Promise<AccountChange | null>,
  ): Promise<User> {
    const { user, changed } = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      const locked = await repo.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      const user = this.managed(scope, locked, userId);
      const change = await apply(m, user);
      if (!change) return { user, changed: false };
      if (change.revokes) user.tokenVersion += 1;
      await repo.update(user.id, {
        ...placementOf(user),
        active: user.active,
        passwordHash: user.passwordHash,
        tokenVersion: user.tokenVersion,
      });
      await this.audit.record(m, scope.user.id, change.action, 'user', user.id, change.before, change.after);
      return { user, changed: true };
    });
    if (changed) await this.statusChannel.changed(user.id);
    return user;
  }

  /** The account, when it exists and the caller manages it as it is. */
  private managed(scope: AccessScope, user: User | null, userId: string): User {
    if (!user) throw new NotFoundError('User', userId);
    this.scopes.assertCanManageAccount(scope, user.role, user.jurisdictionId);
    return user;
  }

  /** The account's placement once `patch` applies: a department named alone brings its jurisdiction. */
  private async placementAfter(m: EntityManager, user: User, patch: UserPatch): Promise<Placement> {
    const role = patch.role ?? user.role;
    const departmentId = patch.departmentId !== undefined ? patch.departmentId : user.departmentId;
    const jurisdictionId =
      patch.jurisdictionId !== undefined ? patch.jurisdictionId : patch.departmentId ? null : user.jurisdictionId;
    assertLiaisonHasDepartment({ role, departmentId });
    return {
      displayName: patch.displayName?.trim() || user.displayName,
      role,
      departmentId,
      jurisdictionId: await resolveJurisdiction(m, this.registry, { role, departmentId, jurisdictionId }),
    };
  }

  /**
   * Refuses the change that would leave no active ADMIN (nobody could administer the product any
   * more). Serialised, so that two admins deactivating each other at once cannot both succeed.
   */
  private async keepAnActiveAdmin(m: EntityManager, user: User, after: { role: UserRole; active: boolean }) {
    const removesAdmin =
      user.role === UserRole.ADMIN && user.active && (after.role !== UserRole.ADMIN || !after.active);
    if (!removesAdmin) return;
    await lockKey(m, 'app_user', 'active-admins');
    const [{ others }]: { others: number }[] = await m.query(
      `SELECT count(*)::int AS others FROM app_user WHERE role = 'ADMIN' AND active AND id <> $1`,
      [user.id],
    );
    if (!others)
      throw new BadInputError(
        '须至少保留一个启用的管理员账号 (the last active ADMIN cannot be deactivated or demoted)',
      );
  }
}

function placementOf(user: User): Placement {
  return {
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    jurisdictionId: user.jurisdictionId,
  };
}
