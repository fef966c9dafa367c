/** Keyset-paged lists (`{ <key>: [...], next }`): the first page on a new query, "load more" after it. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type Query } from './api.js';

/** A paged list's state. */
export interface PagedList<T> {
  rows: T[];
  loading: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** Paging options: the cursor parameter's name, and a number whose change reloads from the first page. */
export interface PagedOptions {
  cursor?: string;
  version?: number;
}

/** Loads `path` with `query`, reading the list under `key`. */
export function usePaged<T>(path: string, key: string, query: Query, options: PagedOptions = {}): PagedList<T> {
  const cursor = options.cursor ?? 'after';
  // Rows remember the query they answer: rows of another query never show while the new one loads
  // (a click on them would open the wrong record).
  const [page, setPage] = useState<{ of: string; rows: T[] }>({ of: '', rows: [] });
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const queryKey = JSON.stringify([path, query]);

  const fetchPage = useCallback(
    async (after: string | null, append: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const answer = await api<Record<string, unknown>>(path, {
          query: { ...(JSON.parse(queryKey) as [string, Query])[1], ...(after !== null ? { [cursor]: after } : {}) },
        });
        if (mine !== generation.current) return;
        const list = (answer[key] ?? []) as T[];
        setPage((old) => ({ of: queryKey, rows: append && old.of === queryKey ? [...old.rows, ...list] : list }));
        setNext(typeof answer.next === 'string' ? answer.next : null);
        setError(undefined);
      } catch (e) {
        if (mine !== generation.current) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [path, key, queryKey, cursor],
  );

  useEffect(() => void fetchPage(null, false), [fetchPage, tick, options.version]);
  const current = page.of === queryKey;
  return {
    rows: current ? page.rows : [],
    loading,
    error,
    hasMore: current && next !== null,
    loadMore: () => void fetchPage(next, true),
    reload: () => setTick((t) => t + 1),
  };
}
