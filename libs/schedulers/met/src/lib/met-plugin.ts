import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { met } from './met.js';

export const metPlugin: SchedulerPlugin = {
  metadata: {
    name: 'met',
    version: '1.0.0',
    description: 'Minimum Execution Time (Braun et al., JPDC 2001): each task on the processor where it runs fastest, whatever the load.',
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
    return { schedule: met(problem, { insertion: options['insertion'] === true }) };
  },
};
