import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { heft } from './heft.js';

export const heftPlugin: SchedulerPlugin = {
  metadata: {
    name: 'heft',
    version: '1.0.0',
    description: 'Heterogeneous Earliest Finish Time (Topcuoglu, Hariri & Wu 2002), insertion-based list scheduling by upward rank.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: heft(problem) };
  },
};
