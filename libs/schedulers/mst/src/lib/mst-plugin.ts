import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { mst } from './mst.js';

export const mstPlugin: SchedulerPlugin = {
  metadata: {
    name: 'mst',
    version: '1.0.0',
    description: 'Minimum Start Time, as the SAGA library defines it (no paper): tasks in topological order, each to the processor where it can start first.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: mst(problem) };
  },
};
