import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { bil } from './bil.js';

export const bilPlugin: SchedulerPlugin = {
  metadata: {
    name: 'bil',
    version: '1.0.0',
    description: 'Best Imaginary Level scheduling (Oh & Ha, Euro-Par 1996): tasks by their k-th best imaginary makespan, processors by the revised BIM*.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: bil(problem) };
  },
};
