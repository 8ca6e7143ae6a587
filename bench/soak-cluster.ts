// The processes of npm run bench:soak: its own redis-server (never the shared one), API processes and
// workers from dist/, and an SMTP sink that keeps every message by its luoshi delivery id.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { repoPath } from '@app/common';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags.js';
import { freePort } from './support.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// On a shared 2-core machine a Nest process can take a minute to start: the limits are generous.
async function until(what: string, probe: () => Promise<boolean>, seconds = 180): Promise<void> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(100)) if (await probe()) return;
  throw new Error(`${what} did not come up within ${seconds} s`);
}

/** redis-server on a free port, persisting like production (AOF, fsync each write) to a scratch directory. */
export class SoakRedis {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'luoshi-soak-redis-'));
  private constructor(readonly port: number) {}

  static async start(): Promise<SoakRedis> {
    const redis = new SoakRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async up(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    this.child = spawn('redis-server', [...args, '--appendonly', 'yes', '--appendfsync', 'always'], {
      stdio: 'ignore',
    });
    await until('redis-server', async () => {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    });
  }

  private async down(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  /** A restart as an operator does one: SIGTERM (the AOF is flushed), a pause, the same data directory. */
  async restart(pauseMs: number): Promise<void> {
    await this.down();
    await sleep(pauseMs);
    await this.up();
  }

  async remove(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One luoshi process (API or worker) that can be killed and started again with the same settings. */
export class SoakProcess {
  private child?: ChildProcess;
  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly ready: (child: ChildProcess) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, this.args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Keep the pipes drained; only fatal lines are shown (LOG_LEVEL keeps the rest quiet).
    this.child.stderr!.on('data', (c: Buffer) => process.stderr.write(`[${this.name}] ${c.toString()}`));
    let tail = '';
    this.child.stdout!.on('data', (c: Buffer) => (tail = (tail + c.toString()).slice(-4000)));
    this.child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM')
        console.error(`[${this.name}] exited (${code ?? signal}):\n${tail}`);
    });
    await this.ready(this.child);
  }

  /** SIGKILL: no shutdown hook runs, in-flight requests and jobs are cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => (clearTimeout(hard), resolve()));
      child.kill('SIGTERM');
    });
  }
}

/** A single-process API (API_WORKERS=1), so a SIGKILL takes down exactly what a load balancer sends to. */
export async function apiProcess(name: string, env: NodeJS.ProcessEnv): Promise<SoakProcess & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = new SoakProcess(
    name,
    [...API_NODE_FLAGS, repoPath('dist', 'apps', 'api', 'src', 'main.js')],
    { ...env, PORT: String(port), API_WORKERS: '1' },
    (child) =>
      until(name, async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
        return fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        );
      }),
  );
  return Object.assign(api, { url });
}

export function workerProcess(name: string, env: NodeJS.ProcessEnv): SoakProcess {
  return new SoakProcess(name, [repoPath('dist', 'apps', 'worker', 'src', 'main.js')], env, (child) => {
    let output = '';
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 180_000);
      child.stdout!.on('data', (c: Buffer) => {
        output = (output + c.toString()).slice(-10_000);
        if (output.includes('luoshi worker started')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}):\n${output}`)));
    });
  });
}

/** An SMTP server keeping, per luoshi delivery id (X-Luoshi-Delivery), how many messages carried it. */
export async function smtpSink(): Promise<{ url: string; received: Map<string, number>; stop: () => Promise<void> }> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const id = /^X-Luoshi-Delivery:\s*(\S+)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? 'unmarked';
        received.set(id, (received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
