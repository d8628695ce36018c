import { SchedulerOptionsError } from '@hetsched/core';
import type { CatalogEntry, SchedulerCatalog } from '@hetsched/plugin-registry';
import type { RunEngine } from '@hetsched/run-engine';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import { listPage } from '../common/listing.js';
import type { Loaders } from '../common/loaders.js';
import { pageSize, type PageArgs } from '../common/pagination.js';
import type { ApiStore, ModelRecord, Run, RunStatusValue, StorePage } from '../store/api-store.js';

/**
 * Training runs of learning schedulers and the model versions they store, for any plugin that declares the
 * training capability. A training run is queued like a schedule run and executed by a worker
 * (docs/runs.md#training-runs).
 */
export class TrainingService {
  constructor(
    private readonly store: ApiStore,
    private readonly catalog: SchedulerCatalog,
    private readonly engine: RunEngine,
  ) {}

  /**
   * A QUEUED training run of `scheduler`. Refused with nothing stored (BAD_USER_INPUT naming the argument) when the
   * scheduler is unknown, disabled or does not learn, or a parameter is out of its bounds.
   */
  async train(scheduler: string, parameters: unknown, names: { scheduler: string; parameters: string } = { scheduler: 'scheduler', parameters: 'parameters' }): Promise<Run<'TRAINING'>> {
    const entry = await this.trainable(scheduler, names.scheduler);
    try {
      return await this.engine.submitTraining(entry.plugin, parameters ?? {}, names.parameters);
    } catch (error) {
      if (error instanceof SchedulerOptionsError) {
        throw new BadUserInputError(error.issues.map((i) => `${i.path}: ${i.message}`).join('; '), error.issues, { field: error.issues[0]?.path ?? names.parameters });
      }
      throw error;
    }
  }

  private async trainable(name: string, argument: string): Promise<CatalogEntry> {
    const entry = await this.catalog.find(name);
    const learners = async () => (await this.catalog.list()).filter((e) => e.plugin.training && e.enabled).map((e) => e.plugin.metadata.name);
    if (!entry) throw new BadUserInputError(`${argument}: unknown scheduler "${name}"; learning schedulers: ${(await learners()).join(', ') || '(none)'}`, [], { field: argument });
    if (!entry.enabled) throw new BadUserInputError(`${argument}: scheduler "${name}" is disabled`, [], { field: argument });
    if (!entry.plugin.training) {
      throw new BadUserInputError(`${argument}: scheduler "${name}" does not learn (no training); learning schedulers: ${(await learners()).join(', ') || '(none)'}`, [], { field: argument });
    }
    return entry;
  }

  /** QUEUED or RUNNING -> CANCELLED; a running training stops soon (its best model so far is kept). */
  async cancel(id: string): Promise<Run<'TRAINING'>> {
    const existing = (await this.store.runs.byIds([id])).get(id);
    if (existing?.kind !== 'TRAINING') throw new NotFoundError('TrainingRun', id);
    const result = await this.engine.cancel(id);
    if (!result.run || result.run.kind !== 'TRAINING') throw new NotFoundError('TrainingRun', id);
    if (!result.updated) {
      throw new BadUserInputError(`training run "${id}" is already ${result.run.status}: only QUEUED and RUNNING runs can be cancelled`, [], { field: 'id' });
    }
    return result.run;
  }

  async get(id: string, loaders: Loaders): Promise<Run<'TRAINING'>> {
    const run = await loaders.run.load(id);
    if (run?.kind !== 'TRAINING') throw new NotFoundError('TrainingRun', id);
    return run;
  }

  history(filter: { status?: RunStatusValue | null; scheduler?: string | null }, page: PageArgs): Promise<StorePage<Run<'TRAINING'>>> {
    const { status, scheduler } = filter;
    return listPage(() =>
      this.store.runs.trainingHistory({ ...(status ? { status } : {}), ...(scheduler ? { scheduler } : {}) }, { first: pageSize(page.first), after: page.after }),
    );
  }

  async model(id: string, loaders: Loaders): Promise<ModelRecord> {
    const model = await loaders.model.load(id);
    if (!model) throw new NotFoundError('ModelVersion', id);
    return model;
  }

  models(plugin: string | null | undefined, page: PageArgs): Promise<StorePage<ModelRecord>> {
    return listPage(() => this.store.models.list(plugin ? { plugin } : {}, { first: pageSize(page.first), after: page.after }));
  }

  /**
   * The model a training run made: info.modelVersion after a success; for a cancelled run, the best model so far
   * that the worker stored after the cancel (linked to the run, not named in its final info).
   */
  async runModel(run: Run<'TRAINING'>, loaders: Loaders): Promise<ModelRecord | null> {
    const named = run.info?.['modelVersion'];
    if (typeof named === 'string') return (await loaders.model.load(named)) ?? null;
    const made = await loaders.trainingRunModels.load(run.id);
    return made?.at(-1) ?? null;
  }
}

/** GraphQL gives absent optional fields as null; parameters want them absent (defaults). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined) out[key] = withoutNulls(item);
  return out;
}
