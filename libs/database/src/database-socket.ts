import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian/Ubuntu packages and PostgreSQL's own build put the socket. */
const SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * DATABASE_URL turned to the server's Unix socket when `setting` says so (DB_SOCKET). Each query's
 * write to a loopback TCP socket took 16 % of an API process's CPU on the task page (writev under
 * pg's Query.submit in a --cpu-prof); the Unix socket skips the TCP stack. `auto` takes the socket
 * only when the URL names this machine, the socket file exists and a connection through it is
 * accepted — a server whose pg_hba.conf has `peer` for local connections keeps the URL as it is.
 * A URL that already names its host in `?host=` is left alone.
 */
export async function databaseUrlOverSocket(url: string, setting: string): Promise<string> {
  const parsed = new URL(url);
  if (setting === 'off' || parsed.searchParams.has('host')) return url;
  const port = parsed.port || '5432';
  if (setting !== 'auto') return withHost(parsed, setting);
  if (!LOCAL_HOSTS.includes(parsed.hostname)) return url;
  const dir = SOCKET_DIRS.find((d) => existsSync(join(d, `.s.PGSQL.${port}`)));
  if (!dir) return url;
  const candidate = withHost(parsed, dir);
  const probe = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    return candidate;
  } catch {
    return url;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

function withHost(parsed: URL, dir: string): string {
  const copy = new URL(parsed);
  copy.searchParams.set('host', dir);
  return copy.toString();
}
