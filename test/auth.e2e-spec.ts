import { JwtService } from '@nestjs/jwt';
import { UserRole } from '../libs/auth/src/index.js';
import { codeOf, PASSWORD, TestApp } from './support/test-app.js';

describe('authentication and accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user('auth.admin', UserRole.ADMIN);
    await t.user('auth.leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('auth.supervisor', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
  });
  afterAll(() => t.stop());

  it('logs in with the right password and returns a JWT and the user', async () => {
    const res = await t.gql<{ login: { token: string; user: { username: string; role: string } } }>(
      'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token user { username role } } }',
      { username: 'auth.leader', password: PASSWORD },
    );
    expect(res.data?.login.user).toEqual({ username: 'auth.leader', role: 'LEADER' });
    expect(res.data?.login.token.split('.')).toHaveLength(3);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const [username, password] of [
      ['auth.leader', 'wrong-password'],
      ['nobody-here', PASSWORD],
    ]) {
      const res = await t.gql(
        'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token } }',
        {
          username,
          password,
        },
      );
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers me for a token, and UNAUTHENTICATED without one or with an expired one', async () => {
    const me = await t.gql<{ me: { username: string; jurisdiction: { key: string } } }>(
      '{ me { username jurisdiction { key } } }',
      {},
      'auth.leader',
    );
    expect(me.data?.me).toEqual({ username: 'auth.leader', jurisdiction: { key: 'tengzhou' } });

    expect(codeOf(await t.gql('{ me { username } }'))).toBe('UNAUTHENTICATED');

    const expired = await t.get(JwtService).signAsync(
      {
        sub: 'x',
        username: 'auth.leader',
        role: 'LEADER',
        dep: null,
        jur: null,
        exp: Math.floor(Date.now() / 1000) - 60,
      },
      { secret: process.env.JWT_SECRET },
    );
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${expired}`)
      .send({ query: '{ me { username } }' });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets an admin create users, a supervisor create liaisons of its jurisdiction, and no one else', async () => {
    const create = `mutation($input: CreateUserInput!) { createUser(input: $input) { username role department { functionCode } jurisdiction { key } } }`;
    const departments = await t.gql<{
      departments: { id: string; functionCode: string; jurisdiction: { key: string } }[];
    }>('{ departments { id functionCode jurisdiction { key } } }', {}, 'auth.admin');
    const health = departments.data!.departments.find(
      (d) => d.functionCode === 'HEALTH' && d.jurisdiction.key === 'tengzhou',
    )!;
    const liaison = {
      username: 'auth.liaison1',
      password: PASSWORD,
      displayName: '卫健联络员',
      role: 'LIAISON',
      departmentId: health.id,
    };

    const bySupervisor = await t.gql<{ createUser: unknown }>(create, { input: liaison }, 'auth.supervisor');
    expect(bySupervisor.data?.createUser).toEqual({
      username: 'auth.liaison1',
      role: 'LIAISON',
      department: { functionCode: 'HEALTH' },
      jurisdiction: { key: 'tengzhou' },
    });
    expect(codeOf(await t.gql(create, { input: { ...liaison, username: 'auth.liaison2' } }, 'auth.leader'))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(
        await t.gql(
          create,
          { input: { ...liaison, username: 'auth.admin2', role: 'ADMIN', departmentId: null } },
          'auth.supervisor',
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(create, { input: liaison }, 'auth.admin'))).toBe('CONFLICT');
    expect(
      codeOf(
        await t.gql(create, { input: { ...liaison, username: 'auth.liaison3', departmentId: null } }, 'auth.admin'),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(create, { input: { ...liaison, username: 'x', password: 'short' } }, 'auth.admin'))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('never shows a stack trace or SQL in an error', async () => {
    const res = await t.gql('{ plan(id: "not-a-uuid") { id } }', {}, 'auth.admin');
    expect(res.errors?.[0]?.extensions?.code).toBeDefined();
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|SELECT|at .*\.js:\d+/);
  });
});
