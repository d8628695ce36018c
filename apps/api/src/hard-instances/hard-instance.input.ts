import { MAX_ITERATIONS, MAX_PROCESSORS, MAX_TASKS, MIN_TASKS, PISA_COOLING_RATE, PISA_ITERATIONS, PISA_MAX_TEMPERATURE, PISA_MIN_TEMPERATURE } from '@hetsched/hard-instances';
import { Field, Float, InputType, Int } from 'type-graphql';
import { JSONObject } from '../common/scalars.js';

@InputType({ description: 'The search\'s settings (absent ones take their defaults, PISA\'s where it has one) and both schedulers\' options.' })
export class HardInstanceOptions {
  @Field(() => Int, { nullable: true, description: `Instances evaluated, each scheduled by both schedulers (1-${MAX_ITERATIONS}; default ${PISA_ITERATIONS}).` })
  iterations?: number | null;

  @Field(() => Int, { nullable: true, description: `Most tasks a workflow may grow to (${MIN_TASKS}-${MAX_TASKS}; default 10).` })
  maxTasks?: number | null;

  @Field(() => Int, { nullable: true, description: `Most processors of the cluster (1-${MAX_PROCESSORS}; default 5).` })
  maxProcessors?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seed of the search (at least 0; default 1): the same seed, the same instance, when both schedulers are deterministic.' })
  seed?: number | null;

  @Field(() => Float, { nullable: true, description: `Temperature at the start of each annealing run (default ${PISA_MAX_TEMPERATURE}).` })
  maxTemperature?: number | null;

  @Field(() => Float, { nullable: true, description: `A run ends, and the next starts afresh, once the temperature reaches it (default ${PISA_MIN_TEMPERATURE}).` })
  minTemperature?: number | null;

  @Field(() => Float, { nullable: true, description: `Factor applied to the temperature after each iteration (default ${PISA_COOLING_RATE}).` })
  coolingRate?: number | null;

  @Field(() => JSONObject, { nullable: true, description: "The target scheduler's options (its optionsSchema in the schedulers query)." })
  targetOptions?: Record<string, unknown> | null;

  @Field(() => JSONObject, { nullable: true, description: "The baseline scheduler's options, e.g. exact's { nodeLimit } for a reproducible optimum." })
  baselineOptions?: Record<string, unknown> | null;
}
