import type { ResolvedOptions, SchedulerPlugin } from '@hetsched/core';
import type { ComparisonRecord, SkippedScheduler } from '@hetsched/db';
import type { Run } from '../store/api-store.js';
import { rankRuns, type RankedRunView } from './comparison-ranking.js';

/** How a request's arguments are named in messages (`schedulers[2].options: $.seed: ...`). */
export interface ArgumentNames {
  scheduler: string;
  options: string;
}

/** A scheduler ready to queue: its plugin, its options resolved and checked, and the argument that chose it. */
export interface PreparedRun {
  plugin: SchedulerPlugin;
  options: ResolvedOptions;
  argument: string;
}

/** The root of a ScheduleComparison object: the stored comparison, its runs as they stand, and their ranking. */
export interface ComparisonView {
  id: string;
  workflowId: string;
  clusterId: string;
  all: boolean;
  createdAt: Date;
  skipped: SkippedScheduler[];
  runs: Run<'SCHEDULE'>[];
  ranking: RankedRunView[];
  best: Run<'SCHEDULE'> | null;
  /** Every run is SUCCEEDED, FAILED or CANCELLED: the ranking will not change any more. */
  finished: boolean;
}

const FINAL_STATUSES: ReadonlySet<Run['status']> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function comparisonView(record: ComparisonRecord, runs: Run<'SCHEDULE'>[]): ComparisonView {
  const ranking = rankRuns(runs);
  return {
    id: record.id,
    workflowId: record.workflowId,
    clusterId: record.clusterId,
    all: record.all,
    createdAt: record.createdAt,
    skipped: record.skipped,
    runs,
    ranking,
    best: ranking[0]?.rank === 1 ? ranking[0].run : null,
    finished: runs.every((run) => FINAL_STATUSES.has(run.status)),
  };
}

/**
 * The options a scheduler runs with when a comparison of every scheduler names none: its defaults, except that a
 * learning scheduler whose model option does not default to a model it ships gets the first one it ships — a
 * comparison must not depend on which models happen to be stored.
 */
export function shippedModelDefaults(plugin: SchedulerPlugin): Record<string, unknown> {
  const option = plugin.training?.artifactOption;
  const shipped = option?.builtIn?.[0];
  if (!option || shipped === undefined) return {};
  const property = plugin.optionsSchema.properties[option.name];
  const declared = property && 'default' in property ? property.default : undefined;
  return typeof declared === 'string' && option.builtIn!.includes(declared) ? {} : { [option.name]: shipped };
}

/** The schedulers that take a cluster of `processorCount` processors, and the others with the reason. */
export function splitByProcessors(
  prepared: readonly PreparedRun[],
  processorCount: number,
): { runnable: PreparedRun[]; skipped: { run: PreparedRun; reason: string }[] } {
  const runnable: PreparedRun[] = [];
  const skipped: { run: PreparedRun; reason: string }[] = [];
  for (const run of prepared) {
    const max = run.plugin.metadata.capabilities.maxProcessors;
    if (max !== undefined && processorCount > max) {
      skipped.push({ run, reason: `scheduler "${run.plugin.metadata.name}" handles at most ${max} processors, the cluster has ${processorCount}` });
    } else {
      runnable.push(run);
    }
  }
  return { runnable, skipped };
}
