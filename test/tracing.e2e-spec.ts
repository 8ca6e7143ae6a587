import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserRole } from '../libs/auth/src/index.js';
import { ApiProcess, gqlCall } from './support/api-process.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { waitFor } from './support/test-worker.js';

interface DumpedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SERVER = 1;

describe('OpenTelemetry traces', () => {
  let t: TestApp;
  let api: ApiProcess;
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-trace-'));
  const file = join(dir, 'spans.jsonl');
  const spans = () =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DumpedSpan);

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user('trace.admin', UserRole.ADMIN);
    await publishSeed(t, SEED_TENGZHOU, 'trace.admin');
    api = await ApiProcess.start({
      DATABASE_URL: t.databaseUrl,
      // Never reached: LUOSHI_TRACE_FILE takes the spans instead of the collector.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      LUOSHI_TRACE_FILE: file,
    });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one trace from the updateTask HTTP request down to its SQL', async () => {
    const login = await gqlCall(
      api.url,
      'TraceLogin',
      `mutation TraceLogin { login(username: "trace.admin", password: "${PASSWORD}") { token } }`,
    );
    const token = (JSON.parse(login.body) as { data: { login: { token: string } } }).data.login.token;
    const auth = { authorization: `Bearer ${token}` };
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
    const sql = trace.filter(
      (s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql',
    );
    expect(sql.length).toBeGreaterThan(1);
    // Every span of the request hangs, through its parents, from the one server span.
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    for (const span of sql) {
      let at: DumpedSpan | undefined = span;
      while (at && at.kind !== SERVER) at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined;
      expect(at?.spanId).toBe(server[0]!.spanId);
    }
    // Another request is another trace.
    expect(spans().filter((s) => s.kind === SERVER && s.traceId !== traceId).length).toBeGreaterThan(0);
  });
});
