import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTime, JSONObject } from '../common/scalars.js';
import { RunStatus } from '../common/run.type.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'One stored event of a run, numbered 1, 2, 3... per run: `status` events (QUEUED, RUNNING, then the final status) and ' +
    '`progress` events from the scheduler (at most about 10 a second; the GA reports generation, best and mean fitness, improvement over HEFT, elapsed time).',
})
export class RunProgressEvent {
  @Field(() => ID)
  runId!: string;

  @Field(() => Int, { description: "The event's number within its run." })
  sequence!: number;

  @Field(() => String, { description: 'Pass as `after` to runProgress to resume right after this event.' })
  cursor!: string;

  @Field(() => String, { description: '"status" or "progress".' })
  kind!: string;

  @Field(() => RunStatus, { nullable: true, description: 'For status events: the status the run moved to.' })
  status!: RunStatus | null;

  @Field(() => Float, { nullable: true, description: 'Completed fraction in [0, 1], when known.' })
  fraction!: number | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Scheduler-specific numbers (progress) or { status, error?, makespan? } (status).' })
  data!: Record<string, unknown> | null;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => Boolean, { description: 'True for the final status event: the subscription completes after it.' })
  final!: boolean;
}

@InputType({ description: 'All given conditions must hold; no filter: every run.' })
export class RunStatusFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these runs.' })
  runIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  workflowId?: string | null;

  @Field(() => String, { nullable: true })
  scheduler?: string | null;

  @Field(() => [RunStatus], { nullable: true, description: 'Only changes to one of these statuses.' })
  statuses?: RunStatus[] | null;
}
