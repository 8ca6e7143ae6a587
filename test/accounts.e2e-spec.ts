import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/bootstrap.js';
import { UserRole } from '../libs/auth/src/index.js';
import { parseConfig } from '../libs/common/src/index.js';
import { CALLERS, createCallers, no, ok, type Caller, type Outcome } from './support/access-table.js';
import { codeOf, PASSWORD, TestApp, type GqlResult } from './support/test-app.js';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const ME = '{ me { username role department { key } jurisdiction { key } } }';
const SET_ACTIVE = 'mutation($id: ID!, $a: Boolean!) { setUserActive(userId: $id, active: $a) { username active } }';
const RESET = 'mutation($id: ID!, $p: String!) { resetUserPassword(userId: $id, password: $p) { username } }';
const UPDATE =
  'mutation($id: ID!, $p: UserPatch!) { updateUser(userId: $id, patch: $p) { username role displayName department { key } jurisdiction { key } } }';
const USERS = 'query($j: ID, $d: ID) { users(jurisdictionId: $j, departmentId: $d) { username active } }';

type Me = { me: { username: string; role: string; department: { key: string } | null } };

/** A GraphQL call on `app` with the token itself (not TestApp's cached one per username). */
async function call<T = Record<string, unknown>>(
  app: INestApplication,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  const res = await req.send({ query, variables });
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}

