import { ProcessorTimelines, emptySchedule, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * Insertion-based list scheduling in `order` where each task goes to the processor minimising its earliest finish
 * time plus `lookahead[t * m + p]` (PEFT's optimistic EFT, with the OCT as lookahead), ties to the processor listed
 * first; the task starts at its earliest start there, idle gaps included. Core's `scheduleEarliestFinish` with a
 * per-processor term added to the finish time; a candidate for core.
 *
 * O(E·m) for the data-arrival times, plus per task and processor a gap search of the timelines (skipped where
 * the data arrive too late to win). Throws when `order` places a task before one of its predecessors.
 */
export function scheduleEarliestFinishPlus(problem: SchedulingProblem, order: ArrayLike<number>, lookahead: Float64Array): Schedule {
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
    let bestProcessor = -1;
    let bestStart = 0;
    let bestKey = Infinity;
    for (let p = 0; p < m; p++) {
      const duration = cost[t * m + p]!;
      const extra = lookahead[t * m + p]!;
      // The key is at least ready + duration + extra: when that cannot win, skip the gap search.
      if (bestProcessor >= 0 && ready[p]! + duration + extra >= bestKey) continue;
      const begin = timelines.earliestStart(p, ready[p]!, duration);
      const key = begin + duration + extra;
      if (bestProcessor < 0 || key < bestKey) {
        bestProcessor = p;
        bestStart = begin;
        bestKey = key;
      }
    }
    processorOf[t] = bestProcessor;
    start[t] = bestStart;
    finish[t] = bestStart + cost[t * m + bestProcessor]!;
    timelines.insert(bestProcessor, t, bestStart, finish[t]!);
  }
  return schedule;
}
