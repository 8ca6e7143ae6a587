import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { mapError } from './map-error.js';

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
 * Maps whatever a resolver threw to the contract's error shape: a code in extensions.code and a
 * human message (mapError decides both, as for REST).
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logUnexpected: ErrorLogger,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const apolloCode = formatted.extensions?.code;
  const callerInput =
    (typeof apolloCode === 'string' && APOLLO_INPUT_CODES.has(apolloCode)) ||
    // Errors raised by graphql-js itself (variable coercion, scalar parsing) are the caller's input.
    (original instanceof GraphQLError && !original.originalError);
  const mapped = mapError(original, callerInput ? formatted.message : undefined);
  if (mapped.log) logUnexpected(original);
  return {
    message: mapped.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: mapped.code, ...mapped.details },
  };
}
