import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { withThreadExecArgv, type ProgressEvent, type TrainedArtifact } from '@hetsched/core';
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

export interface ThreadPoolSettings {
  /** Heap limit of each run's thread (MB): a plugin that allocates without bound fails its run, not the process. */
  memoryMb: number;
  /** An idle warm thread is ended after this long. */
  idleMs: number;
  /** Warm threads kept per plugin package. */
  maxIdlePerPackage: number;
}

export const DEFAULT_THREAD_POOL: ThreadPoolSettings = { memoryMb: 2048, idleMs: 60_000, maxIdlePerPackage: 4 };

interface IdleThread {
  worker: Worker;
  timer: NodeJS.Timeout;
}

/**
 * Runs on worker threads, with warm threads kept per plugin package: a thread that ended a schedule run cleanly
 * serves the next run of the same package without starting Node and importing the plugin again (a tiny run then
 * takes about a millisecond instead of tens). A run that fails, is aborted or runs out of memory discards its
 * thread; training and hard-instance runs always get a fresh thread of their own (a model or a search may leave
 * state behind). Each thread has a heap limit (resourceLimits): past it the thread dies, its run fails saying so,
 * and the process goes on.
 */
export class ThreadPool {
  private readonly idle = new Map<string, IdleThread[]>();
  private closed = false;

  constructor(private readonly settings: ThreadPoolSettings = DEFAULT_THREAD_POOL) {}

  run(input: ThreadInput, options: RunInThreadOptions): Promise<ThreadOutcome> {
    const reusable = input.task === 'schedule';
    const worker = (reusable && this.takeIdle(input.packageName)) || this.spawn();
    return runOn(worker, input, options, this.settings.memoryMb).then(({ outcome, clean }) => {
      if (reusable && clean && outcome.kind === 'result' && !options.signal.aborted) this.keep(input.packageName, worker);
      else void worker.terminate();
      return outcome;
    });
  }

  /** Ends every idle thread (running ones end with their runs). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    for (const { timer } of all) clearTimeout(timer);
    await Promise.all(all.map(({ worker }) => worker.terminate()));
  }

  /** Idle warm threads now, by package (tests, metrics). */
  idleCount(packageName?: string): number {
    if (packageName !== undefined) return this.idle.get(packageName)?.length ?? 0;
    return [...this.idle.values()].reduce((n, list) => n + list.length, 0);
  }

  private spawn(): Worker {
    // The parent's Node flags a thread accepts (no resolution conditions, no V8 or process-wide flags).
    return withThreadExecArgv((execArgv) => new Worker(threadEntry(), { execArgv, resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb } }));
  }

  private takeIdle(packageName: string): Worker | undefined {
    const list = this.idle.get(packageName);
    const entry = list?.pop();
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    return entry.worker;
  }

  private keep(packageName: string, worker: Worker): void {
    const list = this.idle.get(packageName) ?? [];
    if (this.closed || list.length >= this.settings.maxIdlePerPackage) {
      void worker.terminate();
      return;
    }
    const entry: IdleThread = {
      worker,
      timer: setTimeout(() => {
        this.idle.set(packageName, (this.idle.get(packageName) ?? []).filter((e) => e !== entry));
        void worker.terminate();
      }, this.settings.idleMs),
    };
    entry.timer.unref();
    worker.unref();
    list.push(entry);
    this.idle.set(packageName, list);
    // A warm thread that dies while idle (it should not) is simply forgotten.
    worker.once('exit', () => this.idle.set(packageName, (this.idle.get(packageName) ?? []).filter((e) => e !== entry)));
  }
}

/**
 * One run on a thread: `signal` aborting sends `abort` to the thread (the plugin's AbortSignal fires); a thread still
 * running `graceMs` later is terminated. `clean`: the thread finished the run by itself and may serve another.
 */
function runOn(worker: Worker, input: ThreadInput, options: RunInThreadOptions, memoryMb: number): Promise<{ outcome: ThreadOutcome; clean: boolean }> {
  worker.ref();
  return new Promise((resolve) => {
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: ThreadOutcome, clean: boolean) => {
      if (settled) return;
      settled = true;
      if (graceTimer) clearTimeout(graceTimer);
      options.signal.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve({ outcome, clean });
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort', reason: options.reason() } satisfies ParentMessage);
      graceTimer = setTimeout(() => {
        void worker.terminate();
        finish({ kind: 'terminated' }, false);
      }, options.graceMs);
    };
    const onMessage = (message: ThreadMessage) => {
      if (message.type === 'progress') options.onProgress(message.event, message.important === true);
      else if (message.type === 'checkpoint') options.onCheckpoint?.(message.artifact);
      else if (message.type === 'artifact-request') answerArtifact(worker, options, message, () => settled);
      else if (message.type === 'error') finish({ kind: 'error', name: message.name, message: message.message }, false);
      else finish(message.type === 'result' ? { kind: 'result', result: message.result } : message.type === 'trained' ? { kind: 'trained', result: message.result } : { kind: 'found', result: message.result }, true);
    };
    const onError = (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(outOfMemory ? { kind: 'error', name: 'OutOfMemoryError', message: outOfMemoryText(memoryMb) } : { kind: 'error', name: error.name, message: error.message }, false);
    };
    const onExit = (code: number) => finish({ kind: 'error', name: 'Error', message: `the run's thread exited (code ${code}) without a result` }, false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
    const transfer = input.task === 'schedule' ? ownBuffers(input) : [];
    worker.postMessage({ type: 'run', input } satisfies ParentMessage, transfer);
  });
}

function outOfMemoryText(memoryMb: number): string {
  return `out of memory: the run's thread used more than its ${memoryMb} MB heap (HETSCHED_RUN_MEMORY_MB); the run was stopped and the worker goes on`;
}

/** Own copies of a schedule run's documents (a Buffer may be a slice of Node's shared pool), moved without copying again. */
function ownBuffers(input: ThreadInput & { task: 'schedule' }): ArrayBuffer[] {
  input.workflow = new Uint8Array(input.workflow);
  input.cluster = new Uint8Array(input.cluster);
  return [input.workflow.buffer as ArrayBuffer, input.cluster.buffer as ArrayBuffer];
}

function answerArtifact(worker: Worker, options: RunInThreadOptions, message: { requestId: number; kind: string; id: string }, settled: () => boolean): void {
  const read = options.artifacts ? options.artifacts(message.kind, message.id) : Promise.resolve(undefined);
  read.then(
    (data) => {
      if (settled()) return;
      const own = data ? new Uint8Array(data) : null;
      worker.postMessage({ type: 'artifact', requestId: message.requestId, data: own } satisfies ParentMessage, own ? [own.buffer] : []);
    },
    (error: unknown) => {
      if (settled()) return;
      const text = error instanceof Error ? error.message : String(error);
      worker.postMessage({ type: 'artifact', requestId: message.requestId, data: null, error: text } satisfies ParentMessage);
    },
  );
}
