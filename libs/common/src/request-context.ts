import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A caller's X-Request-Id is kept only when it is short and plain: it is written into every log line. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's id when acceptable, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && ACCEPTED_ID.test(given) ? given : randomUUID();
}

/**
 * Runs `work` as part of the request (or the job) `requestId`: every log line written meanwhile, in
 * services, SQL error handlers and the GraphQL error formatter alike, carries it (logger.ts), and
 * each job queued meanwhile takes it along.
 */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** The id of the request or job being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
