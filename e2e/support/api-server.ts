import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './paths.js';

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
}

/**
 * Starts the built API (`node apps/api/dist/main.js`) as an operator would, on a free port (PORT=0), and waits
 * for the line that says where it listens. The child is node itself, so its PID is the server's.
 */
export async function startApiProcess(options: StartOptions = {}): Promise<ApiProcess> {
  const env: Record<string, string> = {};
  // An `undefined` in options.env removes the variable (e.g. DATABASE_URL, to get the embedded database).
  for (const [key, value] of Object.entries({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const child = spawn(process.execPath, [`${repoRoot}apps/api/dist/main.js`], {
    cwd: options.cwd ?? repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not start within ${options.timeoutMs ?? 60_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    const onData = () => {
      const match = /hetsched API listening on (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the API exited before listening (code ${code}, signal ${signal})\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });

  return {
    url,
    origin: new URL(url).origin,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
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
