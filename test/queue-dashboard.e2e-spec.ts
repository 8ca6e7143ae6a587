import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UserRole } from '../libs/auth/src/index.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { dropQueues } from './support/test-worker.js';

const PREFIX = `dashboard-${process.pid}`;

describe('queue dashboard (bull-board) at /admin/queues', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  const login = async (username: string) => {
    const res = await t.gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: PASSWORD },
    );
    return res.data!.login.token;
  };
  /** The cookie POST /admin/queues/session sets for a bearer token, or the refusal's status. */
  const session = async (token: string) => {
    const res = await t.http().post('/admin/queues/session').set('authorization', `Bearer ${token}`);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
    return { status: res.status, cookie, pair: cookie?.split(';')[0] };
  };

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    await t.user('board.admin', UserRole.ADMIN);
    await t.user('board.liaison', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    tokens.admin = await login('board.admin');
    tokens.liaison = await login('board.liaison');
  });

  afterAll(async () => {
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('answers 401 without the cookie, on the page and on its API', async () => {
    expect((await t.http().get('/admin/queues')).status).toBe(401);
    expect((await t.http().get('/admin/queues/api/queues')).status).toBe(401);
    expect((await t.http().get('/admin/queues').set('cookie', 'luoshi_queues=not-a-token')).status).toBe(401);
    expect((await t.http().get('/admin/queues').set('authorization', `Bearer ${tokens.admin}`)).status).toBe(401);
  });

  it('sets the cookie only for an ADMIN, HttpOnly, SameSite=Strict, on the dashboard path, short-lived', async () => {
    expect((await t.http().post('/admin/queues/session')).status).toBe(401);
    expect((await session(tokens.liaison!)).status).toBe(403);
    const admin = await session(tokens.admin!);
    expect(admin.status).toBe(204);
    expect(admin.cookie).toMatch(/HttpOnly/);
    expect(admin.cookie).toMatch(/SameSite=Strict/);
    expect(admin.cookie).toMatch(/Path=\/admin\/queues/);
    expect(admin.cookie).toMatch(/Max-Age=900/);
  });

  it('refuses a LIAISON with a cookie of its token (403) and serves an ADMIN the board', async () => {
    expect((await t.http().get('/admin/queues').set('cookie', `luoshi_queues=${tokens.liaison}`)).status).toBe(403);
    const { pair } = await session(tokens.admin!);
    const page = await t.http().get('/admin/queues').set('cookie', pair!);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('__UI_CONFIG__');
    const queues = await t.http().get('/admin/queues/api/queues').set('cookie', pair!);
    expect(queues.status).toBe(200);
    const names = (queues.body as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual([
      'escalation',
      'notification-deliveries',
      'notification-digests',
      'notifications',
      'upload-cleanup',
    ]);
  });
});
