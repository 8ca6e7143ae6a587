import { parseConfig } from './config.js';

describe('parseConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/luoshi',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      NODE_ENV: 'development',
    });
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(config.LUOSHI_DEMO).toBe(false);
    expect(parseConfig({ LUOSHI_DEMO: '1' }).LUOSHI_DEMO).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid environment: PORT .*\(got "eighty"\)$/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid environment: DATABASE_URL must be a postgres:\/\/ URL/],
    [{ REDIS_URL: 'localhost:6379' }, /^Invalid environment: REDIS_URL must be a redis:\/\/ URL/],
    [{ JWT_SECRET: 'short' }, /^Invalid environment: JWT_SECRET must be at least 32 characters$/],
    [{ NODE_ENV: 'production' }, /^Invalid environment: JWT_SECRET is required when NODE_ENV is production/],
    [{ NODE_ENV: 'staging' }, /^Invalid environment: JWT_SECRET is required when NODE_ENV is staging/],
    [{ TRUST_PROXY: 'every proxy!' }, /^Invalid environment: TRUST_PROXY must be a hop count/],
    [{ LUOSHI_ADMIN_PASSWORD: 'x' }, /^Invalid environment: LUOSHI_ADMIN_PASSWORD must be at least 8 characters$/],
    [{ LUOSHI_DEMO: 'yes' }, /^Invalid environment: LUOSHI_DEMO must be 0 or 1 \(got "yes"\)$/],
  ])('names the variable in one line: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('uses the development JWT secret only in development and test', () => {
    expect(parseConfig({ NODE_ENV: 'test' }).JWT_SECRET).toBe(parseConfig({}).JWT_SECRET);
    const secret = 'x'.repeat(32);
    expect(parseConfig({ NODE_ENV: 'staging', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });

  it.each([
    ['a hop count', '1', 1],
    ['loopback', 'loopback', 'loopback'],
    ['off', 'false', false],
  ])('reads TRUST_PROXY as Express takes it: %s', (_, value, expected) => {
    expect(parseConfig({ TRUST_PROXY: value }).TRUST_PROXY).toBe(expected);
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
  });

  it.each([
    ['DATABASE_URL', 'mysql://luoshi:hunter2-pw@db.example:5432/luoshi'],
    ['DATABASE_URL', 'postgres://luoshi:hunter2-pw@db.example:99999/luoshi'],
    ['REDIS_URL', 'redis://:hunter2-pw@cache.example:notaport'],
    ['SMTP_URL', 'smtp://mailer:hunter2@pw@mail.example:587x'],
  ])('reports a bad %s without its password', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`^Invalid environment: ${name} `));
    expect(() => parseConfig({ [name]: value })).toThrow(/^((?!hunter2|pw@).)*$/);
  });

  it('never echoes a secret', () => {
    expect(() => parseConfig({ JWT_SECRET: 'tiny-secret' })).toThrow(/^((?!tiny-secret).)*$/);
  });
});
