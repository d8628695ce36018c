import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { fcp } from './fcp.js';

export const fcpPlugin: SchedulerPlugin = {
  metadata: {
    name: 'fcp',
    version: '1.0.0',
    description: 'Fast Critical Path (Radulescu & van Gemund, ICS 1999 / IEEE TPDS 2002): a bounded priority queue, each task on its enabling or the first idle processor.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: fcp(problem) };
  },
};
