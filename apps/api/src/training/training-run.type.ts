import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Run } from '../common/run.type.js';

@ObjectType({
  implements: Run,
  simpleResolvers: true,
  description:
    'A training run of a learning scheduler (docs/runs.md#training-runs): queued and executed by a worker like a schedule run, with the ' +
    'same lifecycle, cancelTrainingRun, and progress over the runProgress subscription (an event per epoch, batches throttled). ' +
    'Its info holds the outcome: modelVersion, stoppedBy ("epochs", "early-stopping", "time limit"), epochsRun, metrics.',
})
export class TrainingRun extends Run {}

@ObjectType({ simpleResolvers: true })
export class TrainingRunConnection extends ConnectionType(TrainingRun, 'TrainingRun') {}
