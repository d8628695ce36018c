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
  const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, topologicalOrder } = problem;
  if (n === 0) return 0;
  const earliestFinish = new Float64Array(n);
  let work = 0;
  let longestPath = 0;
  let finishSum = 0;
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    let cheapest = Infinity;
    for (let p = 0; p < m; p++) cheapest = Math.min(cheapest, cost[t * m + p]!);
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) ready = Math.max(ready, earliestFinish[predTasks[i]!]!);
    earliestFinish[t] = ready + cheapest;
    work += cheapest;
    longestPath = Math.max(longestPath, earliestFinish[t]!);
    finishSum += earliestFinish[t]!;
  }
  return objective === 'makespan' ? Math.max(longestPath, work / m) : finishSum / n;
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
