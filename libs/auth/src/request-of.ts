import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { AccessScope } from './access-scope.service.js';
import type { AuthUser } from './auth-user.js';

export type AuthedRequest = Request & {
  user?: AuthUser;
  /** The caller's scope, resolved on first use (see `@Scope()`); set by AuthGuard for each operation. */
  accessScope?: () => Promise<AccessScope>;
};

/** The HTTP request behind a GraphQL or REST call. */
export function requestOf(context: ExecutionContext): AuthedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthedRequest>();
}
