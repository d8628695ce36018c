import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from '@hetsched/core';
import type { ParentMessage, ThreadInput, ThreadMessage, ThreadResult } from './thread-protocol.js';

export type ThreadOutcome =
  | { kind: 'result'; result: ThreadResult }
  | { kind: 'error'; name: string; message: string }
  /** The thread was stopped because it did not end within the grace period after an abort. */
  | { kind: 'terminated' };

/**
 * The compiled thread entry. Under a test runner this module may be the TypeScript source; the thread always runs
 * the build (dist), like the hybrid GA's evaluation threads.
 */
export function threadEntry(): URL {
  const here = new URL('./run-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(import.meta.url.replace(/\/src\/lib\/[^/]+$/, '/dist/lib/run-thread.js'));
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('run-engine: dist/lib/run-thread.js not found: build @hetsched/run-engine first');
}

/** Node flags for the thread without resolution conditions (`@hetsched/source` would send imports to .ts sources). */
function threadExecArgv(): string[] {
  const flags: string[] = [];
  const parent = process.execArgv;
  for (let i = 0; i < parent.length; i++) {
    const flag = parent[i]!;
    if (flag === '--conditions' || flag === '-C') i++;
    else if (!flag.startsWith('--conditions=')) flags.push(flag);
  }
  return flags;
}

/**
 * Runs one scheduler run on a new worker thread. `signal` aborting sends `abort` to the thread (the plugin's
 * AbortSignal fires); a thread still running `graceMs` later is terminated. The thread is always terminated at
 * the end (a plugin's own helper threads go with it).
 */
export function runInThread(
  input: ThreadInput,
  options: { signal: AbortSignal; onProgress: (event: ProgressEvent) => void; graceMs: number; reason: () => string },
): Promise<ThreadOutcome> {
  // Own buffers (a Buffer may be a slice of Node's shared pool), moved to the thread without copying again.
  const workflow = new Uint8Array(input.workflow);
  const cluster = new Uint8Array(input.cluster);
  const worker = new Worker(threadEntry(), {
    workerData: { ...input, workflow, cluster },
    transferList: [workflow.buffer, cluster.buffer],
    execArgv: threadExecArgv(),
  });
  return new Promise<ThreadOutcome>((resolve) => {
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: ThreadOutcome) => {
      if (settled) return;
      settled = true;
      if (graceTimer) clearTimeout(graceTimer);
      options.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort', reason: options.reason() } satisfies ParentMessage);
      graceTimer = setTimeout(() => finish({ kind: 'terminated' }), options.graceMs);
    };
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'progress') options.onProgress(message.event);
      else if (message.type === 'result') finish({ kind: 'result', result: message.result });
      else finish({ kind: 'error', name: message.name, message: message.message });
    });
    worker.on('error', (error) => finish({ kind: 'error', name: error.name, message: error.message }));
    worker.on('exit', (code) => finish({ kind: 'error', name: 'Error', message: `the scheduler thread exited (code ${code}) without a result` }));
  });
}
