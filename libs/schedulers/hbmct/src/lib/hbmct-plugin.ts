import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { hbmct } from './hbmct.js';

export const hbmctPlugin: SchedulerPlugin = {
  metadata: {
    name: 'hbmct',
    version: '1.0.0',
    description: 'Hybrid Balanced Minimum Completion Time (Sakellariou & Zhao 2004): ranked groups of independent tasks, each balanced by BMCT.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: hbmct(problem) };
  },
};
