import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { ProcessorTimelines } from './processor-timelines.js';
import { emptySchedule, type Schedule } from './schedule.js';

/**
 * Insertion-based list scheduling with the processor of every task fixed in advance: tasks are placed in `order`,
 * each at the earliest time its inputs have arrived and its processor has a long enough idle gap. This is the
 * decoder of the hybrid GA and of DeepSched's predictions; any precedence-respecting order and any assignment
 * gives a valid schedule.
 *
 * @param timelines reused across calls by hot decoders; cleared here.
 */
export function scheduleWithAssignment(
  problem: SchedulingProblem,
  order: ArrayLike<number>,
  processorOf: ArrayLike<number>,
  timelines = new ProcessorTimelines(problem.processorCount, expectedLoad(problem)),
  into: Schedule = emptySchedule(problem.taskCount),
): Schedule {
  const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  assertOrderLength(problem, order);
  timelines.clear();
  const placed = new Uint8Array(n);
  const { start, finish } = into;
  const assigned = into.processorOf;
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    // placed[t] is 0 for a task not yet placed, 1 for a placed one, undefined for an index that is no task.
    if (placed[t] !== 0) throw placed[t] === 1 ? new RangeError(`order lists task "${problem.taskIds[t]}" twice`) : unknownTaskError(problem, t);
    const p = processorOf[t]!;
    if (!(p >= 0 && p < m)) throw new RangeError(`task "${problem.taskIds[t]}" has no valid processor (${p})`);
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      if (placed[q] === 0) throw orderError(problem, q, t);
      const pq = assigned[q]!;
      const arrival = pq === p ? finish[q]! : finish[q]! + latency[pq * m + p]! + predData[i]! * inverseBandwidth[pq * m + p]!;
      if (arrival > ready) ready = arrival;
    }
    const duration = cost[t * m + p]!;
    const begin = timelines.earliestStart(p, ready, duration);
    assigned[t] = p;
    start[t] = begin;
    finish[t] = begin + duration;
    timelines.insert(p, t, begin, begin + duration);
    placed[t] = 1;
  }
  return into;
}

/**
 * Insertion-based list scheduling where each task, in `order`, goes to the processor that gives it the earliest
 * finish time: HEFT's processor-selection phase. Ties go to the processor listed first.
 *
 * Cost: O(E·m) for the data-arrival times plus, per task and processor, a binary search and a scan of the gaps
 * after the arrival time; never a pass over all tasks per task.
 */
export function scheduleEarliestFinish(
  problem: SchedulingProblem,
  order: ArrayLike<number>,
  timelines = new ProcessorTimelines(problem.processorCount, expectedLoad(problem)),
): Schedule {
  const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  assertOrderLength(problem, order);
  timelines.clear();
  const schedule = emptySchedule(n);
  const { processorOf, start, finish } = schedule;
  const ready = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    // processorOf[t] is -1 for a task not yet placed, undefined for an index that is no task (which would crash below).
    if (processorOf[t] !== -1) throw processorOf[t] === undefined ? unknownTaskError(problem, t) : new RangeError(`order lists task "${problem.taskIds[t]}" twice`);
    ready.fill(0);
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const pq = processorOf[q]!;
      if (pq < 0) throw orderError(problem, q, t);
      const done = finish[q]!;
      const data = predData[i]!;
      const row = pq * m;
      for (let p = 0; p < m; p++) {
        const arrival = p === pq ? done : done + latency[row + p]! + data * inverseBandwidth[row + p]!;
        if (arrival > ready[p]!) ready[p] = arrival;
      }
    }
    let bestProcessor = -1;
    let bestStart = 0;
    let bestFinish = Infinity;
    const row = t * m;
    for (let p = 0; p < m; p++) {
      const duration = cost[row + p]!;
      // A processor whose data arrive after the best finish so far cannot win: skip its gap search.
      if (ready[p]! + duration >= bestFinish) continue;
      const begin = timelines.earliestStart(p, ready[p]!, duration);
      const end = begin + duration;
      if (end < bestFinish) {
        bestFinish = end;
        bestStart = begin;
        bestProcessor = p;
      }
    }
    processorOf[t] = bestProcessor;
    start[t] = bestStart;
    finish[t] = bestFinish;
    timelines.insert(bestProcessor, t, bestStart, bestFinish);
  }
  return schedule;
}

function expectedLoad(problem: SchedulingProblem): number {
  return Math.ceil((2 * problem.taskCount) / problem.processorCount);
}

function assertOrderLength(problem: SchedulingProblem, order: ArrayLike<number>): void {
  if (order.length !== problem.taskCount) {
    throw new RangeError(`a schedule order must list all ${problem.taskCount} tasks once, got ${order.length}`);
  }
}

function unknownTaskError(problem: SchedulingProblem, index: number): Error {
  return new RangeError(`order lists task index ${index}, not a task of this problem (${problem.taskCount} tasks)`);
}

function orderError(problem: SchedulingProblem, predecessor: number, task: number): Error {
  return new RangeError(
    `order places task "${problem.taskIds[task]}" before its predecessor "${problem.taskIds[predecessor]}"`,
  );
}
