import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { minmin } from './minmin.js';

export const minminPlugin: SchedulerPlugin = {
  metadata: {
    name: 'minmin',
    version: '1.0.0',
    description: 'Min-min (Braun et al., JPDC 2001): the ready task of smallest earliest completion time first, on that processor.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: minmin(problem) };
  },
};
