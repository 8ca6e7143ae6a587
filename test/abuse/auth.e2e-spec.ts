import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { UserRole } from '../../libs/auth/src/index.js';
import { ADDRESS_ATTEMPTS, MAX_PASSWORD_CHECKS } from '../../libs/auth/src/login-rate-limiter.js';
import { codeOf, PASSWORD, TestApp, type GqlResult } from '../support/test-app.js';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

/** A login sent as from `forwardedFor` (X-Forwarded-For), answered with its code or 'OK'. */
async function login(t: TestApp, username: string, password: string, forwardedFor?: string): Promise<GqlResult> {
  const req = t.http().post('/graphql').set('content-type', 'application/json');
  if (forwardedFor) req.set('x-forwarded-for', forwardedFor);
  const res = await req.send({ query: LOGIN, variables: { u: username, p: password } });
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}

const outcome = (res: GqlResult) => (res.data?.login ? 'OK' : codeOf(res));

// Each app has a Redis key prefix of its own, so its failed logins count for nobody else.
const prefix = () => `abuse_auth_${randomBytes(3).toString('hex')}`;

describe('abuse: logins, behind no proxy (TRUST_PROXY off)', () => {
  const queuePrefix = prefix();
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: queuePrefix });
    for (const name of ['aliased', 'fragmented', 'forwarded'])
      await t.user(name, UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
  });
  afterAll(() => t.stop());

  it('refuses more than one login in an operation before checking any password', async () => {
    const aliases = Array.from(
      { length: 12 },
      (_, i) => `a${i}: login(username: "aliased", password: "wrong") { token }`,
    );
    const started = Date.now();
    const res = await t.gql(`mutation { ${aliases.join(' ')} }`);
    expect(Date.now() - started).toBeLessThan(1000); // twelve checks would take over 3 s
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/one login/);
    // Twelve failures would have locked the account (10 a minute): none was counted.
    expect(outcome(await login(t, 'aliased', PASSWORD))).toBe('OK');
  });

  it('counts logins inside fragments too', async () => {
    const res = await t.gql(`mutation { ...Twice } fragment Twice on Mutation {
      a: login(username: "fragmented", password: "wrong") { token } b: login(username: "fragmented", password: "x") { token } }`);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(outcome(await login(t, 'fragmented', PASSWORD))).toBe('OK');
  });

  it('ignores X-Forwarded-For: ten failures lock the account whatever address they claim', async () => {
    for (let i = 0; i < 10; i++)
      expect(outcome(await login(t, 'forwarded', 'wrong-password', `10.1.0.${i}`))).toBe('UNAUTHENTICATED');
    const limited = await login(t, 'forwarded', PASSWORD, '10.1.0.99');
    expect(codeOf(limited)).toBe('FORBIDDEN');
    expect(limited.errors![0]!.extensions!.reason).toBe('RATE_LIMITED');
  });

  it('checks the username’s shape before it becomes a Redis key', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      for (const username of ['x', 'a'.repeat(65), 'evil|name', 'evil:*', '用户', 'a b'])
        expect(codeOf(await login(t, username, 'wrong-password'))).toBe('BAD_USER_INPUT');
      expect(await redis.keys(`${queuePrefix}:*evil*`)).toEqual([]);
      expect(await redis.keys(`${queuePrefix}:*aaaaaaaaaa*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});

describe('abuse: logins behind a proxy (TRUST_PROXY=loopback)', () => {
  const queuePrefix = prefix();
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: queuePrefix, TRUST_PROXY: 'loopback' });
    for (const name of ['proxied', 'sprayed']) await t.user(name, UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
  });
  afterAll(async () => {
    redis.disconnect();
    await t.stop();
  });

  it('counts failures per forwarded address: one client’s guessing does not lock the account for another', async () => {
    for (let i = 0; i < 10; i++)
      expect(outcome(await login(t, 'proxied', 'wrong-password', '10.2.0.1'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(t, 'proxied', PASSWORD, '10.2.0.1'))).toBe('FORBIDDEN');
    expect(outcome(await login(t, 'proxied', PASSWORD, '10.2.0.2'))).toBe('OK');
  });

  it(`refuses an address after ${ADDRESS_ATTEMPTS} failures across usernames`, async () => {
    // The first failures, as the limiter counts them (argon2 takes up to a second a check on a busy machine).
    await redis.set(`${queuePrefix}:login-failures-address:10.3.0.1`, ADDRESS_ATTEMPTS - 3, 'EX', 600);
    for (const username of ['nobody-1', 'nobody-2', 'sprayed'])
      expect(outcome(await login(t, username, 'guess', '10.3.0.1'))).toBe('UNAUTHENTICATED');
    const limited = await login(t, 'sprayed', PASSWORD, '10.3.0.1');
    expect(codeOf(limited)).toBe('FORBIDDEN');
    expect(limited.errors![0]!.extensions!.reason).toBe('RATE_LIMITED');
    expect(outcome(await login(t, 'sprayed', PASSWORD, '10.3.0.2'))).toBe('OK');
  });

  it(`checks at most ${MAX_PASSWORD_CHECKS} passwords at once and refuses the rest at once`, async () => {
    const burst = 3 * MAX_PASSWORD_CHECKS;
    const answers = await Promise.all(
      Array.from({ length: burst }, async (_, i) => {
        const started = Date.now();
        const res = await login(t, `burst-${i}`, 'guess', `10.4.${i}.1`);
        return { res, ms: Date.now() - started };
      }),
    );
    const busy = answers.filter(({ res }) => res.errors?.[0]?.extensions?.reason === 'BUSY');
    const checked = answers.filter(({ res }) => codeOf(res) === 'UNAUTHENTICATED');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length + checked.length).toBe(burst);
    expect(busy.every(({ res }) => codeOf(res) === 'FORBIDDEN')).toBe(true);
    // A refusal does not wait for the checks before it.
    const slowestCheck = Math.max(...checked.map((a) => a.ms));
    expect(Math.min(...busy.map((a) => a.ms))).toBeLessThan(slowestCheck);
  }, 30_000);
});
