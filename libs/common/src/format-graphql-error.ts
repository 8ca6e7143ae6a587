import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { driverCode, isDatabaseBusy } from './database-error.js';
import { DomainError, ErrorCode } from './errors.js';

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
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (driverCode(original) === INVALID_TEXT_REPRESENTATION) {
    // A malformed id (not a UUID) names nothing that exists.
    return {
      ...base,
      message: '标识无效，对象不存在 (no object with that id)',
      extensions: { code: ErrorCode.NOT_FOUND },
    };
  }
  if (driverCode(original) === CHARACTER_NOT_IN_REPERTOIRE) {
    // A NUL character: PostgreSQL text cannot hold it, and nothing was written.
    return {
      ...base,
      message: '文本含有无效字符 (text contains a NUL character)',
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  if (isDatabaseBusy(original)) {
    logUnexpected(original);
    return {
      ...base,
      message: '服务繁忙，请稍后再试 (service busy, try again)',
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
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

function httpStatusOf(error: unknown): number | undefined {
  const candidate = error as { getStatus?: () => number } | null;
  return typeof candidate?.getStatus === 'function' ? candidate.getStatus() : undefined;
}
