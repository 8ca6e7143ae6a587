import type { TadaDocumentNode } from 'gql.tada';
import { gqlRequest } from './client';

// No React here: boot.ts (which runs before React has even downloaded) starts requests through this
// module, and useQuery (api/hooks.ts) picks their answers up.

const prefetched = new Map<string, { promise: Promise<unknown>; at: number; answer?: { data: unknown } }>();
const FRESH_MS = 10_000;

function prefetchKey(doc: object, variables: string): string {
  return `${(doc as { definitions?: { name?: { value?: string } }[] }).definitions?.[0]?.name?.value}:${variables}`;
}

/**
 * Starts a query before its page's code has arrived (boot.ts and the entry know the route); the page's
 * useQuery takes the answer instead of asking again. Asking twice for the same query and variables while
 * the first answer is fresh reuses it.
 */
export function prefetchQuery<R, V>(doc: TadaDocumentNode<R, V>, variables: V): Promise<R> {
  const key = prefetchKey(doc, JSON.stringify(variables ?? {}));
  const hit = prefetched.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.promise as Promise<R>;
  const promise = gqlRequest(doc, variables);
  const entry: { promise: Promise<unknown>; at: number; answer?: { data: unknown } } = { promise, at: Date.now() };
  promise.then(
    (data) => (entry.answer = { data }),
    () => undefined,
  );
  prefetched.set(key, entry);
  return promise;
}

/** The prefetched answer for this query and variables (JSON), if fresh; each answer is taken once. */
export function takePrefetched<R>(doc: object, variables: string): Promise<R> | undefined {
  const key = prefetchKey(doc, variables);
  const hit = prefetched.get(key);
  prefetched.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? (hit.promise as Promise<R>) : undefined;
}

/** The prefetched answer if it has arrived already (a page can render it at once); taken once, too. */
export function takeAnswered<R>(doc: object, variables: string): { data: R } | undefined {
  const key = prefetchKey(doc, variables);
  const hit = prefetched.get(key);
  if (!hit?.answer || Date.now() - hit.at >= FRESH_MS) return undefined;
  prefetched.delete(key);
  return hit.answer as { data: R };
}
