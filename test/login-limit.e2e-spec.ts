import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap.js';
import { UserRole } from '../libs/auth/src/index.js';
import { parseConfig } from '../libs/common/src/index.js';
import { PASSWORD, TestApp } from './support/test-app.js';

const LOGIN =
  'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token } }';

/** The code a login answers with, or 'OK'. */
async function login(app: INestApplication, username: string, password: string): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/graphql')
    .send({ query: LOGIN, variables: { username, password } });
  return res.body.data?.login ? 'OK' : (res.body.errors?.[0]?.extensions?.code as string);
}

async function fail(app: INestApplication, username: string, times: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < times; i++) codes.push(await login(app, username, 'wrong-password'));
  return codes;
}

// API_WORKERS runs several API processes: the count of failed logins must be theirs together.
describe('the login limit across API processes', () => {
  const prefix = `login_${randomBytes(3).toString('hex')}`;
  let t: TestApp;
  let second: INestApplication;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: prefix });
    second = await createApi(parseConfig({ ...process.env, DATABASE_URL: t.databaseUrl, QUEUE_PREFIX: prefix }));
    second.useLogger(false);
    await second.init();
    for (const name of ['shared', 'cleared']) await t.user(name, UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
  });
  afterAll(async () => {
    await second?.close();
    await t?.stop();
  });

  it('counts the failures of every process: after 5 on each, both refuse', async () => {
    expect([...(await fail(t.app, 'shared', 5)), ...(await fail(second, 'shared', 5))]).toEqual(
      Array(10).fill('UNAUTHENTICATED'),
    );
    expect(await login(t.app, 'shared', PASSWORD)).toBe('FORBIDDEN');
    expect(await login(second, 'shared', PASSWORD)).toBe('FORBIDDEN');
  });

  it('clears the count when the password is right', async () => {
    expect(await fail(t.app, 'cleared', 9)).toEqual(Array(9).fill('UNAUTHENTICATED'));
    expect(await login(second, 'cleared', PASSWORD)).toBe('OK');
    expect(await fail(second, 'cleared', 9)).toEqual(Array(9).fill('UNAUTHENTICATED'));
    expect(await login(t.app, 'cleared', PASSWORD)).toBe('OK');
  });

  it('still limits, each process on its own, while Redis is down', async () => {
    const port = await freePort(); // nothing listens there once the probe is closed
    const offline = await TestApp.start({ QUEUE_PREFIX: prefix, REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      await offline.user('offline', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
      expect(await fail(offline.app, 'offline', 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      expect(await login(offline.app, 'offline', PASSWORD)).toBe('FORBIDDEN');
    } finally {
      await offline.stop();
    }
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
