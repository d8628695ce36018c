import { SCHEDULER_PLUGIN_API_VERSION, type OptionsSchema, type SchedulerPlugin } from '@hetsched/core';
import { DEFAULT_TIME_LIMIT_MS, solveExact } from './exact.js';

/** Eight significant digits: enough to follow a search, without floating-point noise. */
const shown = (x: number) => Number(x.toPrecision(8));

/** An hour: the longest search a run may ask for. */
const MAX_TIME_LIMIT_MS = 3_600_000;

export const exactOptionsSchema: OptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeLimitMs: {
      type: 'integer',
      default: DEFAULT_TIME_LIMIT_MS,
      minimum: 1,
      maximum: MAX_TIME_LIMIT_MS,
      description: 'Wall-clock budget in milliseconds; the best schedule found and a proven lower bound are returned when it runs out.',
    },
    nodeLimit: {
      type: 'integer',
      default: 0,
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Stop after this many branch-and-bound nodes (0: no limit). Reached before the time limit, it makes the result the same on every machine.',
    },
  },
};

export const exactPlugin: SchedulerPlugin = {
  metadata: {
    name: 'exact',
    version: '1.0.0',
    description: 'Optimal makespan by depth-first branch and bound (canonical append order, active schedules, processor symmetry, path and load bounds) for small problems; best found and a lower bound otherwise.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    // Not deterministic: a time limit that cuts the search makes the result depend on the machine's speed (the
    // README says how to get reproducible results with a node limit).
    capabilities: { progress: true, cancellable: true, deterministic: false },
  },
  optionsSchema: exactOptionsSchema,
  async schedule(problem, options, context) {
    const { schedule, elapsedMs: _deprecatedAlias, ...info } = await solveExact(problem, {
      timeLimitMs: options['timeLimitMs'] as number,
      nodeLimit: options['nodeLimit'] as number,
      signal: context.signal,
      now: () => context.now(),
      onProgress: (progress) =>
        context.reportProgress({
          fraction: progress.fraction,
          message: `best ${shown(progress.makespan)}, lower bound ${shown(progress.lowerBound)}`,
          data: { makespan: progress.makespan, lowerBound: progress.lowerBound, gap: progress.gap, nodes: progress.nodes, timeMs: progress.timeMs },
        }),
    });
    return { schedule, info: { ...info } };
  },
};
