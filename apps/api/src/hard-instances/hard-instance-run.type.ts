import { ObjectType } from 'type-graphql';
import { Run } from '../common/run.type.js';

@ObjectType({
  implements: Run,
  simpleResolvers: true,
  description:
    'A search for the problem on which one scheduler (the target, `scheduler`) does worst against another (the baseline): PISA\'s ' +
    'simulated annealing over small workflows and clusters, maximising makespan(target) / makespan(baseline) (docs/runs.md#hard-instance-runs). ' +
    'Queued and executed by a worker like any run, with progress over runProgress (iteration, temperature, currentRatio, bestRatio) and ' +
    'cancelHardInstanceRun. On success the instance found is stored as a workflow and a cluster (tags "hard-instance" and ' +
    '"<target>-vs-<baseline>"), ready to schedule.',
})
export class HardInstanceRun extends Run {}
