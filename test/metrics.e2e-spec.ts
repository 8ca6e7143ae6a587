import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { UserRole } from '../libs/auth/src/index.js';
import { ApiProcess, gqlCall, httpCall, seriesValue } from './support/api-process.js';
import { freePort } from './support/own-redis.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { dropQueues } from './support/test-worker.js';
import { exited, spawnWorker } from './support/worker-process.js';

const PREFIX = `metrics-${process.pid}`;
const TOKEN = 'metrics-token-for-the-test-0001';
const BEARER = { authorization: `Bearer ${TOKEN}` };

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;
  let api: ApiProcess;
  let apiMetrics: string;
  let worker: ChildProcess;
  let workerMetrics: string;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    await t.user('obs.admin', UserRole.ADMIN);
    const env = { DATABASE_URL: t.databaseUrl, QUEUE_PREFIX: PREFIX, METRICS_TOKEN: TOKEN, SWEEP_CATCH_UP_MS: '0' };
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    apiMetrics = `http://127.0.0.1:${apiPort}/metrics`;
    workerMetrics = `http://127.0.0.1:${workerPort}`;
    [api, worker] = await Promise.all([
      ApiProcess.start({ ...env, API_WORKERS: '2', METRICS_PORT: String(apiPort) }),
      spawnWorker({ ...env, METRICS_PORT: String(workerPort) }),
    ]);
    const login = await gqlCall(
      api.url,
      'ObsLogin',
      `mutation ObsLogin { login(username: "obs.admin", password: "${PASSWORD}") { token } }`,
    );
    // /health answered by one cluster worker; the scrape needs both (the primary asks each).
    for (const until = Date.now() + 60_000; (await httpCall(apiMetrics, { headers: BEARER })).status !== 200;) {
      if (Date.now() > until) throw new Error('the API primary never answered a scrape');
      await new Promise((r) => setTimeout(r, 500));
    }
    bearer = {
      authorization: `Bearer ${(JSON.parse(login.body) as { data: { login: { token: string } } }).data.login.token}`,
    };
  }, 180_000);

  afterAll(async () => {
    worker?.kill('SIGTERM');
    await Promise.all([api?.stop(), worker && exited(worker)]);
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('refuses a scrape without the token and answers one with it', async () => {
    expect((await httpCall(apiMetrics)).status).toBe(401);
    expect(
      (await httpCall(apiMetrics, { headers: { authorization: 'Bearer wrong-token-wrong-token-00' } })).status,
    ).toBe(401);
    const answer = await httpCall(apiMetrics, { headers: BEARER });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.body).toContain('# TYPE graphql_operation_duration_seconds histogram');
  });

  it("sums both cluster workers' operation counts and counts errors by code", async () => {
    // Each call on a connection of its own: the primary hands them to the two workers in turn.
    for (let i = 0; i < 6; i++)
      expect((await gqlCall(api.url, 'ObsMe', 'query ObsMe { me { id } }', bearer)).status).toBe(200);
    for (let i = 0; i < 3; i++) await gqlCall(api.url, 'ObsDenied', 'query ObsDenied { me { id } }');
    const text = (await httpCall(apiMetrics, { headers: BEARER })).body;
    expect(seriesValue(text, 'graphql_operation_duration_seconds_count', { operation: 'ObsMe', type: 'query' })).toBe(
      6,
    );
    expect(seriesValue(text, 'graphql_errors_total', { code: 'UNAUTHENTICATED', operation: 'ObsDenied' })).toBe(3);
    // graphql-jit executes: each of the three documents compiled once per worker that saw it, not per request.
    const compiled = seriesValue(text, 'graphql_operations_compiled_total');
    expect(compiled).toBeGreaterThanOrEqual(3);
    expect(compiled).toBeLessThanOrEqual(6);
    // Ten GraphQL POSTs so far (the login too): per worker at most half of them were answered.
    expect(
      seriesValue(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '2xx' }),
    ).toBe(10);
    expect(seriesValue(text, 'db_pool_connections_in_use')).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'db_pool_waiting')).toBe(0);
  });

  it("serves the worker's queue depths, outbox backlog and /health on its METRICS_PORT", async () => {
    expect((await httpCall(`${workerMetrics}/metrics`)).status).toBe(401);
    const text = (await httpCall(`${workerMetrics}/metrics`, { headers: BEARER })).body;
    for (const queue of ['escalation', 'notifications', 'notification-deliveries', 'notification-digests'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(seriesValue(text, 'queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'notification_outbox_waiting')).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'notification_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    const health = await httpCall(`${workerMetrics}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('times sweeps and counts the escalations they raise by level', async () => {
    const asOf = '2026-01-05';
    const started = await gqlCall(
      api.url,
      'ObsSweep',
      `mutation ObsSweep { runEscalationSweep(asOf: "${asOf}") { jobId } }`,
      bearer,
    );
    expect(JSON.parse(started.body)).toMatchObject({ data: { runEscalationSweep: { jobId: expect.any(String) } } });
    const deadline = Date.now() + 30_000;
    let text = '';
    while (Date.now() < deadline) {
      text = (await httpCall(`${workerMetrics}/metrics`, { headers: BEARER })).body;
      if (seriesValue(text, 'escalation_sweep_duration_seconds_count', { scope: 'all' })) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seriesValue(text, 'escalation_sweep_duration_seconds_count', { scope: 'all' })).toBe(1);
    expect(seriesValue(text, 'queue_job_duration_seconds_count', { queue: 'escalation', outcome: 'completed' })).toBe(
      1,
    );
  });
});
