import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { mct } from './mct.js';

export const mctPlugin: SchedulerPlugin = {
  metadata: {
    name: 'mct',
    version: '1.0.0',
    description: 'Minimum Completion Time (Braun et al., JPDC 2001): each task, in topological order, where it completes first.',
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
    return { schedule: mct(problem, { insertion: options['insertion'] === true }) };
  },
};
