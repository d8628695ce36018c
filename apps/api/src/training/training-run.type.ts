import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { DateTime, JSONObject } from '../common/scalars.js';
import { RunStatus } from '../runs/schedule-run.type.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'A model training run (docs/runs.md#training-runs): queued and executed by a worker like a schedule run, with the same lifecycle, ' +
    'cancelTrainingRun, and progress over the runProgress subscription (one event per epoch, batches throttled).',
})
export class TrainingRun {
  @Field(() => ID)
  id!: string;

  @Field(() => RunStatus)
  status!: RunStatus;

  @Field(() => String, { description: 'The scheduler whose model it trains ("deepsched").' })
  scheduler!: string;

  @Field(() => String)
  schedulerVersion!: string;

  @Field(() => JSONObject, { description: 'The training parameters, defaults filled in: dataset, epochs, batchSize, learningRate, patience, seed, validationFraction, name.' })
  parameters!: Record<string, unknown>;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed or was cancelled.' })
  error!: string | null;

  @Field(() => JSONObject, {
    nullable: true,
    description: 'The outcome: modelVersion, stoppedBy ("epochs", "early-stopping", "time limit"), epochsRun, bestEpoch, trainExamples, validationExamples, backend, metrics.',
  })
  info!: Record<string, unknown> | null;
}

@ObjectType({ simpleResolvers: true })
export class TrainingRunConnection extends ConnectionType(TrainingRun, 'TrainingRun') {}
