// One list of error codes (the contract's) and the domain exceptions that carry them.
// Services throw these; `format-graphql-error.ts` is the one place they become GraphQL errors.

export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
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

// What a person reads when something is missing: 任务不存在, not "Task 3f2… 不存在".
const ENTITY_WORDS: Record<string, string> = {
  Assignment: '分工',
  Department: '部门',
  Evaluation: '评估',
  ExtensionRequest: '延期申请',
  Jurisdiction: '行政区划',
  Measure: '措施',
  NotificationDelivery: '投递记录',
  Plan: '规划',
  SupervisionNotice: '督办单',
  Task: '任务',
  Upload: '附件',
  User: '用户',
  WebhookEndpoint: 'Webhook 地址',
};

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${ENTITY_WORDS[entity] ?? '对象'}不存在 (${entity} ${id} not found)`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

/**
 * Out of database connections or time, or the queue unreachable: the contract has no code for "try again
 * later", so it is a fault of ours (INTERNAL_SERVER_ERROR) whose reason says it passes.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(message = '服务繁忙，请稍后再试 (service busy, try again)') {
    super(ErrorCode.INTERNAL_SERVER_ERROR, message, { reason: 'SERVICE_UNAVAILABLE' });
  }
}
