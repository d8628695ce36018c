import { DataArrival, emptySchedule, ProcessorTimelines, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * List scheduling in `order` where each task goes to the processor on which it can start first, the processors tried
 * in `processorOrder` so that a tie goes to the one tried first. With `insertion` a task may start in an idle gap
 * (data ready and the gap long enough); without, it starts no earlier than the end of the last task on the processor.
 * Throws when `order` places a task before one of its predecessors.
 *
 * O(E·m) for the data-ready times plus, per task and processor, O(1) without insertion or a gap search of core's
 * `ProcessorTimelines` with it.
 */
export function scheduleEarliestStart(problem: SchedulingProblem, order: ArrayLike<number>, processorOrder: Int32Array, insertion: boolean): Schedule {
  const { taskCount: n, processorCount: m, cost } = problem;
  const timelines = new ProcessorTimelines(m, Math.ceil((2 * n) / m));
  const schedule = emptySchedule(n);
  const { processorOf, start, finish } = schedule;
  const arrivals = new DataArrival(problem, schedule);
  const ready = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    if (!arrivals.fill(t, ready)) {
      throw new RangeError(`order places task "${problem.taskIds[t]}" before its predecessor "${problem.taskIds[arrivals.unplacedPredecessor(t)]}"`);
    }
    let best = -1;
    let bestStart = Infinity;
    for (const p of processorOrder) {
      // Data arriving no earlier than the best start so far cannot win: no gap search needed.
      if (ready[p]! >= bestStart) continue;
      const begin = insertion ? timelines.earliestStart(p, ready[p]!, cost[t * m + p]!) : Math.max(ready[p]!, timelines.lastFinish(p));
      if (begin < bestStart) [best, bestStart] = [p, begin];
    }
    processorOf[t] = best;
    start[t] = bestStart;
    finish[t] = bestStart + cost[t * m + best]!;
    timelines.insert(best, t, bestStart, finish[t]!);
  }
  return schedule;
}
