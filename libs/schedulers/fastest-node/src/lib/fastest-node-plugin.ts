import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { fastestNode } from './fastest-node.js';

export const fastestNodePlugin: SchedulerPlugin = {
  metadata: {
    name: 'fastest-node',
    version: '1.0.0',
    description: 'FastestNode, the sequential baseline: every task on the processor of least total cost (Topcuoglu et al. 2002), in topological order.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  async schedule(problem) {
    const { schedule, processor } = fastestNode(problem);
    return { schedule, info: { processor: problem.processorIds[processor] } };
  },
};
