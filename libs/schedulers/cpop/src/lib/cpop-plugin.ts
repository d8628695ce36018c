import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { cpop } from './cpop.js';

export const cpopPlugin: SchedulerPlugin = {
  metadata: {
    name: 'cpop',
    version: '1.0.0',
    description: 'Critical-Path-on-a-Processor (Topcuoglu, Hariri & Wu 2002): the critical path on one processor, other tasks by earliest finish time.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: cpop(problem) };
  },
};
