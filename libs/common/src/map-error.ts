import { driverCode, isDatabaseBusy, isUniqueViolation } from './database-error.js';
import { BadInputError, ConflictError, DomainError, ErrorCode, ServiceUnavailableError } from './errors.js';

/** What a client is told about a failure, on either face of the API. */
export interface MappedError {
  code: ErrorCode;
  /** Human text: never a stack, SQL or driver text. */
  message: string;
  /** Fields sent beside the code (`reason`, a conflicting version…): GraphQL extensions, REST body. */
  details: Record<string, unknown>;
  httpStatus: number;
  /** A fault of ours the operators must see in the log (the caller may still retry). */
  log: boolean;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * The one mapping from whatever was thrown to what the client is told — used by formatGraphqlError
 * and RestErrorFilter alike, so a database refusal reads the same on both faces.
 * `inputMessage`: the transport already judged the error the caller's input (GraphQL: a parse or
 * validation failure, a variable graphql-js could not coerce) and this is the text to keep.
 */
export function mapError(error: unknown, inputMessage?: string): MappedError {
  const domain = domainErrorOf(error);
  if (domain) {
    const details = domain.details ?? {};
    return {
      code: domain.code,
      message: domain.message,
      details,
      httpStatus: details.reason === 'SERVICE_UNAVAILABLE' ? 503 : HTTP_STATUS[domain.code],
      // Out of connections or time: the operators must see it, though the caller may retry.
      log: isDatabaseBusy(error),
    };
  }
  const httpStatus = httpStatusOf(error);
  if (httpStatus === 429)
    return refusal(ErrorCode.TOO_MANY_REQUESTS, '请求过于频繁，请稍后再试 (too many requests)', 429);
  if (inputMessage !== undefined) return refusal(ErrorCode.BAD_USER_INPUT, inputMessage, 400);
  // Nest's own refusals: an upload over the size limit (413), a malformed request (400).
  if (httpStatus !== undefined && httpStatus < 500 && error instanceof Error)
    return refusal(ErrorCode.BAD_USER_INPUT, error.message, httpStatus);
  return {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: '服务器内部错误 (internal server error)',
    details: {},
    httpStatus: 500,
    log: true,
  };
}

function refusal(code: ErrorCode, message: string, httpStatus: number): MappedError {
  return { code, message, details: {}, httpStatus, log: false };
}

const INVALID_TEXT_REPRESENTATION = '22P02';
const CHARACTER_NOT_IN_REPERTOIRE = '22021';

/** The domain meaning of an error, when it has one: a DomainError, or what the database refused. */
export function domainErrorOf(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  // A malformed id (not a UUID) names nothing that exists.
  if (driverCode(error) === INVALID_TEXT_REPRESENTATION)
    return new DomainError(ErrorCode.NOT_FOUND, '标识无效，对象不存在 (no object with that id)');
  // A NUL character: PostgreSQL text cannot hold it, and nothing was written.
  if (driverCode(error) === CHARACTER_NOT_IN_REPERTOIRE)
    return new BadInputError('文本含有无效字符 (text contains a NUL character)');
  if (isDatabaseBusy(error)) return new ServiceUnavailableError();
  // Two requests raced to create the same thing (an extension, a user, an assignment): the loser's is stale.
  if (isUniqueViolation(error))
    return new ConflictError('已被同时提交的请求抢先创建 (conflict: a concurrent request created it first)');
  return undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  const candidate = error as { getStatus?: () => number } | null;
  return typeof candidate?.getStatus === 'function' ? candidate.getStatus() : undefined;
}
