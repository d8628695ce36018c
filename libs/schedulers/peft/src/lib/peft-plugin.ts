import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { peft, type OctCommunication } from './peft.js';

export const peftPlugin: SchedulerPlugin = {
  metadata: {
    name: 'peft',
    version: '1.0.0',
    description: 'Predict Earliest Finish Time (Arabnejad & Barbosa 2014): optimistic cost table lookahead, insertion-based list scheduling.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      communication: {
        type: 'string',
        description:
          'Communication cost inside the optimistic cost table: "mean" (the paper: the edge\'s mean cost over processor pairs) or "link" (the actual transfer time between the two processors, as SAGA computes it).',
        default: 'mean',
        enum: ['mean', 'link'],
      },
    },
  },
  async schedule(problem, options) {
    return { schedule: peft(problem, { communication: options['communication'] as OctCommunication }) };
  },
};
