import { Field, ID, InterfaceType, registerEnumType } from 'type-graphql';
import { DateTime, JSONObject } from './scalars.js';

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

export enum RunKind {
  SCHEDULE = 'SCHEDULE',
  TRAINING = 'TRAINING',
  HARD_INSTANCE = 'HARD_INSTANCE',
}

registerEnumType(RunKind, {
  name: 'RunKind',
  description:
    'What a run does: schedule a workflow on a cluster (ScheduleRun), train a learning scheduler (TrainingRun), or search for the problem ' +
    'on which one scheduler does worst against another (HardInstanceRun).',
});

/** The GraphQL type of each kind of run. */
const RUN_TYPES: Readonly<Record<RunKind, string>> = { SCHEDULE: 'ScheduleRun', TRAINING: 'TrainingRun', HARD_INSTANCE: 'HardInstanceRun' };

/**
 * The object type of a run, synchronously: type-graphql wraps `resolveType` in an async function, which graphql-js
 * awaits but the compiled executor (server/compiled-executor.ts) cannot, so it is given this one as well.
 */
export function runTypeName(run: { kind?: string }): string {
  return RUN_TYPES[run.kind as RunKind] ?? 'ScheduleRun';
}

/**
 * What every run has, whatever it does: one lifecycle (queued, executed by a worker, followed over runProgress,
 * cancellable), the plugin that ran and how it ended. ScheduleRun, TrainingRun and HardInstanceRun implement it.
 */
@InterfaceType({
  description: 'A queued piece of work done by scheduler plugins on a worker (docs/runs.md): a ScheduleRun, a TrainingRun or a HardInstanceRun.',
  resolveType: runTypeName,
})
export abstract class Run {
  @Field(() => ID)
  id!: string;

  @Field(() => RunKind)
  kind!: RunKind;

  @Field(() => RunStatus)
  status!: RunStatus;

  @Field(() => String, { description: 'The scheduler plugin that runs (or trains).' })
  scheduler!: string;

  @Field(() => String)
  schedulerVersion!: string;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed or was cancelled.' })
  error!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'What the plugin reported with its result.' })
  info!: Record<string, unknown> | null;
}
