import { emptySchedule, makespanOf, Random, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { ReadySet } from './ready-set.js';

export interface WbaOptions {
  /** Seed of the random choices: the same seed, problem and options give the same schedule. */
  seed: number;
  /** Width of the restricted candidate list, in [0, 1]: 0 keeps only the pairs of least increase, 1 every pair. */
  alpha: number;
  /** Constructions to run (GRASP's iterations); the schedule of least makespan is kept, the first on ties. */
  iterations: number;
}

export const WBA_DEFAULTS: WbaOptions = { seed: 1, alpha: 0.5, iterations: 1 };

/** One construction's schedule and the order in which it placed the tasks. */
export interface WbaConstruction {
  schedule: Schedule;
  placementOrder: Int32Array;
}

/**
 * WBA, workflow-based allocation (Blythe, Jain, Deelman, Gil, Vahi, Mandal & Kennedy, "Task scheduling strategies for
 * workflow-based applications in grids", CCGrid 2005), a greedy randomised construction:
 *  until every task is placed, a round: the available tasks are those ready now (every predecessor placed); while
 *  some are left, score every pair (t, p) of an available task and a processor by the increase of the makespan if t
 *  ran on p, max(0, finish(t, p) - makespan so far), t starting at max(data-ready(t, p), end of the last task on p)
 *  (no insertion); the restricted candidate list is the pairs whose increase is at most min + alpha · (max - min);
 *  place one of them, drawn uniformly with the seeded generator (pairs listed by task index, then processor). Tasks
 *  made ready during a round wait for the next.
 * `iterations` repeats the construction with the same generator and keeps the shortest schedule (GRASP).
 *
 * Every step scores every available task on every processor, as the paper's loop does: O(W·m) per step for W
 * available tasks, O(n·W·m + E·m) per construction; O(n·m) memory for the data-ready rows.
 */
export function wba(problem: SchedulingProblem, options: WbaOptions = WBA_DEFAULTS): Schedule {
  const random = new Random(options.seed);
  let best: Schedule | undefined;
  for (let k = 0; k < options.iterations; k++) {
    const { schedule } = wbaConstruction(problem, options.alpha, random);
    if (best === undefined || makespanOf(schedule) < makespanOf(best)) best = schedule;
  }
  return best!;
}

/** One greedy randomised construction (see `wba`), drawing from `random`. */
export function wbaConstruction(problem: SchedulingProblem, alpha: number, random: Random): WbaConstruction {
  const { taskCount: n, processorCount: m, cost } = problem;
  const schedule = emptySchedule(n);
  const placementOrder = new Int32Array(n);
  const ready = new ReadySet(problem, schedule);
  const free = new Float64Array(m);
  let makespan = 0;
  for (let step = 0; step < n; step++) {
    const pair = ready.drawCandidate(free, makespan, alpha, random);
    const t = (pair / m) | 0;
    const p = pair - t * m;
    const start = Math.max(free[p]!, ready.dataReady(t, p));
    schedule.processorOf[t] = p;
    schedule.start[t] = start;
    schedule.finish[t] = start + cost[pair]!;
    free[p] = schedule.finish[t]!;
    if (schedule.finish[t]! > makespan) makespan = schedule.finish[t]!;
    placementOrder[step] = t;
    ready.placed(t);
  }
  return { schedule, placementOrder };
}
