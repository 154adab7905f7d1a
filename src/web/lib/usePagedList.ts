import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';

/**
 * A cursor-paginated list: the first page of `path` (a query string may be in
 * it), then `loadMore()` appends the next. A new `path` starts again.
 */
export function usePagedList<T>(path: string | null) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  const fetchPage = useCallback(
    async (after: string | null): Promise<Page<T>> => {
      const joiner = path?.includes('?') ? '&' : '?';
      const more = after ? `${joiner}cursor=${encodeURIComponent(after)}` : '';
      return api<Page<T>>('GET', `${path}${more}`);
    },
    [path],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    fetchPage(null)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => {
        if (live) setError(e);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [fetchPage, tick]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(cursor);
      setItems((old) => [...old, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [cursor, fetchPage]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, setItems, hasMore: cursor !== null, loadMore, error, loading, reload };
}
