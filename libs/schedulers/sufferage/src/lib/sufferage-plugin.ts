import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { sufferage } from './sufferage.js';

export const sufferagePlugin: SchedulerPlugin = {
  metadata: {
    name: 'sufferage',
    version: '1.0.0',
    description: 'Sufferage (Maheswaran et al., JPDC 1999): each processor to the ready task that would suffer most without it, in passes.',
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
    const { schedule, passes } = sufferage(problem, { insertion: options['insertion'] === true });
    return { schedule, info: { passes } };
  },
};
