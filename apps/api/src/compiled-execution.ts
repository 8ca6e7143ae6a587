import type {
  GatewayExecutor,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Metrics } from '@app/common';

/** A document names a handful of operations at most; a caller sending one with hundreds compiles each time. */
const MAX_OPERATIONS_PER_DOCUMENT = 8;

type Compiled = CompiledQuery | ExecutionResult;

/**
 * Executes operations with graphql-jit instead of graphql-js's `execute`. An operation is compiled on
 * its first request into a function that walks its selection set as the document spells it, where
 * graphql-js reads the document again for every object of every list, and builds each object of the
 * answer as a null-prototype dictionary that is slow to fill and to stringify. On the matrix's 10,000
 * cells (one API process, 4 connections) that took 7.5 → 9.2 requests/s.
 *
 * It plugs in through Apollo Server's gateway interface, the one place Apollo lets the executor be
 * swapped: parsing, validation, the query limits, plugins, error formatting and the HTTP layer stay
 * Apollo's, and the schema is the one Nest built, resolvers and all. Compiled operations hang off
 * the parsed document, which Apollo's document store keeps per query text (bounded, LRU): when the
 * store lets a document go, its compiled operations go with it.
 */
export function compiledExecution(schemaOf: () => GraphQLSchema | undefined, metrics: Metrics): GatewayInterface {
  const compiledTotal = metrics.counter(
    'graphql_operations_compiled_total',
    'GraphQL operations compiled (graphql-jit); each later request with the same document reuses its function',
  );
  const byDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();
  let schema: GraphQLSchema | undefined;
  let listener: GatewaySchemaLoadOrUpdateCallback | undefined;

  const compiled = (document: DocumentNode, operationName: string | null): Compiled => {
    let operations = byDocument.get(document);
    if (!operations) byDocument.set(document, (operations = new Map()));
    const key = operationName ?? '';
    let operation = operations.get(key);
    if (!operation) {
      operation = compileQuery(schema!, document, operationName ?? undefined);
      compiledTotal.inc();
      if (operations.size < MAX_OPERATIONS_PER_DOCUMENT) operations.set(key, operation);
    }
    return operation;
  };

  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const compiledOperation = compiled(document, operationName);
    // Not compiled: the errors graphql-js would answer (an unknown operation name, say).
    if (!isCompiledQuery(compiledOperation)) return compiledOperation;
    const variables = request.variables ?? {};
    const result = await compiledOperation.query(undefined, context, variables);
    // Refused variables: graphql-js's own errors, which name the variable's node, so that Apollo answers
    // 400 BAD_USER_INPUT with graphql-js's wording, as before; graphql-jit's carry no node.
    if (result.data === undefined && result.errors && operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema!, operation.variableDefinitions, variables);
      if (coerced.errors) return { errors: coerced.errors };
    }
    return result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result;
  };

  return {
    async load() {
      schema = schemaOf();
      if (!schema) throw new Error('the GraphQL schema is not built yet');
      listener?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => (listener = undefined);
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error has none, and Apollo reads
 * `extensions.code` of every error before our formatError sees it: such an error would answer Apollo's
 * bare "Internal server error", unlogged and unmapped. It goes on as graphql-js's own error would.
 */
function withExtensions(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const upstream = new GraphQLError(error.message, { path: error.path, originalError: error.originalError });
  return Object.assign(upstream, { locations: error.locations });
}
