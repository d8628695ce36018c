import { SchedulerOptionsError } from '@hetsched/core';
import type { SchedulerCatalog } from '@hetsched/plugin-registry';
import type { RunEngine } from '@hetsched/run-engine';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import { enabledScheduler } from '../schedulers/enabled-scheduler.js';
import type { Loaders } from '../common/loaders.js';
import type { ClusterSummary, Run, WorkflowSummary } from '../store/api-store.js';

/** What a finished search recorded in its run's info (docs/runs.md#hard-instance-runs); absent while it runs. */
export interface HardInstanceOutcome {
  ratio: number | null;
  targetMakespan: number | null;
  baselineMakespan: number | null;
  iterations: number | null;
  stoppedBy: string | null;
}

/**
 * Hard-instance searches (PISA) between any two installed schedulers, queued like every run and executed by a
 * worker. The service names no scheduler: both come from the catalog by name.
 */
export class HardInstanceService {
  constructor(
    private readonly catalog: SchedulerCatalog,
    private readonly engine: RunEngine,
  ) {}

  /**
   * A QUEUED search for the instance on which `target` does worst against `baseline`. Refused with nothing stored
   * (BAD_USER_INPUT naming the argument or field) when a scheduler is unknown or disabled, or an option is out of
   * its bounds (the search's settings, either scheduler's options, a scheduler's processor limit).
   */
  async find(target: string, baseline: string, options: Record<string, unknown>): Promise<Run<'HARD_INSTANCE'>> {
    const targetEntry = await enabledScheduler(this.catalog, target, 'target');
    const baselineEntry = await enabledScheduler(this.catalog, baseline, 'baseline');
    try {
      return await this.engine.submitHardInstance(targetEntry.plugin, baselineEntry.plugin, options, 'options');
    } catch (error) {
      if (error instanceof SchedulerOptionsError) {
        throw new BadUserInputError(error.issues.map((i) => `${i.path}: ${i.message}`).join('; '), error.issues, { field: error.issues[0]?.path ?? 'options' });
      }
      throw error;
    }
  }

  async get(id: string, loaders: Loaders): Promise<Run<'HARD_INSTANCE'>> {
    const run = await loaders.run.load(id);
    if (run?.kind !== 'HARD_INSTANCE') throw new NotFoundError('HardInstanceRun', id);
    return run;
  }

  /** QUEUED or RUNNING -> CANCELLED; a running search stops at its next iteration and nothing is stored. */
  async cancel(id: string): Promise<Run<'HARD_INSTANCE'>> {
    const existing = await this.engine.store.runs.findRun(id);
    if (existing?.kind !== 'HARD_INSTANCE') throw new NotFoundError('HardInstanceRun', id);
    const result = await this.engine.cancel(id);
    if (result.run?.kind !== 'HARD_INSTANCE') throw new NotFoundError('HardInstanceRun', id);
    if (!result.updated) {
      throw new BadUserInputError(`hard-instance run "${id}" is already ${result.run.status}: only QUEUED and RUNNING runs can be cancelled`, [], { field: 'id' });
    }
    return result.run;
  }

  outcome(run: Run<'HARD_INSTANCE'>): HardInstanceOutcome {
    const info = run.info ?? {};
    const number = (key: string) => (typeof info[key] === 'number' ? (info[key] as number) : null);
    const stoppedBy = info['stoppedBy'];
    return { ratio: number('ratio'), targetMakespan: number('targetMakespan'), baselineMakespan: number('baselineMakespan'), iterations: number('iterations'), stoppedBy: typeof stoppedBy === 'string' ? stoppedBy : null };
  }

  /** The workflow the search stored with its success; null before, or once deleted. */
  async workflow(run: Run<'HARD_INSTANCE'>, loaders: Loaders): Promise<WorkflowSummary | null> {
    const id = run.info?.['workflowId'];
    return typeof id === 'string' ? ((await loaders.workflow.load(id)) ?? null) : null;
  }

  async cluster(run: Run<'HARD_INSTANCE'>, loaders: Loaders): Promise<ClusterSummary | null> {
    const id = run.info?.['clusterId'];
    return typeof id === 'string' ? ((await loaders.cluster.load(id)) ?? null) : null;
  }
}
