import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { WBA_DEFAULTS } from './wba.js';
import { wbaSearch } from './wba-search.js';

/** Constructions one run may ask for. */
const MAX_ITERATIONS = 100_000;
const MAX_SEED = 4_294_967_295;

export const wbaPlugin: SchedulerPlugin = {
  metadata: {
    name: 'wba',
    version: '1.0.0',
    description:
      'Workflow-based allocation (Blythe et al., CCGrid 2005): greedy randomised placement by the increase of the makespan, seeded.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: true, cancellable: true, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      seed: {
        type: 'integer',
        default: WBA_DEFAULTS.seed,
        minimum: 0,
        maximum: MAX_SEED,
        description: 'Seed of the random choices: the same seed, problem and options give the same schedule.',
      },
      alpha: {
        type: 'number',
        default: WBA_DEFAULTS.alpha,
        minimum: 0,
        maximum: 1,
        description: 'Width of the candidate list: pairs whose makespan increase is at most min + alpha·(max - min); 0 is greedy.',
      },
      iterations: {
        type: 'integer',
        default: WBA_DEFAULTS.iterations,
        minimum: 1,
        maximum: MAX_ITERATIONS,
        description: 'Randomised constructions to run (GRASP iterations); the shortest schedule is kept.',
      },
    },
  },
  async schedule(problem, options, context) {
    return wbaSearch(problem, { seed: options['seed'] as number, alpha: options['alpha'] as number, iterations: options['iterations'] as number }, context);
  },
};
