import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { DEFAULT_LOOKAHEAD, lookaheadHeft } from './lookahead-heft.js';

/** Deeper lookahead multiplies the work by the number of descendants looked at; the paper saw little gain past 2-3. */
const MAX_DEPTH = 4;

export const lookaheadHeftPlugin: SchedulerPlugin = {
  metadata: {
    name: 'lookahead-heft',
    version: '1.0.0',
    description: "Lookahead HEFT (Bittencourt, Sakellariou & Madeira 2010): HEFT's order, each processor chosen by the children's earliest finish times.",
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      depth: {
        type: 'integer',
        description: 'Levels of descendants scheduled ahead when choosing a processor: 1 = the children (the paper\'s algorithm); more costs more.',
        default: DEFAULT_LOOKAHEAD.depth,
        minimum: 1,
        maximum: MAX_DEPTH,
      },
    },
  },
  async schedule(problem, options) {
    return { schedule: lookaheadHeft(problem, { depth: options['depth'] as number }) };
  },
};
