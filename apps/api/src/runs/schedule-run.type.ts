import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Run, RunStatus } from '../common/run.type.js';
import { DateTime, JSONObject } from '../common/scalars.js';

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

  @Field(() => ID, { nullable: true, description: 'The comparison (compareSchedulers) this run belongs to; read it with `comparison(id)`.' })
  comparisonId!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class ScheduleRunConnection extends ConnectionType(ScheduleRun, 'ScheduleRun') {}

@ObjectType({ simpleResolvers: true, description: 'A scheduler a comparison did not run, and why.' })
export class SkippedScheduler {
  @Field(() => String)
  scheduler!: string;

  @Field(() => String, { description: 'E.g. the cluster has more processors than the scheduler handles (its maxProcessors).' })
  reason!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One run of a comparison, as its ranking shows it.' })
export class RankedRun {
  @Field(() => Int, {
    nullable: true,
    description: '1 for the smallest makespan; makespans equal to 12 significant digits share a rank (1, 2, 2, 4). Null for a run without a schedule.',
  })
  rank!: number | null;

  @Field(() => String)
  scheduler!: string;

  @Field(() => RunStatus)
  status!: RunStatus;

  @Field(() => Float, { nullable: true, description: 'Null until the run succeeded.' })
  makespan!: number | null;

  @Field(() => Float, { nullable: true, description: 'Schedule length ratio (makespan / critical path at minimum costs); null until the run succeeded.' })
  slr!: number | null;

  @Field(() => Float, { nullable: true, description: 'Best sequential time / makespan; null until the run succeeded.' })
  speedup!: number | null;

  @Field(() => Float, { nullable: true, description: 'speedup / number of processors; null until the run succeeded.' })
  efficiency!: number | null;

  @Field(() => Float, { nullable: true, description: 'finishedAt − startedAt in milliseconds (queueing not included); null until the run ended.' })
  runTimeMs!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed or was cancelled.' })
  error!: string | null;

  @Field(() => ScheduleRun)
  run!: ScheduleRun;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Runs of several schedulers on one problem, side by side (compareSchedulers). Runs are queued: read the comparison again with ' +
    '`comparison(id)` until `finished` to see the final ranking.',
})
export class ScheduleComparison {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workflowId!: string;

  @Field(() => ID)
  clusterId!: string;

  @Field(() => Boolean, { description: 'Every enabled scheduler was asked for (`all: true`).' })
  all!: boolean;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => [ScheduleRun], { description: 'One run per scheduler, in the order asked (with `all`: by scheduler name).' })
  runs!: ScheduleRun[];

  @Field(() => [RankedRun], {
    description:
      'The runs ordered by makespan once succeeded (ties by scheduler name), then the others (queued, running, failed, cancelled) in the order asked.',
  })
  ranking!: RankedRun[];

  @Field(() => ScheduleRun, { nullable: true, description: "The ranking's first: the succeeded run with the smallest makespan; null until a run succeeds." })
  best!: ScheduleRun | null;

  @Field(() => [SkippedScheduler], { description: 'With `all`: the enabled schedulers that cannot take this cluster, and why.' })
  skipped!: SkippedScheduler[];

  @Field(() => Boolean, { description: 'Every run has ended (SUCCEEDED, FAILED or CANCELLED): the ranking is final.' })
  finished!: boolean;
}
