import type { ChildProcess } from 'node:child_process';
import { startAppProcess } from './app-process.js';

export interface WorkerProcess {
  /** The worker's id as it printed it (`host:pid:random`). */
  id: string;
  child: ChildProcess;
  /** Its probes and metrics (http://127.0.0.1:port): /healthz, /readyz, /metrics. */
  healthUrl: string;
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
  const app = await startAppProcess({
    script: 'apps/worker/dist/main.js',
    name: 'the worker',
    readyLine: /hetsched worker (\S+) ready/,
    env: { LOG_LEVEL: 'info', ...options.env },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return {
    ...app,
    id: app.ready,
    healthUrl: /\(health (\S+)\/healthz\)/.exec(app.stdout())?.[1] ?? '',
    holds: (runId) => app.stdout().split('\n').some((line) => line.includes('"run started"') && line.includes(runId)),
  };
}
