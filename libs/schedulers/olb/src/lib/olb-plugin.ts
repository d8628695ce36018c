import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { olb } from './olb.js';

export const olbPlugin: SchedulerPlugin = {
  metadata: {
    name: 'olb',
    version: '1.0.0',
    description: 'Opportunistic Load Balancing (Braun et al., JPDC 2001): each task on the processor available first, whatever its speed.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: olb(problem) };
  },
};
