import { ValidationError } from '../errors.js';
import { checkSchedule } from '../checker/check-schedule.js';
import { computeMetrics, type ScheduleMetrics } from '../metrics/metrics.js';
import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { toAssignments, type Assignment } from '../schedule/schedule.js';
import { resolveOptions, type ResolvedOptions } from './options-schema.js';
import { detachedContext, type ScheduleContext, type SchedulerPlugin } from './scheduler-plugin.js';

/** What running a scheduler gives: the checked schedule, its metrics and the options it ran with (not a stored run). */
export interface ScheduleOutcome {
  scheduler: string;
  schedulerVersion: string;
  options: ResolvedOptions;
  makespan: number;
  metrics: ScheduleMetrics;
  assignments: Assignment[];
  info?: Record<string, unknown>;
}

/** Raised when a plugin returns a schedule the independent checker rejects: a bug in the plugin, never in the input. */
export class InvalidScheduleError extends Error {
  constructor(
    readonly scheduler: string,
    readonly violations: string[],
  ) {
    super(`scheduler "${scheduler}" produced an invalid schedule: ${violations.slice(0, 3).join('; ')}`);
    this.name = this.constructor.name;
  }
}

/**
 * Runs a plugin the way every caller should: options validated and defaulted, the result verified by the
 * independent checker (a plugin cannot hand an invalid schedule to a user), metrics computed.
 */
export async function runScheduler(
  plugin: SchedulerPlugin,
  problem: SchedulingProblem,
  rawOptions: unknown = {},
  context: ScheduleContext = detachedContext(),
): Promise<ScheduleOutcome> {
  const options = resolveOptions(plugin.optionsSchema, rawOptions);
  if (plugin.metadata.capabilities.maxProcessors !== undefined && problem.processorCount > plugin.metadata.capabilities.maxProcessors) {
    throw new ValidationError(
      [
        {
          severity: 'error',
          path: '$.processors',
          message: `scheduler "${plugin.metadata.name}" handles at most ${plugin.metadata.capabilities.maxProcessors} processors, the cluster has ${problem.processorCount}`,
        },
      ],
      'cluster for this scheduler',
    );
  }
  const result = await plugin.schedule(problem, options, context);
  const assignments = toAssignments(problem, result.schedule);
  const check = checkSchedule(problem.workflow, problem.cluster, assignments);
  if (!check.valid) throw new InvalidScheduleError(plugin.metadata.name, check.violations.map((v) => v.message));
  const metrics = computeMetrics(problem, result.schedule);
  return {
    scheduler: plugin.metadata.name,
    schedulerVersion: plugin.metadata.version,
    options,
    makespan: metrics.makespan,
    metrics,
    assignments,
    ...(result.info ? { info: result.info } : {}),
  };
}
