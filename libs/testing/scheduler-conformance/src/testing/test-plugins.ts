import {
  priorityOrder,
  Random,
  SCHEDULER_PLUGIN_API_VERSION,
  ScheduleAbortedError,
  scheduleWithAssignment,
  makespanOf,
  upwardRanks,
  type Schedule,
  type SchedulerCapabilities,
  type SchedulerPlugin,
  type SchedulingProblem,
} from '@hetsched/core';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A plugin that does everything right: random assignments in upward-rank order, the best of `restarts` kept;
 * seeded, cancellable between restarts (best so far, or ScheduleAbortedError before the first), progress after
 * each restart.
 */
export const randomRestartPlugin: SchedulerPlugin = {
  metadata: {
    name: 'random-restart',
    version: '1.0.0',
    description: 'best of random processor assignments (a test plugin)',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: true, cancellable: true, deterministic: true, maxProcessors: 6 },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      restarts: { type: 'integer', description: 'random assignments tried', default: 20, minimum: 1, maximum: 1_000_000 },
      seed: { type: 'integer', description: 'random seed', default: 1, minimum: 0 },
      bias: { type: 'number', description: 'chance of keeping the previous processor', default: 0, minimum: 0, maximum: 1 },
      order: { type: 'string', description: 'task order', default: 'rank', enum: ['rank', 'topological'] },
      verbose: { type: 'boolean', description: 'log nothing, really', default: false },
      label: { type: 'string', description: 'free text without default' },
    },
  },
  async schedule(problem, options, context) {
    const restarts = options['restarts'] as number;
    const random = new Random(options['seed'] as number);
    const order = options['order'] === 'rank' ? priorityOrder(problem, upwardRanks(problem)) : problem.topologicalOrder;
    let best: Schedule | undefined;
    const processorOf = new Int32Array(problem.taskCount);
    for (let r = 0; r < restarts; r++) {
      if (context.signal.aborted) break;
      for (let t = 0; t < problem.taskCount; t++) {
        if (t === 0 || !random.chance(options['bias'] as number)) processorOf[t] = random.int(0, problem.processorCount - 1);
        else processorOf[t] = processorOf[t - 1]!;
      }
      const schedule = scheduleWithAssignment(problem, order, processorOf);
      if (!best || makespanOf(schedule) < makespanOf(best)) best = schedule;
      context.reportProgress({ fraction: (r + 1) / restarts, data: { restart: r + 1, best: makespanOf(best) } });
      if (r % 8 === 7) await yieldToEventLoop();
    }
    if (!best) throw new ScheduleAbortedError();
    return { schedule: best, info: { restarts } };
  },
};

/** A minimal plugin: all tasks on processor 0 in topological order, or whatever `schedule` does instead. */
export function testPlugin(
  schedule: SchedulerPlugin['schedule'] = async (problem) => ({ schedule: scheduleWithAssignment(problem, problem.topologicalOrder, new Int32Array(problem.taskCount)) }),
  capabilities: Partial<SchedulerCapabilities> = {},
): SchedulerPlugin {
  return {
    metadata: {
      name: 'test-plugin',
      version: '0.0.1',
      description: 'a test plugin',
      apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
      capabilities: { progress: false, cancellable: false, deterministic: false, ...capabilities },
    },
    optionsSchema: { type: 'object', properties: {} },
    schedule,
  };
}

/** Every task at time 0 on processor 0: overlaps (and precedence violations) the checker rejects. */
export const overlappingPlugin = testPlugin(async (problem: SchedulingProblem) => {
  const n = problem.taskCount;
  const finish = new Float64Array(n);
  for (let t = 0; t < n; t++) finish[t] = problem.cost[t * problem.processorCount]!;
  return { schedule: { processorOf: new Int32Array(n), start: new Float64Array(n), finish } };
});