describe('accounts administered in the product', () => {
  const prefix = `accounts_${randomBytes(3).toString('hex')}`;
  let t: TestApp;
  let db: DataSource;
  /** A second API process on the same database and Redis (API_WORKERS > 1). */
  let second: INestApplication;

  const idOf = async (username: string): Promise<string> =>
    (await db.query('SELECT id FROM app_user WHERE username = $1', [username]))[0].id;
  const rowOf = async (username: string) =>
    (
      await db.query(
        `SELECT role, active, token_version, password_hash, department_id, jurisdiction_id, display_name
         FROM app_user WHERE username = $1`,
        [username],
      )
    )[0];
  const departmentId = async (key: string): Promise<string> =>
    (await db.query('SELECT id FROM department WHERE key = $1', [key]))[0].id;
  const jurisdictionId = async (key: string): Promise<string> =>
    (await db.query('SELECT id FROM jurisdiction WHERE key = $1', [key]))[0].id;
  const login = async (username: string, password = PASSWORD, app = t.app) => {
    const res = await call<{ login: { token: string } }>(app, null, LOGIN, { u: username, p: password });
    return { token: res.data?.login.token ?? null, code: codeOf(res), message: res.errors?.[0]?.message };
  };
  const tokenOf = async (username: string, password = PASSWORD): Promise<string> => {
    const { token, code } = await login(username, password);
    if (!token) throw new Error(`login ${username}: ${code}`);
    return token;
  };

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: prefix });
    db = t.get(DataSource);
    second = await createApi(parseConfig({ ...process.env, DATABASE_URL: t.databaseUrl, QUEUE_PREFIX: prefix }));
    second.useLogger(false);
    await second.init();
    await t.user('acc.root', UserRole.ADMIN);
    await t.user('acc.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('acc.sup.cq', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('acc.leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('acc.leader.district', UserRole.LEADER, { jurisdictionKey: 'tengzhou.longquan' });
    await t.user('acc.liaison', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('acc.liaison.cq', UserRole.LIAISON, { departmentKey: 'chongqing.HEALTH' });
  });
  afterAll(async () => {
    await second?.close();
    await t?.stop();
  });

  describe('users', () => {
    const list = async (as: string, vars: Record<string, unknown> = {}) => {
      const res = await t.gql<{ users: { username: string }[] }>(USERS, vars, as);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.users.map((u) => u.username);
    };

    it('lists every account to an admin, and to a supervisor those of its jurisdiction and below', async () => {
      const everyone: string[] = (await db.query('SELECT username FROM app_user ORDER BY username')).map(
        (r: { username: string }) => r.username,
      );
      expect(await list('acc.root')).toEqual(everyone);
      const tengzhou: string[] = (
        await db.query(
          `WITH RECURSIVE sub AS (SELECT id FROM jurisdiction WHERE key = 'tengzhou'
             UNION ALL SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id)
           SELECT username FROM app_user WHERE jurisdiction_id IN (SELECT id FROM sub) ORDER BY username`,
        )
      ).map((r: { username: string }) => r.username);
      expect(tengzhou).toEqual(expect.arrayContaining(['acc.sup', 'acc.leader.district', 'acc.liaison']));
      expect(await list('acc.sup')).toEqual(tengzhou);
      expect(await list('acc.sup')).not.toContain('acc.root');
      expect(await list('acc.sup')).not.toContain('acc.liaison.cq');
    });

    it('filters by jurisdiction and by department, within the caller’s reach only', async () => {
      const chongqing = await jurisdictionId('chongqing');
      expect(await list('acc.root', { j: chongqing })).toEqual(['acc.liaison.cq', 'acc.sup.cq']);
      expect(await list('acc.sup', { j: chongqing })).toEqual([]);
      expect(await list('acc.sup', { j: await jurisdictionId('tengzhou.longquan') })).toEqual(['acc.leader.district']);
      expect(await list('acc.sup', { d: await departmentId('tengzhou.HEALTH') })).toContain('acc.liaison');
      expect(await list('acc.sup', { d: await departmentId('chongqing.HEALTH') })).toEqual([]);
    });

    it('refuses leaders and liaisons', async () => {
      expect(codeOf(await t.gql(USERS, {}, 'acc.leader'))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(USERS, {}, 'acc.liaison'))).toBe('FORBIDDEN');
    });
  });

  it('deactivation refuses the existing token on the next request and the login; reactivation lets it log in', async () => {
    await t.user('acc.off', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const token = await tokenOf('acc.off');
    expect(codeOf(await call(t.app, token, ME))).toBeUndefined();

    const off = await t.gql(SET_ACTIVE, { id: await idOf('acc.off'), a: false }, 'acc.sup');
    expect(off.data).toEqual({ setUserActive: { username: 'acc.off', active: false } });
    expect(codeOf(await call(t.app, token, ME))).toBe('UNAUTHENTICATED');
    const refused = await login('acc.off');
    const wrongPassword = await login('acc.leader', 'not-the-password');
    expect(refused).toEqual({ token: null, code: 'UNAUTHENTICATED', message: wrongPassword.message });

    await t.gql(SET_ACTIVE, { id: await idOf('acc.off'), a: true }, 'acc.sup');
    const again = await tokenOf('acc.off');
    expect((await call<Me>(t.app, again, ME)).data?.me.username).toBe('acc.off');
    expect(codeOf(await call(t.app, token, ME))).toBe('UNAUTHENTICATED'); // the old token stays refused
  });

  it('a role change refuses the old token at once; a new login carries the new role', async () => {
    await t.user('acc.promoted', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const token = await tokenOf('acc.promoted');
    const health = await departmentId('tengzhou.HEALTH');
    const res = await t.gql(
      UPDATE,
      { id: await idOf('acc.promoted'), p: { role: 'LIAISON', departmentId: health } },
      'acc.sup',
    );
    expect(res.errors).toBeUndefined();
    expect(codeOf(await call(t.app, token, ME))).toBe('UNAUTHENTICATED');
    const me = await call<Me>(t.app, await tokenOf('acc.promoted'), ME);
    expect(me.data?.me).toMatchObject({ role: 'LIAISON', department: { key: 'tengzhou.HEALTH' } });
  });

  it('a department change refuses the old token at once; the jurisdiction follows a department named alone', async () => {
    await t.user('acc.moved', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    const token = await tokenOf('acc.moved');
    const education = await departmentId('tengzhou.EDUCATION');
    const res = await t.gql(UPDATE, { id: await idOf('acc.moved'), p: { departmentId: education } }, 'acc.root');
    expect(res.data?.updateUser).toMatchObject({
      department: { key: 'tengzhou.EDUCATION' },
      jurisdiction: { key: 'tengzhou' },
    });
    expect(codeOf(await call(t.app, token, ME))).toBe('UNAUTHENTICATED');
    const me = await call<Me>(t.app, await tokenOf('acc.moved'), ME);
    expect(me.data?.me.department).toEqual({ key: 'tengzhou.EDUCATION' });
  });

  it('a password reset refuses the old token and the old password; the new one logs in', async () => {
    await t.user('acc.reset', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const token = await tokenOf('acc.reset');
    const res = await t.gql(RESET, { id: await idOf('acc.reset'), p: 'a-new-password-9' }, 'acc.sup');
    expect(res.errors).toBeUndefined();
    expect(codeOf(await call(t.app, token, ME))).toBe('UNAUTHENTICATED');
    expect((await login('acc.reset')).code).toBe('UNAUTHENTICATED');
    expect((await call<Me>(t.app, await tokenOf('acc.reset', 'a-new-password-9'), ME)).data?.me.username).toBe(
      'acc.reset',
    );
  });

  it('a change of display name alone keeps the tokens', async () => {
    await t.user('acc.renamed', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const token = await tokenOf('acc.renamed');
    const res = await t.gql(UPDATE, { id: await idOf('acc.renamed'), p: { displayName: '新名字' } }, 'acc.sup');
    expect(res.data?.updateUser).toMatchObject({ displayName: '新名字', role: 'LEADER' });
    expect(codeOf(await call(t.app, token, ME))).toBeUndefined();
  });

  it('keeps a supervisor to the leaders and liaisons of its own reach, and changes nothing it refuses', async () => {
    await t.user('acc.target', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const watched = ['acc.root', 'acc.sup.cq', 'acc.liaison.cq', 'acc.target', 'acc.sup'];
    const before = await Promise.all(watched.map(rowOf));
    const chongqing = await jurisdictionId('chongqing');
    const attempts: [string, Record<string, unknown>][] = [
      [SET_ACTIVE, { id: await idOf('acc.root'), a: false }],
      [RESET, { id: await idOf('acc.root'), p: 'taken-over-1' }],
      [SET_ACTIVE, { id: await idOf('acc.sup.cq'), a: false }],
      [SET_ACTIVE, { id: await idOf('acc.liaison.cq'), a: false }],
      [RESET, { id: await idOf('acc.liaison.cq'), p: 'taken-over-1' }],
      [UPDATE, { id: await idOf('acc.target'), p: { role: 'SUPERVISOR' } }],
      [UPDATE, { id: await idOf('acc.target'), p: { role: 'ADMIN' } }],
      [UPDATE, { id: await idOf('acc.target'), p: { jurisdictionId: chongqing } }],
      [UPDATE, { id: await idOf('acc.sup'), p: { role: 'LEADER' } }],
    ];
    for (const [query, variables] of attempts)
      expect([query, variables, codeOf(await t.gql(query, variables, 'acc.sup'))]).toEqual([
        query,
        variables,
        'FORBIDDEN',
      ]);
    for (const [query, variables] of attempts.slice(0, 3))
      expect(codeOf(await t.gql(query, variables, 'acc.leader'))).toBe('FORBIDDEN');
    expect(await Promise.all(watched.map(rowOf))).toEqual(before);
  });

  it('never leaves the product without an active admin', async () => {
    await t.user('acc.admin.b', UserRole.ADMIN);
    const root = await idOf('acc.root');
    expect(codeOf(await t.gql(SET_ACTIVE, { id: root, a: false }, 'acc.root'))).toBe('BAD_USER_INPUT'); // oneself
    // Another admin may go, as long as one stays; then the one left can neither go nor step down.
    expect(codeOf(await t.gql(SET_ACTIVE, { id: await idOf('acc.admin.b'), a: false }, 'acc.root'))).toBeUndefined();
    const tengzhou = await jurisdictionId('tengzhou');
    const demote = { id: root, p: { role: 'LEADER', jurisdictionId: tengzhou } };
    const before = await rowOf('acc.root');
    expect(codeOf(await t.gql(UPDATE, demote, 'acc.root'))).toBe('BAD_USER_INPUT');
    expect(await rowOf('acc.root')).toEqual(before);
    // With a second active admin again, stepping down is allowed (and revokes the old token).
    expect(codeOf(await t.gql(SET_ACTIVE, { id: await idOf('acc.admin.b'), a: true }, 'acc.root'))).toBeUndefined();
    await t.user('acc.admin.c', UserRole.ADMIN);
    const c = await idOf('acc.admin.c');
    expect(
      codeOf(await t.gql(UPDATE, { id: c, p: { role: 'LEADER', jurisdictionId: tengzhou } }, 'acc.root')),
    ).toBeUndefined();
    expect((await rowOf('acc.admin.c')).role).toBe('LEADER');
  });

  it('refuses bad input with its code and changes nothing', async () => {
    await t.user('acc.bad', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const id = await idOf('acc.bad');
    const before = await rowOf('acc.bad');
    const health = await departmentId('tengzhou.HEALTH');
    const cases: [string, Record<string, unknown>, string][] = [
      [RESET, { id, p: 'short' }, 'BAD_USER_INPUT'],
      [RESET, { id: randomUUID(), p: 'long-enough-1' }, 'NOT_FOUND'],
      [SET_ACTIVE, { id: randomUUID(), a: false }, 'NOT_FOUND'],
      [UPDATE, { id, p: { role: 'LIAISON' } }, 'BAD_USER_INPUT'],
      [UPDATE, { id, p: { displayName: '  ' } }, 'BAD_USER_INPUT'],
      [
        UPDATE,
        { id, p: { departmentId: health, jurisdictionId: await jurisdictionId('chongqing') } },
        'BAD_USER_INPUT',
      ],
      [UPDATE, { id, p: { jurisdictionId: null } }, 'BAD_USER_INPUT'],
      [UPDATE, { id, p: { departmentId: randomUUID() } }, 'NOT_FOUND'],
    ];
    for (const [query, variables, code] of cases)
      expect([variables, codeOf(await t.gql(query, variables, 'acc.root'))]).toEqual([variables, code]);
    expect(await rowOf('acc.bad')).toEqual(before);
    await t.user('acc.bad.liaison', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    const liaison = await rowOf('acc.bad.liaison');
    const clear = { id: await idOf('acc.bad.liaison'), p: { departmentId: null } };
    expect(codeOf(await t.gql(UPDATE, clear, 'acc.root'))).toBe('BAD_USER_INPUT');
    expect(await rowOf('acc.bad.liaison')).toEqual(liaison);
  });

  it('audits every change in its transaction, never the password nor its hash', async () => {
    await t.user('acc.audited', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    const id = await idOf('acc.audited');
    await t.gql(SET_ACTIVE, { id, a: false }, 'acc.sup');
    await t.gql(SET_ACTIVE, { id, a: true }, 'acc.sup');
    await t.gql(RESET, { id, p: 'secret-password-7' }, 'acc.sup');
    await t.gql(UPDATE, { id, p: { displayName: '审计' } }, 'acc.root');
    const entries: { action: string; actor: string; before: unknown; after: unknown }[] = await db.query(
      `SELECT a.action, u.username AS actor, a.before, a.after FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
       WHERE a.entity_type = 'user' AND a.entity_id = $1 ORDER BY a.id`,
      [id],
    );
    expect(entries).toEqual([
      { action: 'user.deactivate', actor: 'acc.sup', before: { active: true }, after: { active: false } },
      { action: 'user.activate', actor: 'acc.sup', before: { active: false }, after: { active: true } },
      { action: 'user.password-reset', actor: 'acc.sup', before: null, after: null },
      {
        action: 'user.update',
        actor: 'acc.root',
        before: { displayName: 'acc.audited' },
        after: { displayName: '审计' },
      },
    ]);
    const hash: string = (await rowOf('acc.audited')).password_hash;
    const all = JSON.stringify(await db.query('SELECT before, after FROM audit_entry'));
    expect(all).not.toContain('secret-password-7');
    expect(all).not.toContain(hash);
    expect(all).not.toContain('$argon2');
  });

  describe('across API processes', () => {
    /** Both processes listen on the channel before anything is changed. */
    beforeAll(async () => {
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        for (let i = 0; i < 100; i++) {
          const [, listeners] = (await redis.pubsub('NUMSUB', `${prefix}:user-status`)) as [string, number];
          if (listeners >= 2) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the API processes never subscribed');
      } finally {
        redis.disconnect();
      }
    });

    it('a deactivation through one process is refused at once by the other, which had the user cached', async () => {
      await t.user('acc.elsewhere', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
      const token = await tokenOf('acc.elsewhere');
      expect(codeOf(await call(second, token, ME))).toBeUndefined(); // the second process now caches it
      // Its cache is really used: a change made behind the API's back goes unseen there (until the TTL)...
      await db.query('UPDATE app_user SET active = false WHERE username = $1', ['acc.elsewhere']);
      expect(codeOf(await call(second, token, ME))).toBeUndefined();
      await db.query('UPDATE app_user SET active = true WHERE username = $1', ['acc.elsewhere']);
      // ...while the same change through the API reaches it before its next request.
      await t.gql(SET_ACTIVE, { id: await idOf('acc.elsewhere'), a: false }, 'acc.sup');
      expect(codeOf(await call(second, token, ME))).toBe('UNAUTHENTICATED');
      expect((await login('acc.elsewhere', PASSWORD, second)).code).toBe('UNAUTHENTICATED');
    });

    it("a district created through one process is within its supervisor's reach in the other at once", async () => {
      const token = await tokenOf('acc.sup');
      const names = async () =>
        (
          await call<{ jurisdictions: { name: string }[] }>(second, token, '{ jurisdictions { name } }')
        ).data!.jurisdictions.map((j) => j.name);
      expect(await names()).not.toContain('新区街道'); // the second process caches 滕州市's subtree now
      const created = await t.gql(
        'mutation($i: JurisdictionInput!) { createJurisdiction(input: $i) { id } }',
        { i: { name: '新区街道', level: 'TOWNSHIP', parentId: await jurisdictionId('tengzhou') } },
        'acc.sup',
      );
      expect(created.errors).toBeUndefined();
      for (let i = 0; i < 40 && !(await names()).includes('新区街道'); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await names()).toContain('新区街道'); // told through Redis, well before the minute's TTL
    });

    it('a role change through one process is refused at once by the other', async () => {
      await t.user('acc.elsewhere.role', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
      const token = await tokenOf('acc.elsewhere.role');
      expect(codeOf(await call(second, token, ME))).toBeUndefined();
      const health = await departmentId('tengzhou.HEALTH');
      const id = await idOf('acc.elsewhere.role');
      await t.gql(UPDATE, { id, p: { role: 'LIAISON', departmentId: health } }, 'acc.sup');
      expect(codeOf(await call(second, token, ME))).toBe('UNAUTHENTICATED');
    });
  });

  it('while Redis is down, a deactivation still answers at once and its own process refuses the token', async () => {
    const offline = await TestApp.start({ QUEUE_PREFIX: prefix, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      await offline.user('off.admin', UserRole.ADMIN);
      await offline.user('off.leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
      const token = (
        await call<{ login: { token: string } }>(offline.app, null, LOGIN, { u: 'off.leader', p: PASSWORD })
      ).data!.login.token;
      expect(codeOf(await call(offline.app, token, ME))).toBeUndefined();
      const id = (await offline.get(DataSource).query(`SELECT id FROM app_user WHERE username = 'off.leader'`))[0].id;
      const res = await offline.gql(SET_ACTIVE, { id, a: false }, 'off.admin');
      expect(res.data).toEqual({ setUserActive: { username: 'off.leader', active: false } });
      expect(codeOf(await call(offline.app, token, ME))).toBe('UNAUTHENTICATED');
    } finally {
      await offline.stop();
    }
  });

  describe('scope table', () => {
    const managers: Record<Caller, Outcome> = {
      admin: ok,
      'sup.own': ok,
      'sup.other': no,
      'leader.own': no,
      'leader.other': no,
      'liaison.own': no,
      'liaison.other': no,
    };
    /** Listing is filtered, not refused, for a supervisor of another jurisdiction. */
    const listers = { ...managers, 'sup.other': ok };
    let target: string;

    beforeAll(async () => {
      await createCallers(t, 'chongqing.FINANCE');
      await t.user('table.target', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
      target = await idOf('table.target');
    });

    const operations: {
      name: string;
      query: string;
      variables: () => Record<string, unknown>;
      expect: Record<Caller, Outcome>;
    }[] = [
      { name: 'users', query: USERS, variables: () => ({}), expect: listers },
      { name: 'setUserActive', query: SET_ACTIVE, variables: () => ({ id: target, a: true }), expect: managers },
      {
        name: 'resetUserPassword',
        query: RESET,
        variables: () => ({ id: target, p: 'table-password-1' }),
        expect: managers,
      },
      {
        name: 'updateUser',
        query: UPDATE,
        variables: () => ({ id: target, p: { displayName: '表' } }),
        expect: managers,
      },
    ];
    const rows = operations.flatMap((op) => CALLERS.map((caller) => [op.name, caller, op.expect[caller], op] as const));

    it.each(rows)('%s by %s → %s', async (_, caller, outcome, op) => {
      const res = await t.gql(op.query, op.variables(), caller);
      if (outcome === 'ok') expect(res.errors).toBeUndefined();
      else expect(codeOf(res)).toBe('FORBIDDEN');
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
