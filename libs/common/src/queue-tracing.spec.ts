import { jest } from '@jest/globals';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Job } from 'bullmq';
import { addTracedJob, addTracedJobs, consumeTracedJob, type TracedJob } from './queue-tracing.js';
import { currentRequestId, runWithRequestId } from './request-context.js';

interface Sent {
  name: string;
  data: TracedJob & Record<string, unknown>;
}

/** A queue that keeps what it was given: the producers' side of BullMQ without Redis. */
function fakeQueue() {
  const sent: Sent[] = [];
  return {
    sent,
    queue: {
      name: 'sweeps',
      add: jest.fn(async (name: string, data: Sent['data']) => {
        sent.push({ name, data });
        return { id: `job-${sent.length}`, name, data };
      }),
      addBulk: jest.fn(async (jobs: Sent[]) => {
        sent.push(...jobs);
        return jobs.map((job, i) => ({ id: `bulk-${i}`, ...job }));
      }),
    },
  };
}

// Before any SDK is registered, as in a process without OTEL_EXPORTER_OTLP_ENDPOINT.
it('without tracing queues the job as given, with only the request id', async () => {
  const { queue, sent } = fakeQueue();
  const job = await runWithRequestId('rid-0', () => addTracedJob(queue, 'sweep', { asOf: '2025-10-11' }));
  expect(job.id).toBe('job-1');
  expect(sent).toEqual([{ name: 'sweep', data: { asOf: '2025-10-11', requestId: 'rid-0' } }]);
  expect(queue.add).toHaveBeenCalledWith('sweep', sent[0]!.data, undefined);
});

describe('queue spans', () => {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  // The SDK as startTracing sets it up (W3C propagation, AsyncLocalStorage context), no instrumentations.
  const sdk = new NodeSDK({ spanProcessors: [processor], instrumentations: [] });
  const tracer = trace.getTracer('test');
  // The processor exports once the resource's detectors answered: flushed before reading.
  const finished = async (kind?: SpanKind) => {
    await processor.forceFlush();
    return exporter.getFinishedSpans().filter((s) => kind === undefined || s.kind === kind);
  };

  beforeAll(() => sdk.start());
  afterAll(() => sdk.shutdown());
  beforeEach(() => exporter.reset());

  it('queues a job in a PRODUCER span of the current trace, the job carrying that span and the request id', async () => {
    const { queue, sent } = fakeQueue();
    await tracer.startActiveSpan('request', (request) =>
      runWithRequestId('rid-1', () => addTracedJob(queue, 'sweep', { asOf: '2025-10-11' })).finally(() =>
        request.end(),
      ),
    );
    const [producer] = await finished(SpanKind.PRODUCER);
    const [request] = (await finished()).filter((s) => s.name === 'request');
    expect(producer!.name).toBe('sweeps send');
    expect(producer!.parentSpanContext?.spanId).toBe(request!.spanContext().spanId);
    expect(producer!.attributes).toEqual({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'sweeps',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.bullmq.job.name': 'sweep',
      'messaging.message.id': 'job-1',
    });
    const { traceId, spanId } = producer!.spanContext();
    expect(sent[0]!.data).toEqual({
      asOf: '2025-10-11',
      requestId: 'rid-1',
      trace: { traceparent: `00-${traceId}-${spanId}-01` },
    });
  });

  it('queues a batch in one span; a request id the caller names wins over the current one', async () => {
    const { queue, sent } = fakeQueue();
    const jobs = [
      { name: 'dispatch', data: { outboxId: 1, requestId: 'rid-of-row' } },
      { name: 'dispatch', data: { outboxId: 2 } },
    ];
    await runWithRequestId('rid-relay', () => addTracedJobs(queue, jobs));
    const [producer] = await finished(SpanKind.PRODUCER);
    expect(producer!.parentSpanContext).toBeUndefined(); // no request: a trace of its own
    expect(producer!.attributes).toMatchObject({
      'messaging.batch.message_count': 2,
      'messaging.bullmq.job.name': ['dispatch'],
    });
    const traceparent = `00-${producer!.spanContext().traceId}-${producer!.spanContext().spanId}-01`;
    expect(sent.map((job) => job.data)).toEqual([
      { outboxId: 1, requestId: 'rid-of-row', trace: { traceparent } },
      { outboxId: 2, requestId: 'rid-relay', trace: { traceparent } },
    ]);

    expect(await addTracedJobs(queue, [])).toEqual([]);
    expect(queue.addBulk).toHaveBeenCalledTimes(1);
    expect(await finished(SpanKind.PRODUCER)).toHaveLength(1);
  });

  it('runs a job in a CONSUMER span whose parent is the producer span, under the request id it carries', async () => {
    const { queue, sent } = fakeQueue();
    await runWithRequestId('rid-2', () => addTracedJob(queue, 'sweep', {}));
    const job = { id: 'job-1', name: 'sweep', data: sent[0]!.data } as unknown as Job<TracedJob>;
    const seen = await consumeTracedJob('sweeps', job, async () => currentRequestId());
    expect(seen).toBe('rid-2');
    const [producer] = await finished(SpanKind.PRODUCER);
    const [consumer] = await finished(SpanKind.CONSUMER);
    expect(consumer!.name).toBe('sweeps process');
    expect(consumer!.spanContext().traceId).toBe(producer!.spanContext().traceId);
    expect(consumer!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);
    expect(consumer!.attributes).toMatchObject({
      'messaging.operation.type': 'process',
      'messaging.message.id': 'job-1',
    });

    await expect(consumeTracedJob('sweeps', job, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect((await finished(SpanKind.CONSUMER))[1]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
  });

  it('marks the producer span failed when the queue refuses the job', async () => {
    const { queue } = fakeQueue();
    queue.add.mockRejectedValueOnce(new Error('queue did not answer'));
    await expect(addTracedJob(queue, 'sweep', {})).rejects.toThrow('queue did not answer');
    expect((await finished(SpanKind.PRODUCER))[0]!.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'queue did not answer',
    });
  });
});
