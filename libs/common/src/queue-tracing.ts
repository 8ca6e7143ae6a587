import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { BulkJobOptions, Job, JobsOptions } from 'bullmq';
import { currentRequestId, runWithRequestId } from './request-context.js';

/**
 * What a job carries of the request that caused it: its id (the processor's log lines name it) and,
 * with tracing on, the trace context of the span that queued it (the processor's span is its child).
 */
export interface TracedJob {
  requestId?: string;
  trace?: Record<string, string>;
}

/** The queue as the producers below use it: a BullMQ Queue of any job type. */
interface JobQueue<D, J> {
  readonly name: string;
  add(name: string, data: D, opts?: JobsOptions): Promise<J>;
  addBulk(jobs: { name: string; data: D; opts?: BulkJobOptions }[]): Promise<J[]>;
}

/*
 * The producer and consumer spans are ours rather than bullmq-otel's (BullMQ's `telemetry` option):
 * that add-on names its attributes bullmq.* instead of the messaging.* conventions, opens a root span
 * on every worker's stalled-job check (one trace per queue every QUEUE_LOCK_MS, Redis calls under it,
 * around the clock), and propagates only through Queues and Workers built with the option, which
 * @nestjs/bullmq's, bull-board's and our own would each have to be given. Here the context travels
 * in the job's data beside the request id, set by the two functions every job is queued through.
 * Without tracing the API's no-op tracer makes each a plain add: no span, no `trace` in the job.
 */
const tracer = trace.getTracer('luoshi-queues');

/** Queues one job inside a PRODUCER span of the current trace; the job carries that span's context. */
export function addTracedJob<D extends TracedJob, J extends { id?: string }>(
  queue: JobQueue<D, J>,
  name: string,
  data: D,
  opts?: JobsOptions,
): Promise<J> {
  return send(queue.name, { 'messaging.bullmq.job.name': name }, async (span) => {
    const job = await queue.add(name, stamped(data), opts);
    if (job.id) span.setAttribute('messaging.message.id', job.id);
    return job;
  });
}

/** Queues jobs in one addBulk inside one PRODUCER span; each job carries that span's context. */
export async function addTracedJobs<D extends TracedJob, J>(
  queue: JobQueue<D, J>,
  jobs: { name: string; data: D; opts?: BulkJobOptions }[],
): Promise<J[]> {
  if (!jobs.length) return [];
  const names = [...new Set(jobs.map((job) => job.name))];
  const attributes = { 'messaging.batch.message_count': jobs.length, 'messaging.bullmq.job.name': names };
  return send(queue.name, attributes, () => queue.addBulk(jobs.map((job) => ({ ...job, data: stamped(job.data) }))));
}

/**
 * Runs a job inside a CONSUMER span whose parent is the producer span the job carries (a root span
 * for a job without one: the cron schedules'), and under the request id it carries.
 */
export function consumeTracedJob<T, R>(queue: string, job: Job<T>, handle: () => Promise<R>): Promise<R> {
  const { requestId, trace: carrier } = (job.data ?? {}) as TracedJob;
  const parent = carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  const attributes = {
    ...messaging(queue, 'process'),
    'messaging.message.id': job.id ?? '',
    'messaging.bullmq.job.name': job.name,
  };
  const work = () =>
    tracer.startActiveSpan(`${queue} process`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
      try {
        return await handle();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    });
  return typeof requestId === 'string' ? runWithRequestId(requestId, work) : work();
}

function send<R>(queue: string, attributes: Attributes, add: (span: Span) => Promise<R>): Promise<R> {
  const options = { kind: SpanKind.PRODUCER, attributes: { ...messaging(queue, 'send'), ...attributes } };
  return tracer.startActiveSpan(`${queue} send`, options, async (span) => {
    try {
      return await add(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

function messaging(queue: string, operation: 'send' | 'process'): Attributes {
  return {
    'messaging.system': 'bullmq',
    'messaging.destination.name': queue,
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
  };
}

/**
 * The job's data with the request id (unless the caller named the request itself, as the outbox relay
 * does for the row's) and the active context — inside send(), the producer span's.
 */
function stamped<D extends TracedJob>(data: D): D {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const requestId = currentRequestId();
  return { ...(requestId && { requestId }), ...data, ...(Object.keys(carrier).length && { trace: carrier }) };
}
