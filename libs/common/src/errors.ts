// One list of error codes (the contract's) and the domain exceptions that carry them.
// Services throw these; `format-graphql-error.ts` is the one place they become GraphQL errors.

export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = '未登录或登录已过期 (not authenticated)') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = '无权进行此操作 (forbidden)') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${id} 不存在 (not found)`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, details);
  }
}
