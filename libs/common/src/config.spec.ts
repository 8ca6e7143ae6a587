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
    [{ NODE_ENV: 'production' }, /^Invalid environment: JWT_SECRET is required in production$/],
    [{ LUOSHI_ADMIN_PASSWORD: 'x' }, /^Invalid environment: LUOSHI_ADMIN_PASSWORD must be at least 8 characters$/],
    [{ LUOSHI_DEMO: 'yes' }, /^Invalid environment: LUOSHI_DEMO must be 0 or 1 \(got "yes"\)$/],
  ])('names the variable in one line: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('never echoes a secret', () => {
    expect(() => parseConfig({ JWT_SECRET: 'tiny-secret' })).toThrow(/^((?!tiny-secret).)*$/);
  });
});
