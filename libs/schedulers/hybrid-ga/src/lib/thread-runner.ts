import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { withThreadExecArgv } from '@hetsched/core';
import { JOB_FIELDS, type EvaluatorSettings } from './evaluator.js';
import type { IndividualPool, PoolBuffers } from './individual-pool.js';
import type { JobRunner } from './job-runner.js';
import type { ProblemArrays } from './operators.js';

/** What a worker thread receives once, at start. */
export interface WorkerSetup {
  problem: ProblemArrays;
  pool: PoolBuffers;
  settings: EvaluatorSettings;
  jobs: SharedArrayBuffer;
  nextJob: SharedArrayBuffer;
  /** Int32 flag: 1 once the run is being stopped. */
  stop: SharedArrayBuffer;
}

/**
 * The compiled worker entry next to this module, or null when there is none: under vitest this module runs from
 * its TypeScript source, where no worker.js exists (a worker thread cannot load TypeScript), and the GA then
 * runs its jobs in the calling thread. The threaded path is tested against the built dist.
 */
export function workerEntry(): URL | null {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/** Only the typed arrays and counts the jobs read: structured-cloned to each worker once per run. */
export function problemArrays(problem: ProblemArrays): ProblemArrays {
  const { taskCount, processorCount, cost, predOffsets, predTasks, predData, succOffsets, succTasks, succData, latency, inverseBandwidth, topologicalOrder } = problem;
  return { taskCount, processorCount, cost, predOffsets, predTasks, predData, succOffsets, succTasks, succData, latency, inverseBandwidth, topologicalOrder };
}

interface Reply {
  decodes?: number;
  error?: string;
}

/** What the threads work on: the problem, the shared pool, the run's settings, and the largest batch. */
export interface ThreadedWork {
  problem: ProblemArrays;
  pool: IndividualPool;
  settings: EvaluatorSettings;
  maxJobs: number;
}

/**
 * Runs each batch of jobs on worker threads that share the pool's memory: the jobs are written to shared memory,
 * every worker is told the batch size, and each takes jobs from a shared counter until none is left.
 */
export class ThreadRunner implements JobRunner {
  private readonly jobs: Float64Array;
  private readonly nextJob: Int32Array;
  private readonly stop: Int32Array;
  private readonly decodeCounts: number[];
  private failure: Error | null = null;

  private constructor(
    private readonly workers: Worker[],
    setup: WorkerSetup,
  ) {
    this.jobs = new Float64Array(setup.jobs);
    this.nextJob = new Int32Array(setup.nextJob);
    this.stop = new Int32Array(setup.stop);
    this.decodeCounts = workers.map(() => 0);
    for (const worker of workers) {
      worker.on('error', (error) => {
        this.failure ??= error;
      });
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  static start(entry: URL, threads: number, { problem, pool, settings, maxJobs }: ThreadedWork): ThreadRunner {
    const setup: WorkerSetup = {
      problem: problemArrays(problem),
      pool: pool.buffers,
      settings,
      jobs: new SharedArrayBuffer(maxJobs * JOB_FIELDS * 8),
      nextJob: new SharedArrayBuffer(4),
      stop: new SharedArrayBuffer(4),
    };
    // The parent's Node flags a thread accepts (no resolution conditions, no V8 or process-wide flags).
    const workers = Array.from({ length: threads }, () => withThreadExecArgv((execArgv) => new Worker(entry, { workerData: setup, execArgv })));
    return new ThreadRunner(workers, setup);
  }

  async run(jobs: Float64Array, count: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.jobs.set(jobs.subarray(0, count * JOB_FIELDS));
    Atomics.store(this.nextJob, 0, 0);
    const replies = this.workers.map(
      (worker, w) =>
        new Promise<void>((resolve, reject) => {
          const onError = (error: Error) => {
            worker.off('message', onMessage);
            reject(error);
          };
          const onMessage = (reply: Reply) => {
            worker.off('error', onError);
            if (reply.error !== undefined) return reject(new Error(`hybrid-ga worker: ${reply.error}`));
            this.decodeCounts[w] = reply.decodes ?? 0;
            resolve();
          };
          worker.once('message', onMessage);
          worker.once('error', onError);
          worker.postMessage(count);
        }),
    );
    await Promise.all(replies);
  }

  /** The main thread is free while workers run, so an abort listener or a timer can set the shared flag. */
  requestStop(): void {
    Atomics.store(this.stop, 0, 1);
  }

  decodes(): number {
    return this.decodeCounts.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
