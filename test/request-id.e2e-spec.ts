import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { UserRole } from '../libs/auth/src/index.js';
import { ApiProcess, gqlCall, parseLogLines } from './support/api-process.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { dropQueues, waitFor } from './support/test-worker.js';
import { exited, spawnWorker } from './support/worker-process.js';

const PREFIX = `request-id-${process.pid}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids (X-Request-Id)', () => {
  let t: TestApp;
  let api: ApiProcess;
  let worker: ChildProcess;
  let workerOutput = '';
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    await t.user('rid.admin', UserRole.ADMIN);
    const env = { DATABASE_URL: t.databaseUrl, QUEUE_PREFIX: PREFIX, SWEEP_CATCH_UP_MS: '0' };
    [api, worker] = await Promise.all([ApiProcess.start(env), spawnWorker(env)]);
    worker.stdout!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    const login = await gqlCall(
      api.url,
      'RidLogin',
      `mutation RidLogin { login(username: "rid.admin", password: "${PASSWORD}") { token } }`,
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
  });

  it("answers the caller's id, or a new UUID when it sent none or an unusable one", async () => {
    const echoed = await gqlCall(api.url, 'RidMe', 'query RidMe { me { id } }', {
      ...auth,
      'x-request-id': 'lb-1234.abc',
    });
    expect(echoed.headers['x-request-id']).toBe('lb-1234.abc');
    const made = await gqlCall(api.url, 'RidMe', 'query RidMe { me { id } }', auth);
    expect(made.headers['x-request-id']).toMatch(UUID);
    const again = await gqlCall(api.url, 'RidMe', 'query RidMe { me { id } }', auth);
    expect(again.headers['x-request-id']).not.toBe(made.headers['x-request-id']);
    const odd = await gqlCall(api.url, 'RidMe', 'query RidMe { me { id } }', {
      ...auth,
      'x-request-id': 'x'.repeat(200),
    });
    expect(odd.headers['x-request-id']).toMatch(UUID);
  });

  it('writes the id on the log lines of a request that failed', async () => {
    const denied = await gqlCall(api.url, 'RidDenied', 'query RidDenied { me { id } }', {
      'x-request-id': 'rid-denied-1',
    });
    expect((JSON.parse(denied.body) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const malformed = await gqlCall(api.url, 'RidBroken', 'query RidBroken { me { ', {
      'x-request-id': 'rid-broken-1',
    });
    expect(malformed.status).toBe(400);
    const lines = await waitFor('the log lines of the failed requests', async () => {
      const found = api.logLines().filter((l) => l.reqId === 'rid-denied-1' || l.reqId === 'rid-broken-1');
      return found.some((l) => l.reqId === 'rid-broken-1') && found.some((l) => l.reqId === 'rid-denied-1')
        ? found
        : null;
    });
    for (const line of lines) expect((line.req as { id: string } | undefined)?.id ?? line.reqId).toBe(line.reqId);
    expect(lines.find((l) => l.reqId === 'rid-broken-1')).toMatchObject({ res: { statusCode: 400 } });
    // The guard's refusal, logged by Nest's exception handler, names the request as its HTTP line does.
    expect(lines.filter((l) => l.reqId === 'rid-denied-1').map((l) => l.msg)).toEqual(
      expect.arrayContaining(['request completed', expect.stringContaining('not authenticated')]),
    );
  });

  it("carries the id into the job the request queued: the worker's log lines of it name the request", async () => {
    const started = await gqlCall(
      api.url,
      'RidSweep',
      'mutation RidSweep { runEscalationSweep(asOf: "2026-02-02") { jobId } }',
      { ...auth, 'x-request-id': 'rid-sweep-1' },
    );
    expect(started.status).toBe(200);
    const line = await waitFor('the sweep job log line', async () =>
      parseLogLines(workerOutput).find((l) => typeof l.msg === 'string' && l.msg.startsWith('sweep as of 2026-02-02')),
    );
    expect(line.reqId).toBe('rid-sweep-1');
    // The API's own line of that request too.
    expect(api.logLines().some((l) => l.reqId === 'rid-sweep-1')).toBe(true);
  });
});
