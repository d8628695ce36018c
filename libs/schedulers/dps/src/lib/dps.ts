import { downwardRanks, meanCosts, priorityOrder, scheduleEarliestFinish, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * DPS, Decisive Path Scheduling (G.-L. Park, B. Shirazi, J. Marquis & H. Choo, "Decisive Path Scheduling: A New List
 * Scheduling Method", Proc. ICPP 1997), on heterogeneous processors:
 *  1. top level TL(t): the longest path from an entry task to t, t excluded; bottom level BL(t): the longest path
 *     from t to an exit task, t included; both with mean execution times w̄ and mean communication costs
 *     c̄ = L̄ + data / B̄ (core's `downwardRanks` and `upwardRanks`);
 *  2. the priority of t is TL(t) + BL(t), the length of t's decisive path (the longest entry-to-exit path through t);
 *  3. a ready list: the task of highest priority among those whose predecessors are all placed (ties by input order)
 *     goes to the processor giving it the earliest finish time, insertion into idle gaps allowed, ties to the processor
 *     listed first (core's `scheduleEarliestFinish`).
 *
 * The paper was not available to this work; steps 1-3 are the reading documented in the README. O(n log n + E·m) for
 * levels, order and data-arrival times, plus the gap searches of the insertion policy (as HEFT).
 */
export function dps(problem: SchedulingProblem): Schedule {
  return scheduleEarliestFinish(problem, dpsOrder(problem));
}

/** TL(t) + BL(t) with mean costs: the length of the longest entry-to-exit path through each task. */
export function decisivePathLengths(problem: SchedulingProblem): Float64Array {
  const mean = meanCosts(problem);
  const top = downwardRanks(problem, mean);
  const bottom = upwardRanks(problem, mean);
  for (let t = 0; t < problem.taskCount; t++) bottom[t]! += top[t]!;
  return bottom;
}

/** DPS's task list: a ready list by decreasing decisive-path length, ties by input order. */
export function dpsOrder(problem: SchedulingProblem): Int32Array {
  return priorityOrder(problem, decisivePathLengths(problem));
}
