import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { driverCode, isDatabaseBusy, isUniqueViolation } from './database-error.js';
import { BadInputError, ConflictError, DomainError, ErrorCode, ServiceUnavailableError } from './errors.js';

const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

export type ErrorLogger = (error: unknown) => void;

/**
 * Maps whatever a resolver threw to the contract's error shape: a code in
 * extensions.code and a human message — never a stack, SQL or driver text.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logUnexpected: ErrorLogger,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  // Out of connections or time: a fault of ours the operators must see, though the caller may retry.
  if (isDatabaseBusy(original)) logUnexpected(original);
  const domain = domainErrorOf(original);
  if (domain) return { ...base, message: domain.message, extensions: { code: domain.code, ...domain.details } };
  const httpStatus = httpStatusOf(original);
  if (httpStatus === 429) {
    return {
      ...base,
      message: '请求过于频繁，请稍后再试 (too many requests)',
      extensions: { code: ErrorCode.TOO_MANY_REQUESTS },
    };
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && APOLLO_INPUT_CODES.has(apolloCode)) {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    // Errors raised by graphql-js itself (variable coercion, scalar parsing) are the caller's input.
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  logUnexpected(original);
  return {
    ...base,
    message: '服务器内部错误 (internal server error)',
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

const INVALID_TEXT_REPRESENTATION = '22P02';
const CHARACTER_NOT_IN_REPERTOIRE = '22021';

/**
 * The domain meaning of an error, when it has one: a DomainError, or what the database refused — the
 * one mapping, used by GraphQL (above) and REST (RestErrorFilter) alike.
 */
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
