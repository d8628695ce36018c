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
}

registerEnumType(RunKind, {
  name: 'RunKind',
  description: 'What a run does: schedule a workflow on a cluster (ScheduleRun), or train a learning scheduler (TrainingRun).',
});

/**
 * What every run has, whatever it does: one lifecycle (queued, executed by a worker, followed over runProgress,
 * cancellable), the plugin that ran and how it ended. ScheduleRun and TrainingRun implement it.
 */
@InterfaceType({
  description: 'A queued piece of work done by a scheduler plugin on a worker (docs/runs.md): a ScheduleRun or a TrainingRun.',
  resolveType: (run: { kind?: string }) => (run.kind === RunKind.TRAINING ? 'TrainingRun' : 'ScheduleRun'),
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
