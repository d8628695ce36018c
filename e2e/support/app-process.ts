import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './paths.js';

export interface AppProcess {
  child: ChildProcess;
  /** The first capture group of the readiness line (the URL, the worker id). */
  ready: string;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** A signal to the app's own PID (the child is node itself, not a wrapper), then its exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface AppProcessOptions {
  /** Built entry point, relative to the repository root, e.g. `apps/api/dist/main.js`. */
  script: string;
  /** What the app is called in errors ("the API"). */
  name: string;
  /** The stdout line that says the app is ready; its first group becomes `ready`. */
  readyLine: RegExp;
  /** Variables over the test's own environment; `undefined` removes one (e.g. DATABASE_URL). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** How long to wait for the ready line; the embedded PostgreSQL's first start takes a few seconds. */
  timeoutMs?: number;
  /** Node flags before the script, as an operator may give them (`--max-old-space-size=4096`). */
  nodeFlags?: readonly string[];
}

/** Starts a built app as an operator would and waits for its ready line (or its exit, or the timeout). */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) if (value !== undefined) env[key] = value;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), `${repoRoot}${options.script}`], { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const timeoutMs = options.timeoutMs ?? 60_000;

  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not start within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const match = options.readyLine.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited before it was ready (code ${code}, signal ${signal})\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });

  return {
    child,
    ready,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
