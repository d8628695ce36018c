import type { ChildProcess } from 'node:child_process';
import { startAppProcess } from './app-process.js';

export interface ApiProcess {
  /** The GraphQL endpoint the server printed. */
  url: string;
  origin: string;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM to the server's own PID (not a wrapper), then its exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** How long to wait for "listening on"; the embedded PostgreSQL's first start takes a few seconds. */
  timeoutMs?: number;
  /** Node flags before the script (`node --max-old-space-size=4096 apps/api/dist/main.js`). */
  nodeFlags?: readonly string[];
}

/**
 * Starts the built API (`node apps/api/dist/main.js`) as an operator would, on a free port (PORT=0), and waits
 * for the line that says where it listens. The child is node itself, so its PID is the server's.
 */
export async function startApiProcess(options: StartOptions = {}): Promise<ApiProcess> {
  const app = await startAppProcess({
    script: 'apps/api/dist/main.js',
    name: 'the API',
    readyLine: /hetsched API listening on (\S+)/,
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
  });
  return { ...app, url: app.ready, origin: new URL(app.ready).origin };
}

export interface GraphQLResult<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POSTs a GraphQL request as any HTTP client would. */
export async function graphqlRequest<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = null,
): Promise<GraphQLResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

export function dataOf<TData>(result: GraphQLResult<TData>): TData {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data;
}
