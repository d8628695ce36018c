import { TrainingParameterError, type RunEngine } from '@hetsched/run-engine';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import { listPage } from '../common/listing.js';
import { pageSize, type PageArgs } from '../common/pagination.js';
import type { SchedulerCatalog } from '../schedulers/scheduler-catalog.js';
import type { Loaders } from '../server/loaders.js';
import type { ApiStore, ModelRecord, RunStatusValue, StorePage, TrainingRecord } from '../store/api-store.js';
import { toTraining } from '../store/db-api-store.js';
import type { TrainDeepschedModelInput } from './training.input.js';

/** The scheduler whose models trainDeepschedModel trains. */
export const DEEPSCHED = 'deepsched';

/**
 * Training runs and the model versions they store. A training run is queued like a schedule run and executed by
 * a worker (docs/runs.md#training-runs); without a run engine there is no worker to train on.
 */
export class TrainingService {
  constructor(
    private readonly store: ApiStore,
    private readonly catalog: SchedulerCatalog,
    private readonly engine?: RunEngine,
  ) {}

  async train(input: TrainDeepschedModelInput): Promise<TrainingRecord> {
    if (!this.engine) throw new BadUserInputError('training runs need the run engine (workers); this server runs schedulers inside the request');
    const entry = await this.catalog.find(DEEPSCHED);
    if (!entry) throw new BadUserInputError(`scheduler "${DEEPSCHED}" is not installed on this server: no model to train`);
    if (!entry.enabled) throw new BadUserInputError(`scheduler "${DEEPSCHED}" is disabled`);
    try {
      const run = await this.engine.submitTraining({ scheduler: DEEPSCHED, schedulerVersion: entry.plugin.metadata.version, parameters: withoutNulls(input) });
      return toTraining(run);
    } catch (error) {
      if (error instanceof TrainingParameterError) throw new BadUserInputError(`input.${error.message}`, [], { field: `input.${error.field}` });
      throw error;
    }
  }

  /** QUEUED or RUNNING -> CANCELLED; a running training stops after its current batch (its best model so far is kept). */
  async cancel(id: string): Promise<TrainingRecord> {
    if (!this.engine) throw new BadUserInputError('this server runs schedulers inside the request: there is nothing to cancel');
    if (!(await this.store.trainings.byIds([id])).has(id)) throw new NotFoundError('TrainingRun', id);
    const result = await this.engine.cancel(id);
    if (!result.run || result.run.kind !== 'TRAINING') throw new NotFoundError('TrainingRun', id);
    if (!result.updated) {
      throw new BadUserInputError(`training run "${id}" is already ${result.run.status}: only QUEUED and RUNNING runs can be cancelled`, [], { field: 'id' });
    }
    return toTraining(result.run);
  }

  async get(id: string, loaders: Loaders): Promise<TrainingRecord> {
    const run = await loaders.training.load(id);
    if (!run) throw new NotFoundError('TrainingRun', id);
    return run;
  }

  history(status: RunStatusValue | null | undefined, page: PageArgs): Promise<StorePage<TrainingRecord>> {
    return listPage(() => this.store.trainings.history(status ? { status } : {}, { first: pageSize(page.first), after: page.after }));
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
  async runModel(run: TrainingRecord, loaders: Loaders): Promise<ModelRecord | null> {
    const named = run.info?.['modelVersion'];
    if (typeof named === 'string') return (await loaders.model.load(named)) ?? null;
    const made = await loaders.trainingRunModels.load(run.id);
    return made?.at(-1) ?? null;
  }
}

/** GraphQL gives absent optional fields as null; the parameters want them absent (defaults). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined) out[key] = withoutNulls(item);
  return out;
}
