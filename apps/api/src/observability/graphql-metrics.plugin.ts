import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { Metrics } from '@app/common';

/** Operation names kept as labels; a caller inventing names past this many is counted as "other". */
const MAX_OPERATIONS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const tracer = trace.getTracer('luoshi-graphql');

/**
 * GraphQL operations by name: `graphql_operation_duration_seconds` (with the operation type) and
 * `graphql_errors_total` by the code the client saw (after formatGraphqlError). With tracing on, a
 * `graphql <type> <name>` span under the HTTP request's (a no-op otherwise).
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
    const span = tracer.startSpan('graphql');
    return {
      willSendResponse: async ({ operationName, operation, response }) => {
        const name = this.label(operationName);
        const type = operation?.operation ?? 'invalid';
        end({ operation: name, type });
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        const codes = (errors ?? []).map((e) =>
          typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN',
        );
        for (const code of codes) this.errors.inc({ code, operation: name });
        span.updateName(`graphql ${type} ${name}`);
        span.setAttributes({ 'graphql.operation.name': name, 'graphql.operation.type': type });
        if (codes.length) span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
        span.end();
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
