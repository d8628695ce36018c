import type { Evaluator } from './evaluator.js';

/** Runs a batch of jobs (see `JobKind`) on the shared pool and resolves when all are done. */
export interface JobRunner {
  /** Threads that run jobs (1: the calling thread). */
  readonly threads: number;
  run(jobs: Float64Array, count: number): Promise<void>;
  /** Decodes done so far in every thread, full or partial. */
  decodes(): number;
  /**
   * Asks running and later jobs to wrap up: local searches return what they have. Called when the run is
   * aborted or out of time; the GA stops after the batch.
   */
  requestStop(): void;
  close(): Promise<void>;
}

/**
 * Jobs in the calling thread, in batch order. The thread is busy while a job runs, so no timer or abort event can
 * reach it then: the evaluator's `shouldStop` polls the run's own condition (`stopWhen`) instead.
 */
export class InlineRunner implements JobRunner {
  readonly threads = 1;
  private stopRequested = false;
  readonly evaluator: Evaluator;

  constructor(makeEvaluator: (shouldStop: () => boolean) => Evaluator, stopWhen: () => boolean) {
    this.evaluator = makeEvaluator(() => this.stopRequested || (this.stopRequested = stopWhen()));
  }

  requestStop(): void {
    this.stopRequested = true;
  }

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
