import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '@app/common';
import type { AuthUser } from './auth-user.js';
import { requestOf } from './request-of.js';

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = requestOf(context).user;
  if (!user) throw new UnauthenticatedError();
  return user;
});

/** The request object itself: the key of per-request DataLoaders. */
export const Req = createParamDecorator((_: unknown, context: ExecutionContext): object => requestOf(context));
