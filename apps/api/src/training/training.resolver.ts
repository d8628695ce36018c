import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role.js';
import { connectionComplexity, PageArgs } from '../common/pagination.js';
import { RunStatus } from '../runs/schedule-run.type.js';
import type { ApiContext } from '../server/context.js';
import type { ModelRecord, StorePage, TrainingRecord } from '../store/api-store.js';
import { ModelVersion, ModelVersionConnection } from './model-version.type.js';
import { TrainDeepschedModelInput } from './training.input.js';
import { TrainingRun, TrainingRunConnection } from './training-run.type.js';
import type { TrainingService } from './training.service.js';

@Resolver(() => TrainingRun)
export class TrainingRunResolver {
  constructor(private readonly training: TrainingService) {}

  @Authorized(Role.READER)
  @Query(() => TrainingRun, { description: 'A training run; NOT_FOUND when there is none with that id (schedule runs are scheduleRun).' })
  trainingRun(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<TrainingRecord> {
    return this.training.get(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => TrainingRunConnection, { complexity: connectionComplexity, description: 'Training runs, newest first; keyset pages through `after`.' })
  trainingRuns(@Arg('status', () => RunStatus, { nullable: true }) status: RunStatus | null, @Args(() => PageArgs) page: PageArgs): Promise<StorePage<TrainingRecord>> {
    return this.training.history(status, page);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => TrainingRun, {
    description:
      'Trains a DeepSched model as a queued run (ADMIN: training takes a worker for minutes). Returns the QUEUED run; follow it with ' +
      'runProgress (an event per epoch with its losses and validation accuracy). On success the best model is stored as a ModelVersion ' +
      '(TrainingRun.modelVersion). Parameters out of bounds fail with BAD_USER_INPUT naming the field, and nothing is stored.',
  })
  trainDeepschedModel(@Arg('input', () => TrainDeepschedModelInput, { nullable: true }) input: TrainDeepschedModelInput | null): Promise<TrainingRecord> {
    return this.training.train(input ?? {});
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => TrainingRun, {
    description:
      'Cancels a QUEUED or RUNNING training run: CANCELLED at once; the worker stops after the current batch and still stores the best ' +
      'model so far (TrainingRun.modelVersion). BAD_USER_INPUT when the run is already final.',
  })
  cancelTrainingRun(@Arg('id', () => ID) id: string): Promise<TrainingRecord> {
    return this.training.cancel(id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The id of the model this run stored (null while it runs, or when it stored none).' })
  async modelVersion(@Root() run: TrainingRecord, @Ctx() context: ApiContext): Promise<string | null> {
    return (await this.training.runModel(run, context.loaders))?.id ?? null;
  }

  @FieldResolver(() => ModelVersion, { nullable: true, description: 'The model this run stored.' })
  model(@Root() run: TrainingRecord, @Ctx() context: ApiContext): Promise<ModelRecord | null> {
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
    @Arg('plugin', () => String, { nullable: true, description: 'Only the models of this scheduler, e.g. "deepsched".' }) plugin: string | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<ModelRecord>> {
    return this.training.models(plugin, page);
  }

  @FieldResolver(() => TrainingRun, { nullable: true })
  async trainingRun(@Root() model: ModelRecord, @Ctx() context: ApiContext): Promise<TrainingRecord | null> {
    return model.trainingRunId ? ((await context.loaders.training.load(model.trainingRunId)) ?? null) : null;
  }
}
