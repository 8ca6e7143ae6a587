import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

const require = createRequire(import.meta.url);

/**
 * OpenTelemetry traces (HTTP, pg, ioredis; GraphQL operations by the API's GraphqlMetricsPlugin), only
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set:
 * spans go to that collector over OTLP/HTTP (the OTEL_* variables of the SDK apply: service name,
 * headers, sampler). Run before the rest of the process is imported (each entry point imports
 * `./tracing.js` first): the instrumentations patch pg and ioredis as they are first required, and
 * the http server by prototype. (@opentelemetry/instrumentation-graphql patches graphql's CommonJS
 * files; @apollo/server imports its ESM build, which no require hook sees, and import-in-the-middle
 * does not reach the per-file patches either.) The packages are required lazily, so a process without tracing
 * loads none of them. LUOSHI_TRACE_FILE writes finished spans as JSON lines to a file instead of
 * exporting them (diagnostics; the trace test).
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): NodeSDK | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { SimpleSpanProcessor, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const file = env.LUOSHI_TRACE_FILE;
  const sdk = new Sdk({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    spanProcessors: [
      file ? new SimpleSpanProcessor(new FileSpanExporter(file)) : new BatchSpanProcessor(new OTLPTraceExporter()),
    ],
    instrumentations: [
      // Scrapes and probes would be most of the traces and tell nothing.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)\b/.test(req.url ?? '') }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  const stop = () => void sdk.shutdown().catch(() => undefined);
  process.once('beforeExit', stop);
  return sdk;
}

/** One JSON line per finished span: its trace, parent and name, kind and attributes. */
class FileSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    const lines = spans.map((span) =>
      JSON.stringify({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId,
        name: span.name,
        kind: span.kind,
        attributes: span.attributes,
      }),
    );
    appendFileSync(this.file, lines.map((line) => `${line}\n`).join(''));
    done({ code: 0 });
  }

  async shutdown(): Promise<void> {}
}
