import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { maxmin } from './maxmin.js';

export const maxminPlugin: SchedulerPlugin = {
  metadata: {
    name: 'maxmin',
    version: '1.0.0',
    description: 'Max-min (Braun et al., JPDC 2001): the ready task of largest earliest completion time first, on that processor.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    properties: {
      insertion: {
        type: 'boolean',
        description: "Place each task in the earliest idle gap long enough instead of after its processor's last task (the paper's model).",
        default: false,
      },
    },
    additionalProperties: false,
  },
  async schedule(problem, options) {
    return { schedule: maxmin(problem, { insertion: options['insertion'] === true }) };
  },
};
