import type { SchedulingProblem } from '@hetsched/core';

/**
 * E*(t): the median of each task's execution times over the processors, the mean of the two middle ones for an even
 * count (Sih & Lee's "median execution time", as numpy.median computes it). O(n·m log m).
 */
export function medianCosts(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost } = problem;
  const median = new Float64Array(n);
  const row = new Float64Array(m);
  const middle = m >> 1;
  for (let t = 0; t < n; t++) {
    row.set(cost.subarray(t * m, t * m + m));
    row.sort();
    median[t] = m % 2 === 1 ? row[middle]! : (row[middle - 1]! + row[middle]!) / 2;
  }
  return median;
}
