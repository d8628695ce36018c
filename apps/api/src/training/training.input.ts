import { Field, Float, InputType, Int } from 'type-graphql';

@InputType({ description: 'Deprecated with trainDeepschedModel: the `dataset` parameter of deepsched\'s training. Absent fields take their defaults.' })
export class TrainingDatasetInput {
  @Field(() => Int, { nullable: true, description: 'Seed of the examples (default 1).' })
  seed?: number | null;

  @Field(() => Int, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  count?: number | null;

  @Field(() => [Int], { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  taskCounts?: number[] | null;

  @Field(() => [Float], { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  ccrs?: number[] | null;

  @Field(() => [Float], { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  heterogeneities?: number[] | null;

  @Field(() => [Int], { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  processorCounts?: number[] | null;
}

@InputType({ description: 'Deprecated with trainDeepschedModel: deepsched\'s training parameters (use trainModel(scheduler: "deepsched", parameters)). Absent fields take their defaults.' })
export class TrainDeepschedModelInput {
  @Field(() => TrainingDatasetInput, { nullable: true })
  dataset?: TrainingDatasetInput | null;

  @Field(() => Int, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  epochs?: number | null;

  @Field(() => Int, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  batchSize?: number | null;

  @Field(() => Float, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  learningRate?: number | null;

  @Field(() => Int, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  patience?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seed of the weights, the split and the batch order (default 1).' })
  seed?: number | null;

  @Field(() => Float, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  validationFraction?: number | null;

  @Field(() => String, { nullable: true, description: 'Bounds and default: the scheduler\'s training.parametersSchema (the schedulers query).' })
  name?: string | null;
}
