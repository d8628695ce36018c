import { Field, Float, InputType, Int } from 'type-graphql';
import { TRAINING_BOUNDS as B } from '@hetsched/run-engine';

@InputType({ description: 'The generated, HEFT-labelled examples a training run learns from (made in memory by the worker; no files). Absent fields take their defaults.' })
export class TrainingDatasetInput {
  @Field(() => Int, { nullable: true, description: 'Seed of the examples (default 1).' })
  seed?: number | null;

  @Field(() => Int, { nullable: true, description: `How many workflows, ${B.count.min}-${B.count.max} (default 200); count × the largest task count at most ${B.totalTasks.max}.` })
  count?: number | null;

  @Field(() => [Int], { nullable: true, description: `Task counts drawn from (${B.taskCount.min}-${B.taskCount.max}; default [20, 50, 100]).` })
  taskCounts?: number[] | null;

  @Field(() => [Float], { nullable: true, description: `Communication-to-computation ratios drawn from (${B.ccr.min}-${B.ccr.max}; default [0.1, 1, 5]).` })
  ccrs?: number[] | null;

  @Field(() => [Float], { nullable: true, description: `Heterogeneities β drawn from (${B.heterogeneity.min}-${B.heterogeneity.max}; default [0.25, 0.5, 1]).` })
  heterogeneities?: number[] | null;

  @Field(() => [Int], { nullable: true, description: `Processor counts drawn from (${B.processorCount.min}-${B.processorCount.max}; default [2, 4, 8]).` })
  processorCounts?: number[] | null;
}

@InputType({ description: 'A DeepSched training run. Every number is bounded (docs/runs.md#training-runs); absent fields take their defaults.' })
export class TrainDeepschedModelInput {
  @Field(() => TrainingDatasetInput, { nullable: true })
  dataset?: TrainingDatasetInput | null;

  @Field(() => Int, { nullable: true, description: `${B.epochs.min}-${B.epochs.max} (default 20).` })
  epochs?: number | null;

  @Field(() => Int, { nullable: true, description: `${B.batchSize.min}-${B.batchSize.max} (default 16).` })
  batchSize?: number | null;

  @Field(() => Float, { nullable: true, description: `Adam's learning rate, ${B.learningRate.min}-${B.learningRate.max} (default 0.002).` })
  learningRate?: number | null;

  @Field(() => Int, { nullable: true, description: `Epochs without validation improvement before stopping early, ${B.patience.min}-${B.patience.max} (default 5).` })
  patience?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seed of the weights, the split and the batch order (default 1).' })
  seed?: number | null;

  @Field(() => Float, { nullable: true, description: `Share of the examples held out for validation, ${B.validationFraction.min}-${B.validationFraction.max} (default 0.2).` })
  validationFraction?: number | null;

  @Field(() => String, { nullable: true, description: `A name for the model (at most ${B.nameLength.max} characters).` })
  name?: string | null;
}
