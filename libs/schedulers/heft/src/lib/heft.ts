import { priorityOrder, scheduleEarliestFinish, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * HEFT (Topcuoglu, Hariri & Wu 2002), insertion-based, as the paper defines it:
 *  1. upward rank with w̄ = mean execution time over processors and c̄ = L̄ + data / B̄
 *     (means over ordered pairs of distinct processors);
 *  2. tasks in decreasing upward rank, ties by input order;
 *  3. each task to the processor giving it the earliest finish time, allowing insertion into idle gaps,
 *     ties to the processor listed first.
 *
 * O(n log n + E·m) for ranks, order and data-arrival times, plus the gap search (a binary search per task and
 * processor); on the paper's example it reproduces its schedule (makespan 80).
 */
export function heft(problem: SchedulingProblem): Schedule {
  return scheduleEarliestFinish(problem, heftOrder(problem));
}

/** HEFT's task list: decreasing upward rank, ties by input order. */
export function heftOrder(problem: SchedulingProblem): Int32Array {
  return priorityOrder(problem, upwardRanks(problem));
}
