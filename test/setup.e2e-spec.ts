import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import pg from 'pg';
import { demoAccounts } from '../apps/cli/src/demo-accounts.js';
import { SETUP_NEEDS_ADMIN_PASSWORD, setupCommand } from '../apps/cli/src/setup-command.js';
import { DEMO_ACCOUNTS_SKIPPED, migrateCommand, runSeed, startSeedOptions } from '../apps/cli/src/start-command.js';
import { parseConfig, repoPath } from '../libs/common/src/index.js';
import { loadRegistryFiles } from '../libs/importer/src/index.js';
import { ADMIN_URL } from './support/database-url.js';

const ADMIN_PASSWORD = 'setup-admin-password-1';

/** A database name of this run that does not exist yet: setup creates it. */
function freshDatabaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${process.env.LUOSHI_TEST_RUN ?? 'luoshi_test_adhoc'}_setup_${randomBytes(3).toString('hex')}`;
  return url.toString();
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const databaseExists = async (url: string) =>
  (await query(ADMIN_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)])).length > 0;
const usernames = async (url: string) =>
  (await query<{ username: string }>(url, 'SELECT username FROM app_user')).map((r) => r.username).sort();

/** Collects what a command prints. */
function recorder() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { lines, out: { log: (l: string) => lines.log.push(l), error: (l: string) => lines.error.push(l) } };
}

describe('npm run setup', () => {
  const databases: string[] = [];
  const config = (env: Record<string, string>) => {
    const url = freshDatabaseUrl();
    databases.push(url);
    return parseConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: url, ...env });
  };
  afterAll(async () => {
    for (const url of databases)
      await query(
        ADMIN_URL,
        `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(url).pathname.slice(1))} WITH (FORCE)`,
      );
  });

  it('without LUOSHI_ADMIN_PASSWORD says so in one line, exits 78 and touches nothing', async () => {
    const c = parseConfig({ ...process.env, LUOSHI_ADMIN_PASSWORD: '', DATABASE_URL: freshDatabaseUrl() });
    const { lines, out } = recorder();
    expect(await setupCommand(c, out)).toBe(78);
    expect(lines).toEqual({ log: [], error: [SETUP_NEEDS_ADMIN_PASSWORD] });
    expect(await databaseExists(c.DATABASE_URL)).toBe(false);
  });

  it('creates the database, migrates, loads the registry and creates admin — no plans, no demo accounts', async () => {
    const c = config({ LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const { lines, out } = recorder();
    expect(await setupCommand(c, out)).toBe(0);
    expect(lines.error).toEqual([]);

    expect(await usernames(c.DATABASE_URL)).toEqual(['admin']);
    const [admin] = await query<{ role: string; active: boolean; password_hash: string }>(
      c.DATABASE_URL,
      `SELECT role, active, password_hash FROM app_user WHERE username = 'admin'`,
    );
    expect(admin).toMatchObject({ role: 'ADMIN', active: true });
    expect(await argon2.verify(admin!.password_hash, ADMIN_PASSWORD)).toBe(true);
    const [{ plans }] = await query<{ plans: number }>(c.DATABASE_URL, 'SELECT count(*)::int AS plans FROM plan');
    expect(plans).toBe(0);
    const [{ jurisdictions }] = await query<{ jurisdictions: number }>(
      c.DATABASE_URL,
      'SELECT count(*)::int AS jurisdictions FROM jurisdiction',
    );
    expect(jurisdictions).toBe(loadRegistryFiles(repoPath('seeds', 'registry')).jurisdictions.length);

    // Again, with another password: nothing new, and the admin's password is not replaced.
    const again = config({ LUOSHI_ADMIN_PASSWORD: 'another-password-2' });
    expect(await setupCommand({ ...again, DATABASE_URL: c.DATABASE_URL }, recorder().out)).toBe(0);
    expect(await usernames(c.DATABASE_URL)).toEqual(['admin']);
    const [after] = await query<{ password_hash: string }>(
      c.DATABASE_URL,
      `SELECT password_hash FROM app_user WHERE username = 'admin'`,
    );
    expect(after!.password_hash).toBe(admin!.password_hash);
  });
});

describe('demo accounts at npm start', () => {
  const base = { ...process.env, JWT_SECRET: 'a-production-secret-of-at-least-32-chars' };

  it('are not created in production, and start-up says so in one line', () => {
    const { options, notice } = startSeedOptions(parseConfig({ ...base, NODE_ENV: 'production' }), {});
    expect(options).toMatchObject({ plans: true, demoPassword: null });
    expect(notice).toBe(DEMO_ACCOUNTS_SKIPPED);
  });

  it('are created in production with LUOSHI_DEMO=1, and elsewhere always', () => {
    for (const env of [{ NODE_ENV: 'production', LUOSHI_DEMO: '1' }, { NODE_ENV: 'development' }]) {
      const { options, notice } = startSeedOptions(parseConfig({ ...base, ...env }), {});
      expect([env, options.demoPassword, notice]).toEqual([env, 'luoshi-demo', null]);
    }
    const custom = startSeedOptions(parseConfig({ ...base, NODE_ENV: 'test' }), { LUOSHI_DEMO_PASSWORD: 'other-demo' });
    expect(custom.options.demoPassword).toBe('other-demo');
  });

  it('the seed honours it: none in production, all of them with LUOSHI_DEMO=1', async () => {
    const url = freshDatabaseUrl();
    try {
      const seed = async (env: Record<string, string>) => {
        const c = parseConfig({ ...base, LOG_LEVEL: 'silent', DATABASE_URL: url, LUOSHI_ADMIN_PASSWORD: '', ...env });
        await migrateCommand(c);
        // The seed plans are left out to keep the test short; the accounts are what is decided here.
        await runSeed(c, { ...startSeedOptions(c, {}).options, plans: false });
      };
      await seed({ NODE_ENV: 'production' });
      expect(await usernames(url)).toEqual([]);
      await seed({ NODE_ENV: 'production', LUOSHI_DEMO: '1' });
      const expected = demoAccounts(new Map()).map((a) => a.username);
      expect(await usernames(url)).toEqual(expected.sort());
      // People read the department's name, never a function code such as HEALTH.
      const liaisons = await query<{ username: string; display_name: string; name: string }>(
        url,
        `SELECT u.username, u.display_name, d.name FROM app_user u JOIN department d ON d.id = u.department_id
         WHERE u.role = 'LIAISON' ORDER BY u.username`,
      );
      expect(liaisons.length).toBe(8);
      for (const l of liaisons) expect([l.username, l.display_name]).toEqual([l.username, `${l.name}联络员`]);
      expect(liaisons.find((l) => l.username === 'tengzhou.health')?.display_name).toMatch(/^滕州市.*联络员$/);
    } finally {
      await query(
        ADMIN_URL,
        `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(url).pathname.slice(1))} WITH (FORCE)`,
      );
    }
  });
});
