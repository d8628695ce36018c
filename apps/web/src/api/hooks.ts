import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import { ApiError, request } from './client.js';

export interface QueryState<TResult> {
  data?: TResult | undefined;
  error?: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Runs a query when the component mounts and whenever its variables change (compared as JSON); an answer to an
 * older request that arrives late is ignored. `skip` holds the query back (e.g. until an id is known).
 */
export function useQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, options: { skip?: boolean } = {}): QueryState<TResult> {
  const [state, setState] = useState<{ data?: TResult; error?: ApiError; loading: boolean }>({ loading: !options.skip });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(0);
  useEffect(() => {
    if (options.skip) return;
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    request(document, JSON.parse(key) as TVariables).then(
      (data) => ticket === latest.current && setState({ data, loading: false }),
      (error: ApiError) => ticket === latest.current && setState({ error, loading: false }),
    );
  }, [document, key, generation, options.skip]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export interface MutationState<TResult, TVariables> {
  run(variables: TVariables): Promise<TResult | undefined>;
  busy: boolean;
  error: ApiError | undefined;
  reset(): void;
}

/** A mutation with its busy flag and last error; `run` resolves to undefined when it failed (the error is kept). */
export function useMutation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): MutationState<TResult, TVariables> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(
    async (variables: TVariables) => {
      setBusy(true);
      setError(undefined);
      try {
        return await request(document, variables);
      } catch (failure) {
        setError(failure instanceof ApiError ? failure : new ApiError(String(failure), [], 0));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [document],
  );
  return { run, busy, error, reset: () => setError(undefined) };
}
