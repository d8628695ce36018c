import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import { appendPage, emptyList, type Edge, type PagedList } from '../lib/cursor-merge.js';
import { ApiError, request } from './client.js';

export const PAGE_SIZE = 25;

interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

export interface PagedState<T extends { id: string }> {
  list: PagedList<T>;
  loading: boolean;
  error: ApiError | undefined;
  loadMore(): void;
  reload(): void;
  /** Replace the list (live updates). */
  setList(update: (list: PagedList<T>) => PagedList<T>): void;
}

/**
 * A keyset-paged list: the first page when the filter changes, then `loadMore` appends the page after the last
 * cursor (lib/cursor-merge's appendPage: a row seen again is shown once). Rows that arrive meanwhile do not
 * disturb the pages: keyset cursors continue after the last row shown, whatever was inserted before it.
 */
export function usePaged<T extends { id: string }, TResult, TVariables extends { first: number; after?: string | null }>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: Omit<TVariables, 'first' | 'after'>,
  select: (data: TResult) => Connection<T>,
  pageSize = PAGE_SIZE,
): PagedState<T> {
  const [list, setList] = useState<PagedList<T>>(emptyList);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>();
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const ticket = useRef(0);
  const selectRef = useRef(select);
  selectRef.current = select;

  const fetchPage = useCallback(
    async (after: string | null, base: PagedList<T>, current: number) => {
      setLoading(true);
      try {
        const data = await request(document, { ...(JSON.parse(key) as object), first: pageSize, after } as TVariables);
        if (current !== ticket.current) return;
        const connection = selectRef.current(data);
        setList(appendPage(base, { edges: connection.edges, pageInfo: { endCursor: connection.pageInfo.endCursor ?? null, hasNextPage: connection.pageInfo.hasNextPage } }));
        setError(undefined);
      } catch (failure) {
        if (current === ticket.current) setError(failure as ApiError);
      } finally {
        if (current === ticket.current) setLoading(false);
      }
    },
    [document, key, pageSize],
  );

  useEffect(() => {
    const current = ++ticket.current;
    setList(emptyList());
    void fetchPage(null, emptyList(), current);
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    setList((shown) => {
      void fetchPage(shown.endCursor, shown, ticket.current);
      return shown;
    });
  }, [fetchPage]);

  return { list, loading, error, loadMore, reload: () => setGeneration((g) => g + 1), setList };
}
