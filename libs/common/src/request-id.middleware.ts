import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom, runWithRequestId } from './request-context.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * First middleware of the API: takes the caller's X-Request-Id (a proxy's) or makes one, answers it in
 * the response header, and runs the rest of the request under it (request-context.ts).
 */
export function requestIds(req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void): void {
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  req.id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  runWithRequestId(id, next);
}
