import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { msbc } from './msbc.js';

export const msbcPlugin: SchedulerPlugin = {
  metadata: {
    name: 'msbc',
    version: '1.0.0',
    description:
      'MSBC (Multiple Strict Bounds Constraints) as the SAGA library defines it (it cites PACRIM 2005): strict-bound priorities, earliest start time.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      insertion: {
        type: 'boolean',
        default: false,
        description: "Let a task start in an idle gap between two tasks (SAGA's earlier msbc.py); off, as in SAGA v2.1.0, a task starts after the last one on its processor.",
      },
    },
  },
  async schedule(problem, options) {
    return { schedule: msbc(problem, { insertion: options['insertion'] === true }) };
  },
};
