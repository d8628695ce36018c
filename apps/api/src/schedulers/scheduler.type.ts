import type { OptionsSchema } from '@hetsched/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { JSONObject } from '../common/scalars.js';

@ObjectType({ simpleResolvers: true, description: 'What a scheduler can do (SchedulerPlugin capabilities).' })
export class SchedulerCapabilities {
  @Field(() => Boolean, { description: 'Reports progress while it runs.' })
  progress!: boolean;

  @Field(() => Boolean, { description: 'Stops promptly when a run is cancelled.' })
  cancellable!: boolean;

  @Field(() => Boolean, { description: 'The same problem, options and seed always give the same schedule.' })
  deterministic!: boolean;

  @Field(() => Int, { nullable: true, description: 'The largest cluster it accepts, when it has a limit.' })
  maxProcessors!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A scheduling algorithm the API can run.' })
export class Scheduler {
  @Field(() => String, { description: 'The name to pass to scheduleWorkflow (e.g. "heft").' })
  name!: string;

  @Field(() => String)
  version!: string;

  @Field(() => String)
  description!: string;

  @Field(() => SchedulerCapabilities)
  capabilities!: SchedulerCapabilities;

  @Field(() => JSONObject, {
    description: 'The options it accepts, as JSON Schema (an object of scalar properties with defaults and bounds); clients can render a form from it.',
  })
  optionsSchema!: OptionsSchema;

  @Field(() => Boolean, { description: 'Whether it may be used now; a disabled scheduler is listed but refused by scheduleWorkflow.' })
  enabled!: boolean;
}
