import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@app/common';
import { AccessScopeService, type AccessScope } from './access-scope.service.js';
import { AuthService } from './auth.service.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import { requestOf } from './request-of.js';
import type { UserRole } from './user-role.js';

/**
 * The one guard of every operation (registered as APP_GUARD). Default deny: a handler
 * with neither @Roles nor @Public cannot be called at all. Field resolvers are not
 * guarded here — they run only inside an operation that already was.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly scopes: AccessScopeService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    if (!request.user) request.user = await this.auth.verifyBearer(request.headers.authorization);
    if (!request.user) throw new UnauthenticatedError();
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw new ForbiddenError('此操作未声明访问权限 (operation has no access rule)');
    if (!roles.includes(request.user.role)) throw new ForbiddenError();
    // Lazy, so an operation that never asks costs nothing; renewed per operation, so a second mutation
    // in the same document sees a jurisdiction the first one created (as `scopes.of` in each did).
    const user = request.user;
    let scope: Promise<AccessScope> | undefined;
    request.accessScope = () => (scope ??= this.scopes.of(user));
    return true;
  }
}
