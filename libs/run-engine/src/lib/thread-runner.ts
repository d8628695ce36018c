import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressEvent, TrainedArtifact } from '@hetsched/core';
import type { HardInstance } from '@hetsched/hard-instances';
import type { ParentMessage, ThreadInput, ThreadMessage, ThreadResult, TrainedResult } from './thread-protocol.js';

export type ThreadOutcome =
  | { kind: 'result'; result: ThreadResult }
  | { kind: 'trained'; result: TrainedResult }
  | { kind: 'found'; result: HardInstance }
  | { kind: 'error'; name: string; message: string }
  /** The thread was stopped because it did not end within the grace period after an abort. */
  | { kind: 'terminated' };

/** Reads an artifact for a plugin (the host's ArtifactSource, in the parent). */
export type ArtifactReader = (kind: string, id: string) => Promise<Uint8Array | undefined>;

/**
 * The compiled thread entry. Under a test runner this module may be the TypeScript source; the thread always runs
 * the build (dist), like the hybrid GA's evaluation threads.
 */
export function threadEntry(file = 'run-thread.js'): URL {
  const here = new URL(`./${file}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(import.meta.url.replace(/\/src\/lib\/[^/]+$/, `/dist/lib/${file}`));
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`run-engine: dist/lib/${file} not found: build @hetsched/run-engine first`);
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

export interface RunInThreadOptions {
  signal: AbortSignal;
  onProgress: (event: ProgressEvent, important: boolean) => void;
  graceMs: number;
  reason: () => string;
  /** Serves context.artifacts in the thread; absent: every request answers "no such artifact". */
  artifacts?: ArtifactReader;
  /** Training: the best artifact so far, each time it improves. */
  onCheckpoint?: (artifact: TrainedArtifact) => void;
}

/**
 * Runs one run on a new worker thread: a schedule run (run-thread.js), a training run (training-thread.js) or a
 * hard-instance search (hard-instance-thread.js).
 * `signal` aborting sends `abort` to the thread (the plugin's AbortSignal fires); a thread still running
 * `graceMs` later is terminated. The thread is always terminated at the end (a plugin's own helper threads go with it).
 */
export function runInThread(input: ThreadInput, options: RunInThreadOptions): Promise<ThreadOutcome> {
  let worker: Worker;
  if (input.task === 'training' || input.task === 'hard-instance') {
    const entry = input.task === 'training' ? 'training-thread.js' : 'hard-instance-thread.js';
    worker = new Worker(threadEntry(entry), { workerData: input, execArgv: threadExecArgv() });
  } else {
    // Own buffers (a Buffer may be a slice of Node's shared pool), moved to the thread without copying again.
    const workflow = new Uint8Array(input.workflow);
    const cluster = new Uint8Array(input.cluster);
    worker = new Worker(threadEntry(), {
      workerData: { ...input, workflow, cluster },
      transferList: [workflow.buffer, cluster.buffer],
      execArgv: threadExecArgv(),
    });
  }
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
    const answerArtifact = (requestId: number, kind: string, id: string) => {
      const read = options.artifacts ? options.artifacts(kind, id) : Promise.resolve(undefined);
      read.then(
        (data) => {
          if (settled) return;
          const own = data ? new Uint8Array(data) : null;
          worker.postMessage({ type: 'artifact', requestId, data: own } satisfies ParentMessage, own ? [own.buffer] : []);
        },
        (error: unknown) => {
          if (settled) return;
          const message = error instanceof Error ? error.message : String(error);
          worker.postMessage({ type: 'artifact', requestId, data: null, error: message } satisfies ParentMessage);
        },
      );
    };
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: ThreadMessage) => {
      switch (message.type) {
        case 'progress':
          options.onProgress(message.event, message.important === true);
          break;
        case 'checkpoint':
          options.onCheckpoint?.(message.artifact);
          break;
        case 'artifact-request':
          answerArtifact(message.requestId, message.kind, message.id);
          break;
        case 'result':
          finish({ kind: 'result', result: message.result });
          break;
        case 'trained':
          finish({ kind: 'trained', result: message.result });
          break;
        case 'found':
          finish({ kind: 'found', result: message.result });
          break;
        default:
          finish({ kind: 'error', name: message.name, message: message.message });
      }
    });
    worker.on('error', (error) => finish({ kind: 'error', name: error.name, message: error.message }));
    worker.on('exit', (code) => finish({ kind: 'error', name: 'Error', message: `the run's thread exited (code ${code}) without a result` }));
  });
}
