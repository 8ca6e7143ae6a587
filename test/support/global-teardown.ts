import pg from 'pg';
// Inlined: global hooks are loaded as CommonJS, without the suite's module mapping.
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown(): Promise<void> {
  const run = process.env.LUOSHI_TEST_RUN;
  if (!run?.startsWith('luoshi_test_')) return;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const left = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
    `${run}%`,
  ]);
  for (const { datname } of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
}
