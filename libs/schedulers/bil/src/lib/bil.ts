import {
  priorityOrder,
  scheduleEarliestFinish,
  scheduleWithAssignment,
  SCHEDULER_PLUGIN_API_VERSION,
  upwardRanks,
  type Schedule,
  type SchedulerPlugin,
  type SchedulingProblem,
} from '@hetsched/core';

/** How each task, taken in priority order, picks its processor. */
export type ProcessorChoice = 'earliest-finish' | 'round-robin';

export interface BilOptions {
  processorChoice: ProcessorChoice;
}

/**
 * A list scheduler to start from: tasks by decreasing upward rank (HEFT's priority; `priorityOrder` always gives a
 * precedence-respecting order), each placed insertion-based either on the processor where it finishes earliest or
 * on the next processor in turn. Replace the body with your algorithm; the result must be a Schedule of `problem`
 * (`runScheduler` has it checked independently).
 */
export function scheduleBil(problem: SchedulingProblem, options: BilOptions = { processorChoice: 'earliest-finish' }): Schedule {
  const order = priorityOrder(problem, upwardRanks(problem));
  if (options.processorChoice === 'earliest-finish') return scheduleEarliestFinish(problem, order);
  const processorOf = new Int32Array(problem.taskCount);
  for (let k = 0; k < order.length; k++) processorOf[order[k]!] = k % problem.processorCount;
  return scheduleWithAssignment(problem, order, processorOf);
}

export const bilPlugin: SchedulerPlugin = {
  metadata: {
    name: 'bil',
    version: '0.1.0',
    description: 'The bil scheduler, as a hetsched scheduler plugin.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    // Declare only what the code does: the conformance suite tests every capability declared here.
    capabilities: { progress: false, cancellable: false, deterministic: true },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      processorChoice: {
        type: 'string',
        description: 'How each task picks its processor: where it finishes earliest, or the next one in turn.',
        default: 'earliest-finish',
        enum: ['earliest-finish', 'round-robin'],
      },
    },
  },
  async schedule(problem, options) {
    return { schedule: scheduleBil(problem, { processorChoice: options['processorChoice'] as ProcessorChoice }) };
  },
};
