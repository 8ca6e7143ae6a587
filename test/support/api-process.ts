import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { repoPath } from '../../libs/common/src/index.js';
import { freePort } from './own-redis.js';
import { exited } from './worker-process.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP exchange on a connection of its own (no keep-alive): behind the API's cluster, each
 * request is then handed to the next worker in turn.
 */
export function httpCall(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A GraphQL POST with an operation name, as the console sends it. */
export function gqlCall(
  base: string,
  operationName: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return httpCall(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ operationName, query }),
  });
}

/** The API (apps/api/src/main.ts from the sources) as a child process; its output is kept for the test. */
export class ApiProcess {
  private output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(env: Record<string, string>, nodeArgs: string[] = []): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        repoPath('test', 'support', 'register-ts.mjs'),
        ...nodeArgs,
        repoPath('apps', 'api', 'src', 'main.ts'),
      ],
      { env: { ...process.env, LOG_LEVEL: 'info', API_WORKERS: '1', ...env, PORT: String(port) }, stdio: 'pipe' },
    );
    const api = new ApiProcess(child, port);
    // Compiling the sources for each cluster worker takes a while on a busy 2-core machine.
    const until = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`API exited before answering:\n${api.output}`);
      const health = await httpCall(`${api.url}/health`).catch(() => undefined);
      if (health?.status === 200) return api;
      if (Date.now() > until) {
        child.kill('SIGKILL');
        throw new Error(`API did not answer /health:\n${api.output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The JSON log lines written so far. */
  logLines(): Record<string, unknown>[] {
    return parseLogLines(this.output);
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await exited(this.child);
  }
}

export function parseLogLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The value of one series in Prometheus' text format, e.g. `x_count{operation="A",type="query"}`. */
export function seriesValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}
