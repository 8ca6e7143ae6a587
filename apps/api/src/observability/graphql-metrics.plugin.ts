import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Metrics } from '@app/common';

/** Operation names kept as labels; a caller inventing names past this many is counted as "other". */
const MAX_OPERATIONS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * GraphQL operations by name: `graphql_operation_duration_seconds` (with the operation type) and
 * `graphql_errors_total` by the code the client saw (after formatGraphqlError).
 */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin {
  private readonly duration;
  private readonly errors;
  private readonly names = new Set<string>();

  constructor(metrics: Metrics) {
    this.duration = metrics.histogram('graphql_operation_duration_seconds', 'GraphQL operations by name', [
      'operation',
      'type',
    ]);
    this.errors = metrics.counter('graphql_errors_total', 'GraphQL errors answered, by code and operation', [
      'code',
      'operation',
    ]);
  }

  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    const end = this.duration.startTimer();
    return {
      willSendResponse: async ({ operationName, operation, response }) => {
        const name = this.label(operationName);
        end({ operation: name, type: operation?.operation ?? 'invalid' });
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        for (const error of errors ?? []) {
          const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
          this.errors.inc({ code, operation: name });
        }
      },
    };
  }

  private label(operationName: string | null | undefined): string {
    if (!operationName || !NAME.test(operationName)) return operationName ? 'other' : 'anonymous';
    if (this.names.has(operationName)) return operationName;
    if (this.names.size >= MAX_OPERATIONS) return 'other';
    this.names.add(operationName);
    return operationName;
  }
}
