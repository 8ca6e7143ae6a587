import pg from 'pg';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, PASSWORD, TestApp } from './support/test-app.js';

/** Counts the statements that reach PostgreSQL while `fn` runs (every pooled client goes through Client.query). */
async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const sql = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
    if (sql && !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(sql)) statements.push(sql);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await fn(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe('hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
  });
  afterAll(() => t.stop());

  it.each(['sup', 'health'])(
    'serves tasks(first: 50) with measure, plan, department and reports in at most 6 statements (%s)',
    async (as) => {
      const query = `{ tasks(first: 50) { totalCount edges { node { id status measure { code title plan { title } } department { name }
      reports { narrative } } } } }`;
      await t.gql(query, {}, as); // warm the scope cache, as any earlier request of the session would
      const { result, statements } = await countStatements(() => t.gql<{ tasks: { edges: unknown[] } }>(query, {}, as));
      expect(result.errors).toBeUndefined();
      expect(result.data!.tasks.edges.length).toBeGreaterThan(10);
      expect(statements.length).toBeLessThanOrEqual(6);
    },
  );

  it('refuses queries nested deeper than 10', async () => {
    const parents = (n: number): string => (n === 0 ? 'id' : `parent { ${parents(n - 1)} }`);
    const res = await t.gql(`{ me { jurisdiction { ${parents(8)} } } }`, {}, 'sup'); // 11 levels
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/depth 11/);
    const allowed = await t.gql(`{ me { jurisdiction { ${parents(7)} } } }`, {}, 'sup'); // 10 levels
    expect(allowed.errors).toBeUndefined();
  });

  it('refuses queries over the complexity budget', async () => {
    const heavy = `{ tasks(first: 200) { edges { node { measure { plan { measures { assignments { department { name } } tasks { id } } } } } } } }`;
    const res = await t.gql(heavy, {}, 'sup');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/complexity/);
  });

  it('costs the same document again when its variables change', async () => {
    const query = `query($n: Int) { tasks(first: $n) { edges { node { measure { plan { measures { assignments { department { name } } tasks { id } } } } } } } }`;
    for (let round = 0; round < 2; round++) {
      expect((await t.gql(query, { n: 1 }, 'sup')).errors).toBeUndefined();
      expect(codeOf(await t.gql(query, { n: 200 }, 'sup'))).toBe('BAD_USER_INPUT');
    }
  });

  it('blocks CSRF-prone simple requests', async () => {
    const res = await t.http().post('/graphql').set('content-type', 'text/plain').send('{"query":"{ me { id } }"}');
    expect(res.status).toBe(400);
  });

  it('rate-limits login per address and account', async () => {
    const login =
      'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token } }';
    const codes: (string | undefined)[] = [];
    await t.user('victim', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    for (let i = 0; i < 10; i++)
      codes.push(codeOf(await t.gql(login, { username: 'victim', password: 'wrong-password' })));
    expect(codes).toEqual(Array(10).fill('UNAUTHENTICATED'));
    const limited = await t.gql(login, { username: 'victim', password: PASSWORD });
    expect(codeOf(limited)).toBe('FORBIDDEN');
    expect(limited.errors![0]!.extensions!.reason).toBe('RATE_LIMITED');
    // Another account from the same address is not locked out.
    expect(
      (await t.gql<{ login: { token: string } }>(login, { username: 'sup', password: PASSWORD })).data?.login.token,
    ).toBeTruthy();
  });

  it('never leaks a stack trace, SQL or driver text', async () => {
    const cases = [
      t.gql('{ task(id: "1; DROP TABLE task") { id } }', {}, 'sup'),
      t.gql('{ tasks(first: 5, filter: { overdueAsOf: "yesterday" }) { totalCount } }', {}, 'sup'),
      t.gql('{ nope }', {}, 'sup'),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|QueryFailedError|SELECT|syntax for type|node_modules/);
    }
  });
});

describe('production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ NODE_ENV: 'production' });
    await t.user('admin', UserRole.ADMIN);
  });
  afterAll(() => t.stop());

  it('turns introspection off', async () => {
    const res = await t.gql('{ __schema { types { name } } }', {}, 'admin');
    expect(res.data).toBeUndefined();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });
});
