import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@app/common';
import type { AuthUser } from './auth-user.js';
import { JurisdictionDirectory } from './jurisdiction-directory.js';
import { UserRole } from './user-role.js';

/** What a caller may see: everything (ADMIN), a jurisdiction subtree, or one department's work. */
export interface AccessScope {
  user: AuthUser;
  /** null: no jurisdiction limit (ADMIN). */
  jurisdictionIds: string[] | null;
  /** Set for LIAISON: the only department it reads and writes. */
  departmentId: string | null;
}

const SUBTREE_TTL_MS = 60_000;

/**
 * The one place where role and department scope are decided. Services ask it for the
 * caller's scope and filter their SQL by it; writes check `assert*` before changing anything.
 */
@Injectable()
export class AccessScopeService {
  private readonly subtrees = new Map<string, { ids: Promise<string[]>; at: number }>();

  constructor(private readonly registry: JurisdictionDirectory) {}

  async of(user: AuthUser): Promise<AccessScope> {
    if (user.role === UserRole.ADMIN) return { user, jurisdictionIds: null, departmentId: null };
    if (user.role === UserRole.LIAISON) {
      const ids = user.jurisdictionId ? await this.subtree(user.jurisdictionId) : [];
      return { user, jurisdictionIds: ids, departmentId: user.departmentId };
    }
    if (!user.jurisdictionId) return { user, jurisdictionIds: [], departmentId: null };
    return { user, jurisdictionIds: await this.subtree(user.jurisdictionId), departmentId: null };
  }

  /** SUPERVISOR and ADMIN write within their reach; LEADER and LIAISON do not (liaisons write tasks only). */
  assertCanManageJurisdiction(scope: AccessScope, jurisdictionId: string): void {
    const role = scope.user.role;
    if (role !== UserRole.ADMIN && role !== UserRole.SUPERVISOR) throw new ForbiddenError();
    if (!this.reaches(scope, jurisdictionId))
      throw new ForbiddenError('该辖区不在您的管理范围内 (jurisdiction out of scope)');
  }

  /**
   * Accounts: ADMIN manages every account; a SUPERVISOR the LEADER and LIAISON accounts of its
   * jurisdiction and those below it — checked on an account as it is and as it would become.
   */
  assertCanManageAccount(scope: AccessScope, role: UserRole, jurisdictionId: string | null): void {
    const caller = scope.user.role;
    if (caller === UserRole.ADMIN) return;
    const managed = role === UserRole.LEADER || role === UserRole.LIAISON;
    if (caller !== UserRole.SUPERVISOR || !managed || jurisdictionId === null || !this.reaches(scope, jurisdictionId))
      throw new ForbiddenError('该账号不在您的管理范围内 (account out of scope)');
  }

  reaches(scope: AccessScope, jurisdictionId: string): boolean {
    return scope.jurisdictionIds === null || scope.jurisdictionIds.includes(jurisdictionId);
  }

  /**
   * Forgets the cached subtrees after the registry's tree changed (a jurisdiction created), so a new
   * district is within its supervisors' reach at once. Other API processes catch up within the TTL.
   */
  invalidateSubtrees(): void {
    this.subtrees.clear();
  }

  private subtree(rootId: string): Promise<string[]> {
    const cached = this.subtrees.get(rootId);
    if (cached && Date.now() - cached.at < SUBTREE_TTL_MS) return cached.ids;
    const ids = this.registry.subtree(rootId);
    this.subtrees.set(rootId, { ids, at: Date.now() });
    ids.catch(() => this.subtrees.delete(rootId));
    return ids;
  }
}
