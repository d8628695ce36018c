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

@ObjectType({ simpleResolvers: true, description: 'How a learning scheduler is trained (trainModel) and what training produces.' })
export class SchedulerTraining {
  @Field(() => String, { description: 'The kind of artifact training stores (a ModelVersion of this scheduler), e.g. "deepsched-model".' })
  artifactKind!: string;

  @Field(() => JSONObject, { description: "trainModel's parameters as JSON Schema (scalars with defaults and bounds, lists, groups); clients can render a form from it." })
  parametersSchema!: OptionsSchema;
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
    description: 'The options it accepts, as JSON Schema (scalar properties with defaults and bounds, lists, groups); clients can render a form from it.',
  })
  optionsSchema!: OptionsSchema;

  @Field(() => Boolean, { description: 'Whether it may be used now; a disabled scheduler is listed but refused by scheduleWorkflow.' })
  enabled!: boolean;

  @Field(() => SchedulerTraining, { nullable: true, description: 'Set for a learning scheduler: trainModel trains it. Null for the others.' })
  training!: SchedulerTraining | null;
}
