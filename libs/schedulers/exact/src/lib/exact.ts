import type { Schedule, SchedulingProblem } from '@hetsched/core';
import { BestFirst } from './best-first.js';
import { BOUND_TOLERANCE, Expander } from './expander.js';
import { heuristicSchedules, improveByLocalSearch, Incumbent } from './incumbent.js';
import { SearchBudget, type StopReason } from './search-budget.js';

export type { StopReason } from './search-budget.js';

export interface ExactOptions {
  /** Budget in milliseconds of the clock `now`, wall-clock by default (default 10,000). */
  timeLimitMs?: number;
  /** Stop after this many branch-and-bound nodes (default 0: no limit). */
  nodeLimit?: number;
  /** Stops the search promptly; the best schedule so far is returned. */
  signal?: AbortSignal;
  /** Called every `PROGRESS_INTERVAL_MS` or so while the search runs, and once at the end. */
  onProgress?: (progress: ExactProgress) => void;
  /** The clock, in milliseconds (default `performance.now`); tests inject a fake one. */
  now?: () => number;
}

export interface ExactProgress {
  /** The best makespan found so far. */
  makespan: number;
  /** A proven lower bound on the optimal makespan. */
  lowerBound: number;
  /** (makespan − lowerBound) / makespan, 0 once proven optimal. */
  gap: number;
  nodes: number;
  /** Milliseconds since the call, by the injected clock. */
  timeMs: number;
  /** Share of the time (or node) budget used, in [0, 1]. */
  fraction: number;
}

export interface ExactResult extends ExactProgress {
  schedule: Schedule;
  /** True only when proven: the search completed or the incumbent met the lower bound. */
  optimal: boolean;
  /** 'complete' (proven), the limit that cut the search short, or 'size' (too large to search: see `StopReason`). */
  stoppedBy: StopReason;
  /** The lower bound at the root: critical path and processor load, before any branching. */
  rootLowerBound: number;
  /** Which method found the returned schedule: a heuristic's name, 'local search' or 'branch and bound'. */
  source: string;
  /** @deprecated The same as `timeMs` (the name in the first version). */
  elapsedMs: number;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;
const PROGRESS_INTERVAL_MS = 250;
/** Roughly the elementary steps (bound terms) between two looks at the clock: a few milliseconds of work. */
const WORK_BETWEEN_CHECKS = 2_000_000;
/** See `expansionWork`. */
const MAX_EXPANSION_WORK = 50_000_000;

/**
 * An optimal schedule by branch and bound, or the best found within the budget with a proven lower bound.
 *
 *  1. Incumbent: HEFT and three other priority lists with earliest-finish placement, then a first-improvement
 *     local search over single-task processor moves (bounded by a fixed placement budget).
 *  2. Root lower bound (`LowerBound`: paths with the cheaper of transfer and serialisation at every join and
 *     fork, processor load); when it meets the incumbent, that is optimal.
 *  3. Branch and bound (`BestFirst`, `DepthFirst`, `Expander`): append a ready task to a processor at its
 *     earliest start, in canonical order, over active schedules, breaking identical-processor symmetry, pruning
 *     by bound; best-first while the frontier has room, depth-first below it once full, with greedy dives.
 *  4. Stops at the time limit, the node limit or the abort signal, yielding to the event loop every ~20 ms.
 *     The lower bound reported is the least bound of what is left to explore.
 *
 * Exponential in the worst case (the problem is strongly NP-hard): O((n·m)^n) nodes, each O(n·m + E·m²).
 * The search depends on nothing but the problem, so with a node limit that is reached before the time limit the
 * result is the same on every machine.
 */
export async function solveExact(problem: SchedulingProblem, options: ExactOptions = {}): Promise<ExactResult> {
  const budget = new SearchBudget({
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    nodeLimit: options.nodeLimit ?? 0,
    signal: options.signal,
    now: options.now ?? (() => performance.now()),
  });
  const incumbent = new Incumbent(problem.taskCount);
  for (const { name, schedule } of heuristicSchedules(problem)) incumbent.offer(schedule, name);
  const expander = new Expander(problem, incumbent);
  const search = new BestFirst(expander);
  search.start();
  const report = new ProgressReporter(search, expander, incumbent, budget, options.onProgress);
  if (!proven(search, incumbent)) await improveByLocalSearch(problem, incumbent, budget);
  let stoppedBy: StopReason = 'complete';
  if (!proven(search, incumbent)) {
    const tooLarge = expansionWork(problem) > MAX_EXPANSION_WORK;
    stoppedBy = tooLarge ? (budget.exceeded() ?? 'size') : await searchToTheEnd(search, { expander, incumbent, budget, report });
  }
  const progress = report.final(stoppedBy);
  return {
    ...progress,
    schedule: incumbent.schedule,
    optimal: progress.gap === 0,
    stoppedBy,
    rootLowerBound: Math.min(search.rootBound, incumbent.makespan),
    source: incumbent.source,
    elapsedMs: progress.timeMs,
  };
}

/** Runs the branch and bound in chunks of about `WORK_BETWEEN_CHECKS`, checking the limits between chunks. */
async function searchToTheEnd(
  search: BestFirst,
  { expander, incumbent, budget, report }: { expander: Expander; incumbent: Incumbent; budget: SearchBudget; report: ProgressReporter },
): Promise<StopReason> {
  const chunk = Math.max(1, Math.floor(WORK_BETWEEN_CHECKS / workPerNode(expander.problem)));
  while (!search.done && !proven(search, incumbent)) {
    const limit = budget.exceeded(expander.nodes);
    if (limit !== null) return limit;
    search.step(chunk);
    await budget.breathe();
    report.maybe();
  }
  return 'complete';
}

/** The incumbent meets a bound that holds for the whole search space. */
function proven(search: BestFirst, incumbent: Incumbent): boolean {
  return search.rootBound >= incumbent.makespan - BOUND_TOLERANCE * Math.abs(incumbent.makespan);
}

/**
 * An upper estimate of one expansion's work: up to n·m children, each bounded in full. A single expansion runs
 * without a look at the clock, so beyond `MAX_EXPANSION_WORK` (some tens of milliseconds) the tree search is not
 * started: the result is then the incumbent and the root bound (`stoppedBy: 'size'`). With m = 4 and two edges
 * per task that allows about 500 tasks; the search could not get far on such problems anyway.
 */
function expansionWork(problem: SchedulingProblem): number {
  return problem.taskCount * problem.processorCount * workPerNode(problem);
}

/** A node's full bound visits every task and edge: n·m + E·m² steps. */
function workPerNode(problem: SchedulingProblem): number {
  const m = problem.processorCount;
  return problem.taskCount * m + problem.edgeCount * m * m + 1;
}

/** Throttled progress reports with the incumbent and the best proven bound. */
class ProgressReporter {
  private lastAt = -Infinity;
  private lastFraction = 0;

