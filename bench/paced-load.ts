// An open-loop load at a fixed rate: one request every 1000/rate ms whatever the responses do, each
// timed from when it was due to be sent, so a slow response cannot hide the ones queued behind it.
// autocannon's overallRate is not this: each connection sends its per-second quota back to back at the
// top of every second, which measures bursts of `connections` requests, not a steady stream.
import { Agent, request } from 'node:http';
import { percentile } from './support.js';

export interface PacedLoadOptions {
  url: string;
  rate: number;
  seconds: number;
  /** Keep-alive sockets the requests share. */
  sockets: number;
  headers: Record<string, string>;
  body: (i: number) => string;
}

export interface PacedLoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Failed connections, non-2xx answers and GraphQL errors. */
  errors: number;
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send(agent, options, options.body(i)).then(
        (ok) => {
          latencies.push(performance.now() - due);
          if (!ok) errors++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: total,
    rps: total / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    errors,
  };
}

function send(agent: Agent, options: PacedLoadOptions, body: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = request(
      options.url,
      { method: 'POST', agent, headers: { ...options.headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ok = res.statusCode === 200 && !Buffer.concat(chunks).toString().includes('"errors"');
          resolve(ok);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
