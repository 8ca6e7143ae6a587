import { useCallback, useEffect, useRef, useState } from 'react';
import type { TadaDocumentNode } from 'gql.tada';
import { asApiError, gqlRequest, type ApiError } from './client';
import { takeAnswered, takePrefetched } from './prefetch';

export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again, keeping the current data on screen meanwhile. */
  reload(): void;
  /** Replaces the data locally, e.g. with what a mutation returned. */
  setData(update: (data: R) => R): void;
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
  // A prefetched answer already in (boot.ts asked while the page's code loaded): the first render shows it.
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>(() => {
    const answered = skip ? undefined : takeAnswered<R>(doc, key);
    return answered ? { data: answered.data, loading: false } : { loading: !skip };
  });
  const seeded = useRef(!skip && !state.loading ? key : null);

  useEffect(() => {
    if (skip) {
      setState({ loading: false });
      return;
    }
    if (seeded.current === key) {
      seeded.current = null;
      return;
    }
    seeded.current = null;
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