  constructor(
    private readonly search: BestFirst,
    private readonly expander: Expander,
    private readonly incumbent: Incumbent,
    private readonly budget: SearchBudget,
    private readonly listener: ((progress: ExactProgress) => void) | undefined,
  ) {}

  maybe(): void {
    if (!this.listener || this.budget.elapsedMs() - this.lastAt < PROGRESS_INTERVAL_MS) return;
    this.listener(this.snapshot(false));
  }

  final(stoppedBy: StopReason): ExactProgress {
    const progress = this.snapshot(stoppedBy === 'complete');
    this.listener?.({ ...progress, fraction: 1 });
    return progress;
  }

  /**
   * The optimum is at least min(incumbent, least bound of the pending subtrees): every other subtree was pruned
   * against an incumbent no better than today's. It is also at least the root bound.
   */
  private snapshot(complete: boolean): ExactProgress {
    const makespan = this.incumbent.makespan;
    const pending = complete ? Infinity : this.search.pendingBound();
    const met = proven(this.search, this.incumbent);
    const lowerBound = complete || met ? makespan : Math.min(makespan, Math.max(this.search.rootBound, pending));
    const elapsedMs = this.budget.elapsedMs();
    this.lastAt = elapsedMs;
    this.lastFraction = Math.max(this.lastFraction, complete ? 1 : this.budget.fraction(this.expander.nodes));
    const gap = makespan > 0 ? (makespan - lowerBound) / makespan : 0;
    return { makespan, lowerBound, gap, nodes: this.expander.nodes, timeMs: elapsedMs, fraction: this.lastFraction };
  }
}
