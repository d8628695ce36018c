import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql.js';
import type { Issue } from '../lib/issues.js';
import { storedToken } from '../app/session.js';

/** One GraphQL error as the API sends it (docs/api.md#errors). */
export interface ApiErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; issues?: Issue[]; issueCount?: number; field?: string } & Record<string, unknown>;
}

/** A request that failed: GraphQL errors (with their codes and issues) or a network fault. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly errors: ApiErrorShape[],
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  /** Every issue of a BAD_USER_INPUT error (`extensions.issues`). */
  get issues(): Issue[] {
    return this.errors.flatMap((e) => e.extensions?.issues ?? []);
  }
}

/** Called when the API answers UNAUTHENTICATED: the token is gone or revoked, so the console signs out. */
let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** A typed query or mutation over HTTP (POST /graphql) with this tab's token, or `token` when given (sign-in). */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
  token: string | null = storedToken(),
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (error) {
    throw new ApiError(`the API cannot be reached: ${(error as Error).message}`, [], 0);
  }
  const text = await response.text();
  // The moment the whole answer is here: benchmarks measure from it to the first frame of a page (web-bench.mjs).
  performance.mark(`response:${operationName(document.toString())}`);
  const body = parseBody<TResult>(text);
  if (body.errors?.length) {
    const error = new ApiError(body.errors.map((e) => e.message).join('; '), body.errors, response.status);
    if (error.code === 'UNAUTHENTICATED' && token === storedToken()) onUnauthenticated();
    throw error;
  }
  if (!body.data) throw new ApiError(`the API answered HTTP ${response.status} without data`, [], response.status);
  return body.data;
}

function parseBody<TResult>(text: string): { data?: TResult | null; errors?: ApiErrorShape[] } {
  try {
    return JSON.parse(text) as { data?: TResult | null; errors?: ApiErrorShape[] };
  } catch {
    return {};
  }
}

function operationName(query: string): string {
  return /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
}

let socket: Client | undefined;

/**
 * One graphql-ws client per tab on ws(s)://<this host>/graphql, authenticated with the token in connectionParams.
 * It reconnects by itself (with back-off) and then re-sends each active subscription as it was first sent.
 */
function socketClient(): Client {
  socket ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => ({ authorization: `Bearer ${storedToken() ?? ''}` }),
    lazy: true,
    retryAttempts: 20,
    shouldRetry: () => true,
  });
  return socket;
}

/** Closes the socket (sign-out: the next subscription connects with the new token). */
export function resetSocket(): void {
  void socket?.dispose();
  socket = undefined;
}

export interface SubscriptionHandlers<TResult> {
  next(data: TResult): void;
  error?(error: ApiError): void;
  complete?(): void;
}

/** A typed subscription; returns the function that ends it. */
export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  handlers: SubscriptionHandlers<TResult>,
): () => void {
  return socketClient().subscribe<TResult>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.errors?.length) handlers.error?.(new ApiError(result.errors.map((e) => e.message).join('; '), result.errors as ApiErrorShape[], 200));
        else if (result.data) handlers.next(result.data as TResult);
      },
      error: (error) => handlers.error?.(new ApiError(describeSocketError(error), [], 0)),
      complete: () => handlers.complete?.(),
    },
  );
}

function describeSocketError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return (error as { message: string }[]).map((e) => e.message).join('; ');
  if (typeof error === 'object' && error !== null && 'code' in error) return `the subscription socket closed (${String((error as CloseEvent).code)} ${(error as CloseEvent).reason})`;
  return 'the subscription failed';
}
