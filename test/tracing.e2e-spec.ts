import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserRole } from '../libs/auth/src/index.js';
import { ApiProcess, gqlCall } from './support/api-process.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { dropQueues, waitFor } from './support/test-worker.js';
import { exited, spawnWorker } from './support/worker-process.js';

interface DumpedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SERVER = 1;
const PRODUCER = 3;
const CONSUMER = 4;
// The API and the worker on queues of their own: no other file's jobs reach this worker.
const PREFIX = `${process.env.QUEUE_PREFIX}_trace`;

const isSql = (s: DumpedSpan) =>
  s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql';

/** Whether `ancestor` is `span` or one of its parents among `spans`. */
function descends(span: DumpedSpan, ancestor: DumpedSpan, spans: DumpedSpan[]): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let at: DumpedSpan | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined)
    if (at.spanId === ancestor.spanId) return true;
  return false;
}

describe('OpenTelemetry traces', () => {
  let t: TestApp;
  let api: ApiProcess;
  let worker: ChildProcess;
  let auth: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-trace-'));
  // One file per process, so a span's file says which process made it.
  const apiFile = join(dir, 'api.jsonl');
  const workerFile = join(dir, 'worker.jsonl');
  const spansOf = (file: string) =>
    (existsSync(file) ? readFileSync(file, 'utf8') : '')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DumpedSpan);
  const spans = () => spansOf(apiFile);

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    await t.user('trace.admin', UserRole.ADMIN);
    await publishSeed(t, SEED_TENGZHOU, 'trace.admin');
    const env = {
      DATABASE_URL: t.databaseUrl,
      QUEUE_PREFIX: PREFIX,
      // Never reached: LUOSHI_TRACE_FILE takes the spans instead of the collector.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
    };
    [api, worker] = await Promise.all([
      ApiProcess.start({ ...env, LUOSHI_TRACE_FILE: apiFile }),
      spawnWorker({ ...env, LUOSHI_TRACE_FILE: workerFile }),
    ]);
    const login = await gqlCall(
      api.url,
      'TraceLogin',
      `mutation TraceLogin { login(username: "trace.admin", password: "${PASSWORD}") { token } }`,
    );
    auth = {
      authorization: `Bearer ${(JSON.parse(login.body) as { data: { login: { token: string } } }).data.login.token}`,
    };
  }, 180_000);

  afterAll(async () => {
    worker?.kill('SIGTERM');
    await Promise.all([api?.stop(), worker && exited(worker)]);
    await t?.stop();
    await dropQueues(PREFIX);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one trace from the updateTask HTTP request down to its SQL', async () => {
    const listed = await gqlCall(
      api.url,
      'TraceTasks',
      'query TraceTasks { tasks(first: 1) { edges { node { id version } } } }',
      auth,
    );
    const task = (
      JSON.parse(listed.body) as { data: { tasks: { edges: { node: { id: string; version: number } }[] } } }
    ).data.tasks.edges[0]!.node;

    // The caller's trace context (a gateway's): the API's spans join it.
    const traceId = randomBytes(16).toString('hex');
    const updated = await gqlCall(
      api.url,
      'TraceUpdate',
      `mutation TraceUpdate { updateTask(input: { taskId: "${task.id}", expectedVersion: ${task.version}, dueDate: "2030-06-30" }) { id dueDate } }`,
      { ...auth, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    expect(JSON.parse(updated.body)).toEqual({ data: { updateTask: { id: task.id, dueDate: '2030-06-30' } } });

    const trace = await waitFor('the spans of the update', async () => {
      const found = spans().filter((s) => s.traceId === traceId);
      return found.some((s) => s.kind === SERVER) &&
        found.some((s) => /UPDATE/.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '')))
        ? found
        : null;
    });
    const server = trace.filter((s) => s.kind === SERVER);
    expect(server).toHaveLength(1);
    expect(server[0]!.attributes['http.request.method'] ?? server[0]!.attributes['http.method']).toBe('POST');
    expect(trace.find((s) => s.name === 'graphql mutation TraceUpdate')?.parentSpanId).toBe(server[0]!.spanId);
    const sql = trace.filter(isSql);
    expect(sql.length).toBeGreaterThan(1);
    // Every span of the request hangs, through its parents, from the one server span.
    for (const span of sql) expect(descends(span, server[0]!, trace)).toBe(true);
    // Another request is another trace.
    expect(spans().filter((s) => s.kind === SERVER && s.traceId !== traceId).length).toBeGreaterThan(0);
  });

  it('follows a request into the worker: the sweep it queues is processed under its producer span', async () => {
    const traceId = randomBytes(16).toString('hex');
    const started = await gqlCall(
      api.url,
      'TraceSweep',
      'mutation TraceSweep { runEscalationSweep(asOf: "2025-10-11") { jobId } }',
      { ...auth, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    const { jobId } = (JSON.parse(started.body) as { data: { runEscalationSweep: { jobId: string } } }).data
      .runEscalationSweep;

    // The consumer span ends after the sweep, so its SQL is written by then.
    const consumer = await waitFor('the worker to process the sweep', async () =>
      spansOf(workerFile).find((s) => s.traceId === traceId && s.kind === CONSUMER),
    );
    const inApi = await waitFor('the API spans of the request', async () => {
      const found = spans().filter((s) => s.traceId === traceId);
      return found.some((s) => s.kind === SERVER) ? found : null;
    });
    const server = inApi.filter((s) => s.kind === SERVER);
    expect(server).toHaveLength(1);
    const producers = inApi.filter((s) => s.kind === PRODUCER);
    expect(producers).toHaveLength(1);
    const producer = producers[0]!;
    expect(producer.name).toBe('escalation send');
    expect(producer.attributes).toMatchObject({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'escalation',
      'messaging.operation.type': 'send',
      'messaging.message.id': jobId,
      'messaging.bullmq.job.name': 'sweep',
    });
    // Queued inside the request.
    expect(descends(producer, server[0]!, inApi)).toBe(true);

    // In the worker process, the job's span is the producer span's child.
    expect(consumer.name).toBe('escalation process');
    expect(consumer.parentSpanId).toBe(producer.spanId);
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'escalation',
      'messaging.operation.type': 'process',
      'messaging.message.id': jobId,
    });
    expect(inApi.some((s) => s.spanId === consumer.spanId)).toBe(false);
    const inWorker = spansOf(workerFile).filter((s) => s.traceId === traceId);
    const sql = inWorker.filter(isSql);
    expect(sql.length).toBeGreaterThan(1);
    for (const span of sql) expect(descends(span, consumer, inWorker)).toBe(true);
  });
});
