import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { dls } from './dls.js';

export const dlsPlugin: SchedulerPlugin = {
  metadata: {
    name: 'dls',
    version: '1.0.0',
    description: 'Dynamic Level Scheduling (Sih & Lee, IEEE TPDS 1993): the ready task and processor of highest dynamic level, with the median-based heterogeneity term.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: dls(problem) };
  },
};
