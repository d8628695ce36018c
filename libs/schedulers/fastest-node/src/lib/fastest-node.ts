import { emptySchedule, sequentialTimes, type Schedule, type SchedulingProblem } from '@hetsched/core';

export interface FastestNodeResult {
  schedule: Schedule;
  /** The processor every task runs on. */
  processor: number;
}

/**
 * FastestNode, the sequential baseline: every task on the fastest processor, one after another.
 *  1. "Fastest" must mean something when costs are per task and per processor (unrelated machines), where no
 *     processor need be fastest for every task: it is the processor of least total cost, sum over t of cost[t][p],
 *     ties to the processor listed first. That is the processor of Topcuoglu, Hariri & Wu's (2002) sequential time,
 *     the numerator of their speedup; when costs are work / speed it is the processor of highest speed.
 *  2. The tasks run on it in the problem's topological order, back to back: no transfer (one processor) and no idle
 *     time, so the makespan is that least total cost.
 *
 * O(n·m) for the totals plus O(n) to place the tasks.
 */
export function fastestNode(problem: SchedulingProblem): FastestNodeResult {
  const { taskCount: n, processorCount: m, cost } = problem;
  const total = sequentialTimes(problem);
  let processor = 0;
  for (let p = 1; p < m; p++) if (total[p]! < total[processor]!) processor = p;
  const schedule = emptySchedule(n);
  const { processorOf, start, finish } = schedule;
  let clock = 0;
  for (let k = 0; k < n; k++) {
    // Every predecessor came earlier in the order and on this processor: its data are here, no wait.
    const t = problem.topologicalOrder[k]!;
    processorOf[t] = processor;
    start[t] = clock;
    clock += cost[t * m + processor]!;
    finish[t] = clock;
  }
  return { schedule, processor };
}
