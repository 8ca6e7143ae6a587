import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '@app/common';

// A label per path would let any caller grow the series without bound: the routes we serve, else "other".
const ROUTES = ['/graphql', '/health', '/exports', '/admin/queues', '/public', '/files', '/assets'];

/** `http_request_duration_seconds` by method, route and status class, for every request of the API. */
export function httpMetrics(metrics: Metrics) {
  const histogram = metrics.histogram('http_request_duration_seconds', 'HTTP requests of the API', [
    'method',
    'route',
    'status',
  ]);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const end = histogram.startTimer();
    // Read now: Express's mounted middleware rewrites req.url while it runs.
    const path = (req.url ?? '/').split('?')[0]!;
    const route = ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? (path === '/' ? '/' : 'other');
    res.once('finish', () =>
      end({ method: req.method ?? 'GET', route, status: `${Math.floor(res.statusCode / 100)}xx` }),
    );
    next();
  };
}
