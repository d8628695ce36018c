import { JOB_FIELDS, type Evaluator, type JobKind } from './evaluator.js';

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

/** One job (see `JobKind`): the slot it writes, the slots it reads, its random stream's seed and its size. */
export interface Job {
  kind: JobKind;
  slot: number;
  /** The parent (BREED, PERTURB). */
  a?: number;
  /** The second parent (BREED). */
  b?: number;
  seed?: number;
  /** Candidate decodes (DESCEND), moves (WALK) or random changes (PERTURB). */
  amount?: number;
}

/** The jobs of one batch, in the layout the evaluators read (`JOB_FIELDS` numbers each), and their run. */
export class JobBatch {
  private readonly jobs: Float64Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly runner: JobRunner,
  ) {
    this.jobs = new Float64Array(capacity * JOB_FIELDS);
  }

  add({ kind, slot, a = 0, b = 0, seed = 0, amount = 0 }: Job): void {
    this.jobs.set([kind, slot, a, b, seed, amount], this.count++ * JOB_FIELDS);
  }

  /** Runs the jobs added since the last run (in any thread and order: they write different slots) and waits. */
  async run(): Promise<void> {
    const count = this.count;
    this.count = 0;
    if (count > 0) await this.runner.run(this.jobs, count);
  }
}
