import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { DateTime, JSONObject } from '../common/scalars.js';

export enum RunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED.',
});

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

@ObjectType({ simpleResolvers: true, description: 'One scheduling request and its outcome.' })
export class ScheduleRun {
  @Field(() => ID)
  id!: string;

  @Field(() => RunStatus)
  status!: RunStatus;

  @Field(() => ID)
  workflowId!: string;

  @Field(() => ID)
  clusterId!: string;

  @Field(() => String)
  scheduler!: string;

  @Field(() => String)
  schedulerVersion!: string;

  @Field(() => JSONObject, { description: 'The options the scheduler ran with, defaults filled in.' })
  options!: Record<string, unknown>;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Null until the run succeeded.' })
  makespan!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed.' })
  error!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'What the scheduler reported with its result.' })
  info!: Record<string, unknown> | null;
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
