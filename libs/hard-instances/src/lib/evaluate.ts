import {
  compileProblem,
  runScheduler,
  ScheduleAbortedError,
  type ClusterSpec,
  type ResolvedOptions,
  type ScheduleContext,
  type SchedulerPlugin,
  type WorkflowSpec,
} from '@hetsched/core';
import { toSpecs, type Instance } from './instance.js';

/** An instance with both makespans and their ratio (the search's energy). */
export interface ScoredInstance {
  instance: Instance;
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
  targetMakespan: number;
  baselineMakespan: number;
  /** targetMakespan / baselineMakespan. */
  ratio: number;
}

export interface PairOfSchedulers {
  target: SchedulerPlugin;
  baseline: SchedulerPlugin;
  targetOptions?: Record<string, unknown>;
  baselineOptions?: Record<string, unknown>;
}

/**
 * Scores candidates: each is compiled by core (so every candidate passes core's validators: a valid DAG and cluster)
 * and scheduled by both plugins through runScheduler (so the independent checker judges both schedules). The
 * plugins see the search's AbortSignal and stop early when it fires; a candidate scored under an abort is discarded
 * (undefined), since a plugin cut short returns a worse schedule than it would have and the ratio would be false.
 */
export class PairEvaluator {
  constructor(
    private readonly pair: PairOfSchedulers,
    /** Both plugins' options, resolved against their schemas (resolveHardInstanceOptions). */
    private readonly options: { targetOptions: ResolvedOptions; baselineOptions: ResolvedOptions },
    private readonly host: Pick<ScheduleContext, 'signal' | 'now'>,
    private readonly name: string,
  ) {}

  async score(instance: Instance): Promise<ScoredInstance | undefined> {
    const { workflow, cluster } = toSpecs(instance, this.name);
    const problem = compileProblem(workflow, cluster);
    const signal = this.host.signal;
    // The plugins' own progress is not the search's: dropped.
    const context: ScheduleContext = { signal, reportProgress: () => undefined, now: () => this.host.now() };
    try {
      const target = await runScheduler(this.pair.target, problem, this.options.targetOptions, context);
      if (signal.aborted) return undefined;
      const baseline = await runScheduler(this.pair.baseline, problem, this.options.baselineOptions, context);
      if (signal.aborted) return undefined;
      return { instance, workflow, cluster, targetMakespan: target.makespan, baselineMakespan: baseline.makespan, ratio: target.makespan / baseline.makespan };
    } catch (error) {
      if (signal.aborted && error instanceof ScheduleAbortedError) return undefined;
      throw error;
    }
  }
}
