import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { makespanOf, type Schedule } from '../schedule/schedule.js';

export interface ScheduleMetrics {
  makespan: number;
  /** Schedule length ratio: makespan / CP_MIN (critical path with every task at its minimum cost, no communication). */
  slr: number;
  /** Best single-processor sequential time / makespan. */
  speedup: number;
  /** speedup / number of processors. */
  efficiency: number;
  /** Mean task finish time: the DeepSched paper's "average turnaround" (every task is released at time 0). */
  averageTurnaround: number;
  /** Busy time / makespan per processor id. */
  utilisation: Record<string, number>;
}

/** CP_MIN: the longest path when every task takes its minimum cost over the processors and transfers are free. */
export function criticalPathMinimum(problem: SchedulingProblem): number {
  const { taskCount: n, processorCount: m, cost, topologicalOrder, predOffsets, predTasks } = problem;
  const finish = new Float64Array(n);
  let longest = 0;
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) ready = Math.max(ready, finish[predTasks[i]!]!);
    let cheapest = Infinity;
    for (let p = 0; p < m; p++) cheapest = Math.min(cheapest, cost[t * m + p]!);
    finish[t] = ready + cheapest;
    longest = Math.max(longest, finish[t]!);
  }
  return longest;
}

/** For each processor, the time to run every task one after another on it: the sum of the tasks' costs. O(n·m). */
export function sequentialTimes(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost } = problem;
  const total = new Float64Array(m);
  for (let t = 0; t < n; t++) for (let p = 0; p < m; p++) total[p]! += cost[t * m + p]!;
  return total;
}

/** The shortest time to run every task one after another on a single processor. */
export function bestSequentialTime(problem: SchedulingProblem): number {
  return Math.min(...sequentialTimes(problem));
}

/**
 * The metrics of a schedule. Ratios whose denominator is zero (a workflow of zero-cost tasks) are reported as 1
 * when the numerator is zero too, else Infinity: a perfect schedule of nothing is neither better nor worse than 1.
 */
export function computeMetrics(problem: SchedulingProblem, schedule: Schedule): ScheduleMetrics {
  const { taskCount: n, processorCount: m, processorIds } = problem;
  const makespan = makespanOf(schedule);
  const busy = new Float64Array(m);
  let finishSum = 0;
  for (let t = 0; t < n; t++) {
    busy[schedule.processorOf[t]!]! += schedule.finish[t]! - schedule.start[t]!;
    finishSum += schedule.finish[t]!;
  }
  const speedup = ratio(bestSequentialTime(problem), makespan);
  // Processor ids are data: defineProperty makes "__proto__" an own key, where assignment would set the prototype.
  const utilisation: Record<string, number> = {};
  for (let p = 0; p < m; p++) {
    Object.defineProperty(utilisation, processorIds[p]!, { value: makespan > 0 ? busy[p]! / makespan : 0, enumerable: true, writable: true, configurable: true });
  }
  return {
    makespan,
    slr: ratio(makespan, criticalPathMinimum(problem)),
    speedup,
    efficiency: speedup / m,
    averageTurnaround: n > 0 ? finishSum / n : 0,
    utilisation,
  };
}

function ratio(numerator: number, denominator: number): number {
  if (denominator > 0) return numerator / denominator;
  return numerator === 0 ? 1 : Infinity;
}
