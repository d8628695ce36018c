import { Field, Float, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Run } from '../common/run.type.js';
import { JSONObject } from '../common/scalars.js';

@ObjectType({ simpleResolvers: true, description: 'Task `task` runs on `processor` from `start` to `finish`.' })
export class Assignment {
  @Field(() => ID)
  task!: string;

  @Field(() => ID)
  processor!: string;

  @Field(() => Float)
  start!: number;

  @Field(() => Float)
  finish!: number;
}

@ObjectType({ simpleResolvers: true })
export class ProcessorUtilisation {
  @Field(() => ID)
  processor!: string;

  @Field(() => Float, { description: 'Busy time / makespan.' })
  utilisation!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The quality of a schedule (docs/metrics.md).' })
export class ScheduleMetrics {
  @Field(() => Float)
  makespan!: number;

  @Field(() => Float, { description: 'Schedule length ratio: makespan / critical path at minimum costs.' })
  slr!: number;

  @Field(() => Float, { description: 'Best sequential time / makespan.' })
  speedup!: number;

  @Field(() => Float, { description: 'speedup / number of processors.' })
  efficiency!: number;

  @Field(() => Float, { description: 'Mean task finish time.' })
  averageTurnaround!: number;

}

@ObjectType({ implements: Run, simpleResolvers: true, description: 'One scheduling request and its outcome.' })
export class ScheduleRun extends Run {
  @Field(() => ID)
  workflowId!: string;

  @Field(() => ID)
  clusterId!: string;

  @Field(() => JSONObject, { description: 'The options the scheduler ran with, defaults filled in.' })
  options!: Record<string, unknown>;

  @Field(() => Float, { nullable: true, description: 'Null until the run succeeded.' })
  makespan!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class ScheduleRunConnection extends ConnectionType(ScheduleRun, 'ScheduleRun') {}

@ObjectType({ simpleResolvers: true, description: 'Runs of several schedulers on one problem, side by side.' })
export class ScheduleComparison {
  @Field(() => [ScheduleRun], { description: 'One run per requested scheduler, in the order asked.' })
  runs!: ScheduleRun[];

  @Field(() => ScheduleRun, { nullable: true, description: 'The succeeded run with the smallest makespan (the first on a tie).' })
  best!: ScheduleRun | null;
}
