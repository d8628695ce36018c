import type { SchedulingProblem } from '@hetsched/core';
import type { Objective } from './objective.js';

/**
 * A lower bound on the objective of every schedule of the problem, cheap enough to compute once per run, so that
 * a run whose best schedule meets it can stop: nothing can be better.
 *
 *  - makespan: the larger of (a) the longest path with every task at its cheapest processor and every transfer
 *    free (a chain runs one task after another whatever the processors), and (b) the total cheapest work divided
 *    by the processors (no processor is busy for less than its share);
 *  - average turnaround (mean finish time): the mean over tasks of the earliest finish along their longest chain
 *    of predecessors, likewise at cheapest costs with free transfers.
 *
 * O(n·m + e). Tight when communication is cheap and the workflow is a chain or wide and balanced; at high CCR the
 * optimum lies well above it, and the run uses its budget.
 */
export function objectiveLowerBound(problem: SchedulingProblem, objective: Objective): number {
  const { taskCount: n, processorCount: m } = problem;
  if (n === 0) return 0;
  const earliest = earliestFinishes(problem);
  if (objective === 'averageTurnaround') return earliest.reduce((sum, f) => sum + f, 0) / n;
  let work = 0;
  for (let t = 0; t < n; t++) work += cheapestCost(problem, t);
  return Math.max(earliest.reduce((longest, f) => Math.max(longest, f), 0), work / m);
}

/**
 * Per task, the earliest it can finish in any schedule: its longest chain of predecessors run back to back at
 * their cheapest costs with free transfers, then the task at its cheapest. O(n·m + e).
 */
export function earliestFinishes(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, predOffsets, predTasks, topologicalOrder } = problem;
  const earliest = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) ready = Math.max(ready, earliest[predTasks[i]!]!);
    earliest[t] = ready + cheapestCost(problem, t);
  }
  return earliest;
}

function cheapestCost({ processorCount: m, cost }: SchedulingProblem, t: number): number {
  let cheapest = Infinity;
  for (let p = 0; p < m; p++) cheapest = Math.min(cheapest, cost[t * m + p]!);
  return cheapest;
}

/**
 * True when `fitness` meets the lower bound. The bound is summed apart from the decoder (other terms, another
 * order), so a schedule that attains it may differ in the last bits: a relative margin far above rounding and far
 * below any real difference of schedules.
 */
export function reaches(fitness: number, lowerBound: number): boolean {
  return fitness <= lowerBound * (1 + BOUND_MARGIN);
}

const BOUND_MARGIN = 1e-9;
