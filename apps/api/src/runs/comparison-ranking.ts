import type { Run } from '../store/api-store.js';

/**
 * Makespans equal to this many significant digits tie: two schedulers that build the same schedule may sum its
 * times in different orders and differ in the last bits (core compares upward ranks the same way).
 */
export const TIE_SIGNIFICANT_DIGITS = 12;

/** One run of a comparison as the ranking shows it. */
export interface RankedRunView {
  /** 1 for the smallest makespan; tied makespans share a rank (1, 2, 2, 4); null for a run without a schedule. */
  rank: number | null;
  scheduler: string;
  status: Run['status'];
  makespan: number | null;
  slr: number | null;
  speedup: number | null;
  efficiency: number | null;
  /** finishedAt − startedAt in milliseconds; null until the run has both. */
  runTimeMs: number | null;
  error: string | null;
  run: Run<'SCHEDULE'>;
}

/**
 * The ranking of a comparison's runs: the SUCCEEDED ones by makespan (ties by scheduler name, then the order asked),
 * then every other run (queued, running, failed, cancelled) in the order asked. O(r log r) for r runs.
 */
export function rankRuns(runs: readonly Run<'SCHEDULE'>[]): RankedRunView[] {
  const entries = runs.map((run, position) => ({ run, position, key: tieKey(run) }));
  const finished = entries.filter((e) => e.key !== null);
  finished.sort((a, b) => a.key! - b.key! || byName(a.run.scheduler, b.run.scheduler) || a.position - b.position);
  const ranked: RankedRunView[] = [];
  finished.forEach((entry, i) => {
    const tiedWithPrevious = i > 0 && finished[i - 1]!.key === entry.key;
    ranked.push(view(entry.run, tiedWithPrevious ? ranked[i - 1]!.rank : i + 1));
  });
  for (const entry of entries) if (entry.key === null) ranked.push(view(entry.run, null));
  return ranked;
}

/** The makespan rounded for comparison; null for a run that has no schedule (yet). */
function tieKey(run: Run<'SCHEDULE'>): number | null {
  if (run.status !== 'SUCCEEDED' || run.makespan === null) return null;
  return Number(run.makespan.toPrecision(TIE_SIGNIFICANT_DIGITS));
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function view(run: Run<'SCHEDULE'>, rank: number | null): RankedRunView {
  const metrics = run.status === 'SUCCEEDED' ? run.metrics : null;
  return {
    rank,
    scheduler: run.scheduler,
    status: run.status,
    makespan: run.status === 'SUCCEEDED' ? run.makespan : null,
    slr: finiteOrNull(metrics?.slr),
    speedup: finiteOrNull(metrics?.speedup),
    efficiency: finiteOrNull(metrics?.efficiency),
    runTimeMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    error: run.error,
    run,
  };
}

/** GraphQL floats are finite: an SLR over a zero critical path (Infinity) reads as null. */
function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
