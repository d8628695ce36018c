import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { etf } from './etf.js';

export const etfPlugin: SchedulerPlugin = {
  metadata: {
    name: 'etf',
    version: '1.0.0',
    description: 'Earliest Time First (Hwang, Chow, Anger & Lee, SIAM J. Computing 1989): the ready task and processor of earliest start, ties by static level.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: etf(problem) };
  },
};
