import pg from 'pg';
// Inlined: global hooks are loaded as CommonJS, without the suite's module mapping.
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown(): Promise<void> {
  failIfAnythingKeepsRunning();
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

/**
 * Jest runs without --forceExit, so a test that leaves a server, socket or child process behind
 * would hang the run. Instead the run fails, naming what is still open.
 */
function failIfAnythingKeepsRunning(): void {
  setTimeout(() => {
    console.error('Jest finished but these still keep Node running:', process.getActiveResourcesInfo());
    for (const handle of (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles()) {
      console.error(' ', describeHandle(handle));
    }
    process.exit(1);
  }, 15_000).unref();
}

function describeHandle(handle: object): string {
  const h = handle as Record<string, unknown>;
  const kind = handle.constructor?.name ?? typeof handle;
  if (kind === 'ChildProcess') return `child process ${(h.spawnargs as string[]).join(' ')} (pid ${String(h.pid)})`;
  if (kind === 'Socket') return `socket ${String(h.localPort)} -> ${String(h.remoteAddress)}:${String(h.remotePort)}`;
  if (kind === 'Server') return `server ${JSON.stringify((handle as { address(): unknown }).address())}`;
  return kind;
}
