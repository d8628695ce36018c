import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { DateTime, JSONObject } from '../common/scalars.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'A trained model of a learned scheduler (DeepSched), stored in the database. Use it with scheduleWorkflow(scheduler: "deepsched", ' +
    'options: { model: "<id>" }); the run records it in `modelVersion`.',
})
export class ModelVersion {
  @Field(() => ID, { description: "The model's version (its metadata.version): the value of a run's options.model." })
  id!: string;

  @Field(() => String, { description: 'The scheduler it belongs to, e.g. "deepsched".' })
  plugin!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => JSONObject, { description: 'What the plugin measured of the kept model, e.g. validation loss and accuracy.' })
  metrics!: Record<string, unknown>;

  @Field(() => JSONObject, { description: 'The model\'s configuration as the plugin reports it (e.g. a network shape).' })
  config!: Record<string, unknown>;

  @Field(() => JSONObject, { description: "The model's own metadata: version, createdAt, config, training (examples, epochs, seed), metrics." })
  metadata!: Record<string, unknown>;

  @Field(() => Int, { description: 'Size of the serialized model in bytes.' })
  sizeBytes!: number;

  @Field(() => ID, { nullable: true, description: 'The training run that made it; null for a model stored otherwise.' })
  trainingRunId!: string | null;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class ModelVersionConnection extends ConnectionType(ModelVersion, 'ModelVersion') {}
