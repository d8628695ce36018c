import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { duplex } from './duplex.js';

export const duplexPlugin: SchedulerPlugin = {
  metadata: {
    name: 'duplex',
    version: '1.0.0',
    description: 'Duplex (Braun et al., JPDC 2001): the better of the Min-min and Max-min schedules.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    properties: {
      insertion: {
        type: 'boolean',
        description: "Place each task in the earliest idle gap long enough instead of after its processor's last task (the paper's model), in both Min-min and Max-min.",
        default: false,
      },
    },
    additionalProperties: false,
  },
  async schedule(problem, options) {
    const { schedule, chosen, minminMakespan, maxminMakespan } = duplex(problem, { insertion: options['insertion'] === true });
    return { schedule, info: { chosen, minminMakespan, maxminMakespan } };
  },
};
