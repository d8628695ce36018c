import { ProcessorTimelines, emptySchedule, type Schedule, type SchedulingProblem } from '@hetsched/core';

/** `pinned[t]` for a task free to go to any processor. */
export const UNPINNED = -1;

/**
 * Insertion-based list scheduling in `order` where each task goes to the processor giving it the earliest finish
 * time (ties to the processor listed first), except a task with `pinned[t] >= 0`, which goes to that processor at
 * its earliest start there. Core's `scheduleEarliestFinish` with some processors fixed in advance (CPOP's critical
 * path); a candidate for core.
 *
 * O(E·m) for the data-arrival times, plus per task and candidate processor a gap search of the timelines.
 * Throws when `order` places a task before one of its predecessors.
 */
export function scheduleEarliestFinishPinned(problem: SchedulingProblem, order: ArrayLike<number>, pinned: Int32Array): Schedule {
  const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  const timelines = new ProcessorTimelines(m, Math.ceil((2 * n) / m));
  const schedule = emptySchedule(n);
  const { processorOf, start, finish } = schedule;
  const ready = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    ready.fill(0);
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      if (from < 0) throw new RangeError(`order places task "${problem.taskIds[t]}" before its predecessor "${problem.taskIds[q]}"`);
      const row = from * m;
      for (let p = 0; p < m; p++) {
        const arrival = p === from ? finish[q]! : finish[q]! + latency[row + p]! + predData[i]! * inverseBandwidth[row + p]!;
        if (arrival > ready[p]!) ready[p] = arrival;
      }
    }
    const fixed = pinned[t]!;
    const first = fixed === UNPINNED ? 0 : fixed;
    const last = fixed === UNPINNED ? m - 1 : fixed;
    let bestProcessor = -1;
    let bestStart = 0;
    let bestFinish = Infinity;
    for (let p = first; p <= last; p++) {
      const duration = cost[t * m + p]!;
      // Data arriving too late to beat the best finish so far: no gap search needed.
      if (bestProcessor >= 0 && ready[p]! + duration >= bestFinish) continue;
      const begin = timelines.earliestStart(p, ready[p]!, duration);
      if (bestProcessor < 0 || begin + duration < bestFinish) {
        bestProcessor = p;
        bestStart = begin;
        bestFinish = begin + duration;
      }
    }
    processorOf[t] = bestProcessor;
    start[t] = bestStart;
    finish[t] = bestFinish;
    timelines.insert(bestProcessor, t, bestStart, bestFinish);
  }
  return schedule;
}
