import type { Evaluator } from './evaluator.js';

/** Runs a batch of jobs (see `JobKind`) on the shared pool and resolves when all are done. */
export interface JobRunner {
  /** Threads that run jobs (1: the calling thread). */
  readonly threads: number;
  run(jobs: Float64Array, count: number): Promise<void>;
  /** Decodes done so far in every thread, full or partial. */
  decodes(): number;
  close(): Promise<void>;
}

/** Jobs in the calling thread, in batch order. */
export class InlineRunner implements JobRunner {
  readonly threads = 1;

  constructor(private readonly evaluator: Evaluator) {}

  async run(jobs: Float64Array, count: number): Promise<void> {
    for (let i = 0; i < count; i++) this.evaluator.run(jobs, i);
  }

  decodes(): number {
    return this.evaluator.decoder.decodes;
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
