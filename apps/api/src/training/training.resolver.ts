import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../common/context.js';
import { connectionComplexity, PageArgs } from '../common/pagination.js';
import { Role } from '../common/role.js';
import { RunStatus } from '../common/run.type.js';
import { JSONObject } from '../common/scalars.js';
import type { ModelRecord, Run, StorePage } from '../store/api-store.js';
import { ModelVersion, ModelVersionConnection } from './model-version.type.js';
import { TrainDeepschedModelInput } from './training.input.js';
import { TrainingRun, TrainingRunConnection } from './training-run.type.js';
import { withoutNulls, type TrainingService } from './training.service.js';

/** The scheduler the deprecated trainDeepschedModel alias trains (kept for one version; trainModel names any). */
const DEPRECATED_ALIAS_SCHEDULER = 'deepsched';

@Resolver(() => TrainingRun)
export class TrainingRunResolver {
  constructor(private readonly training: TrainingService) {}

  @Authorized(Role.READER)
  @Query(() => TrainingRun, { description: 'A training run; NOT_FOUND when there is none with that id (schedule runs are scheduleRun).' })
  trainingRun(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<Run<'TRAINING'>> {
    return this.training.get(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => TrainingRunConnection, { complexity: connectionComplexity, description: 'Training runs, newest first; keyset pages through `after`.' })
  trainingRuns(
    @Arg('status', () => RunStatus, { nullable: true }) status: RunStatus | null,
    @Arg('scheduler', () => String, { nullable: true, description: 'Only the training runs of this scheduler.' }) scheduler: string | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<Run<'TRAINING'>>> {
    return this.training.history({ status, scheduler }, page);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => TrainingRun, {
    description:
      'Trains a learning scheduler (one whose Scheduler.training is set) as a queued run (ADMIN: training takes a worker for minutes). ' +
      '`parameters` follow its training.parametersSchema (absent ones take their defaults). Returns the QUEUED run; follow it with runProgress ' +
      '(an event per epoch). On success the best model is stored as a ModelVersion (TrainingRun.modelVersion). Unknown or non-learning ' +
      'schedulers and parameters out of bounds fail with BAD_USER_INPUT naming the field, and nothing is stored.',
  })
  trainModel(
    @Arg('scheduler', () => String) scheduler: string,
    @Arg('parameters', () => JSONObject, { nullable: true }) parameters: Record<string, unknown> | null,
  ): Promise<Run<'TRAINING'>> {
    return this.training.train(scheduler, parameters ?? {});
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => TrainingRun, {
    deprecationReason: 'Use trainModel(scheduler: "deepsched", parameters: {...}); this alias goes in the next version.',
    description: 'Trains a DeepSched model: trainModel(scheduler: "deepsched") with typed parameters.',
  })
  trainDeepschedModel(@Arg('input', () => TrainDeepschedModelInput, { nullable: true }) input: TrainDeepschedModelInput | null): Promise<Run<'TRAINING'>> {
    return this.training.train(DEPRECATED_ALIAS_SCHEDULER, withoutNulls(input ?? {}), { scheduler: 'scheduler', parameters: 'input' });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => TrainingRun, {
    description:
      'Cancels a QUEUED or RUNNING training run: CANCELLED at once; the worker stops it soon and still stores the best model so far ' +
      '(TrainingRun.modelVersion). BAD_USER_INPUT when the run is already final.',
  })
  cancelTrainingRun(@Arg('id', () => ID) id: string): Promise<Run<'TRAINING'>> {
    return this.training.cancel(id);
  }

  @FieldResolver(() => JSONObject, { description: "The training parameters, defaults filled in (the scheduler's training.parametersSchema)." })
  parameters(@Root() run: Run<'TRAINING'>): Record<string, unknown> {
    return run.options;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The id of the model this run stored (null while it runs, or when it stored none).' })
  async modelVersion(@Root() run: Run<'TRAINING'>, @Ctx() context: ApiContext): Promise<string | null> {
    return (await this.training.runModel(run, context.loaders))?.id ?? null;
  }

  @FieldResolver(() => ModelVersion, { nullable: true, description: 'The model this run stored.' })
  model(@Root() run: Run<'TRAINING'>, @Ctx() context: ApiContext): Promise<ModelRecord | null> {
    return this.training.runModel(run, context.loaders);
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  constructor(private readonly training: TrainingService) {}

  @Authorized(Role.READER)
  @Query(() => ModelVersion, { description: 'A stored model; NOT_FOUND when there is none with that id.' })
  modelVersion(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<ModelRecord> {
    return this.training.model(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => ModelVersionConnection, { complexity: connectionComplexity, description: 'Stored models with their metrics, newest first; keyset pages through `after`.' })
  modelVersions(
    @Arg('plugin', () => String, { nullable: true, description: 'Only the models of this scheduler plugin, e.g. "deepsched".' }) plugin: string | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<ModelRecord>> {
    return this.training.models(plugin, page);
  }

  @FieldResolver(() => TrainingRun, { nullable: true })
  async trainingRun(@Root() model: ModelRecord, @Ctx() context: ApiContext): Promise<Run<'TRAINING'> | null> {
    if (!model.trainingRunId) return null;
    const run = await context.loaders.run.load(model.trainingRunId);
    return run?.kind === 'TRAINING' ? run : null;
  }
}
