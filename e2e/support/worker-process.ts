import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './paths.js';

export interface WorkerProcess {
  /** The worker's id as it printed it (`host:pid:random`). */
  id: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Whether its log says it started this run ("run started" line with the run id). */
  holds(runId: string): boolean;
  /** A signal to the worker's own PID (not a wrapper), then its exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built worker (`node apps/worker/dist/main.js`) and waits for "hetsched worker ... ready". It logs at
 * info (JSON lines) so that a test can tell which worker holds a run.
 */
export async function startWorkerProcess(options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<WorkerProcess> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_LEVEL: 'info', ...options.env })) if (value !== undefined) env[key] = value;
  const child = spawn(process.execPath, [`${repoRoot}apps/worker/dist/main.js`], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const id = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker did not start within ${options.timeoutMs ?? 60_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    const onData = () => {
      const match = /hetsched worker (\S+) ready/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited before it was ready (code ${code}, signal ${signal})\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  return {
    id,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    holds: (runId) => stdout.split('\n').some((line) => line.includes('"run started"') && line.includes(runId)),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
