import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config.js';

export interface MetricsSource {
  /** The exposition text (one process's registry, or the API primary's aggregate of its workers). */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** The worker's /health: 200 when it answers `ok`, 503 otherwise. */
  health?(): Promise<{ status: string }>;
}

/**
 * The separate listener for Prometheus on METRICS_PORT, bound to METRICS_HOST (loopback unless set):
 * scrapes never share the API's port, its limits or its logs. With METRICS_TOKEN set, /metrics wants
 * `Authorization: Bearer <token>` (config refuses a non-loopback METRICS_HOST without one).
 */
export async function serveMetrics(
  config: AppConfig,
  source: MetricsSource,
  port = config.METRICS_PORT,
): Promise<Server> {
  const server = createServer((req, res) => {
    answer(config, source, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, config.METRICS_HOST, () => resolve());
  });
  return server;
}

/** The port a server listens on (tests ask for port 0). */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function answer(config: AppConfig, source: MetricsSource, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET') return send(res, 405, 'method not allowed');
  if (path === '/health' && source.health) {
    const report = await source.health();
    res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(report));
  }
  if (path !== '/metrics') return send(res, 404, 'not found');
  if (config.METRICS_TOKEN && !bearerMatches(req.headers.authorization, config.METRICS_TOKEN)) {
    res.setHeader('www-authenticate', 'Bearer');
    return send(res, 401, 'unauthorized');
  }
  const { contentType, body } = await source.metrics();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
