import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { dps } from './dps.js';

export const dpsPlugin: SchedulerPlugin = {
  metadata: {
    name: 'dps',
    version: '1.0.0',
    description: 'Decisive Path Scheduling (Park, Shirazi, Marquis & Choo, ICPP 1997): priority top + bottom level, earliest finish time with insertion.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    return { schedule: dps(problem) };
  },
};
