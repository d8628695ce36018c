import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { flb } from './flb.js';

export const flbPlugin: SchedulerPlugin = {
  metadata: {
    name: 'flb',
    version: '1.0.0',
    description: 'Fast Load Balancing (Radulescu & van Gemund, ICPP 1999 / IEEE TPDS 2002): ETF\'s earliest start from EP and non-EP task lists in O(V log W + E).',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: flb(problem) };
  },
};
