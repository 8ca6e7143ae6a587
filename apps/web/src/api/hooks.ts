import { useCallback, useEffect, useRef, useState } from 'react';
import type { TadaDocumentNode } from 'gql.tada';
import { asApiError, gqlRequest, type ApiError } from './client';

export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again, keeping the current data on screen meanwhile. */
  reload(): void;
  /** Replaces the data locally, e.g. with what a mutation returned. */
  setData(update: (data: R) => R): void;
}

const prefetched = new Map<string, { promise: Promise<unknown>; at: number }>();

function prefetchKey(doc: object, variables: string): string {
  return `${(doc as { definitions?: { name?: { value?: string } }[] }).definitions?.[0]?.name?.value}:${variables}`;
}

/**
 * Starts a query before its page's code has arrived (the entry knows the route); the page's useQuery
 * picks the answer up instead of asking again. Used only where it pays: the matrix, the first page.
 */
export function prefetchQuery<R, V>(doc: TadaDocumentNode<R, V>, variables: V): void {
  const key = prefetchKey(doc, JSON.stringify(variables ?? {}));
  const promise = gqlRequest(doc, variables);
  promise.catch(() => undefined);
  prefetched.set(key, { promise, at: Date.now() });
}

function takePrefetched<R>(doc: object, variables: string): Promise<R> | undefined {
  const key = prefetchKey(doc, variables);
  const hit = prefetched.get(key);
  prefetched.delete(key);
  return hit && Date.now() - hit.at < 10_000 ? (hit.promise as Promise<R>) : undefined;
}

/** Runs a query when mounted and whenever its variables change. */
export function useQuery<R, V>(
  doc: TadaDocumentNode<R, V>,
  variables: V,
  options: { skip?: boolean } = {},
): QueryState<R> {
  const key = JSON.stringify(variables ?? {});
  const skip = options.skip ?? false;
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({ loading: !skip });

  useEffect(() => {
    if (skip) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    (takePrefetched<R>(doc, key) ?? gqlRequest(doc, JSON.parse(key) as V)).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error: asApiError(error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [doc, key, tick, skip]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback(
    (update: (data: R) => R) => setState((s) => (s.data === undefined ? s : { ...s, data: update(s.data) })),
    [],
  );
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}

/** A mutation with its own busy flag; the returned function throws ApiError. */
export function useMutation<R, V>(doc: TadaDocumentNode<R, V>): [(variables: V) => Promise<R>, boolean] {
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (variables: V) => {
      setBusy(true);
      try {
        return await gqlRequest(doc, variables);
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [doc],
  );
  return [run, busy];
}

export interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: N; cursor: string }[];
}

/**
 * A cursor-paged list (the `tasks` connection): the first page on mount or when `variables` change,
 * `more()` appends the next one.
 */
export function usePaged<R, V extends { after?: string | null }, N>(
  doc: TadaDocumentNode<R, V>,
  variables: Omit<V, 'after'>,
  pick: (data: R) => Connection<N>,
  options: { skip?: boolean } = {},
) {
  const key = JSON.stringify(variables);
  const [after, setAfter] = useState<string | null>(null);
  const [rows, setRows] = useState<N[]>([]);
  const [resetKey, setResetKey] = useState(key);
  if (resetKey !== key) {
    setResetKey(key);
    setAfter(null);
    setRows([]);
  }
  const q = useQuery(doc, { ...(JSON.parse(key) as object), after } as V, options);
  const page = q.data ? pick(q.data) : undefined;
  const [seen, setSeen] = useState<unknown>(undefined);
  if (page && seen !== page && !q.loading) {
    setSeen(page);
    setRows((prev) => (after === null ? page.edges.map((e) => e.node) : [...prev, ...page.edges.map((e) => e.node)]));
  }
  return {
    rows,
    totalCount: page?.totalCount ?? 0,
    hasMore: !!page?.pageInfo.hasNextPage,
    loading: q.loading,
    error: q.error,
    loaded: !!page,
    more: () => page?.pageInfo.endCursor && setAfter(page.pageInfo.endCursor),
    reload: () => {
      setAfter(null);
      q.reload();
    },
  };
}
