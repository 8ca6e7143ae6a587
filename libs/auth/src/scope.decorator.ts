import { createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { UnauthenticatedError } from '@app/common';
import type { AccessScope } from './access-scope.service.js';
import { requestOf, type AuthedRequest } from './request-of.js';

/**
 * Turns the request into the caller's scope. A parameter decorator cannot await, a pipe can: Nest
 * awaits param pipes before calling the handler, for operations, field resolvers and REST alike.
 * `AuthGuard` has put a memoised `accessScope()` on the request, so however many fields of one
 * operation ask, the scope is resolved once.
 */
class ScopePipe implements PipeTransform<AuthedRequest, Promise<AccessScope>> {
  transform(request: AuthedRequest): Promise<AccessScope> {
    // Absent only on a @Public operation (the guard resolved no caller): nothing scoped may run there.
    if (!request.accessScope) throw new UnauthenticatedError();
    return request.accessScope();
  }
}

const scopePipe = new ScopePipe();
const RequestParam = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context));

/**
 * The caller's access scope (`@Scope() scope: AccessScope`), what a resolver or controller filters and
 * checks by — instead of `await this.scopes.of(caller)` in each handler.
 */
export const Scope = (): ParameterDecorator => RequestParam(undefined, scopePipe);
