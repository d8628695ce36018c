import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { PartialSchedule } from './partial-schedule.js';
import type { ProcessorTimelines } from './processor-timelines.js';
import type { Schedule } from './schedule.js';

/**
 * Insertion-based list scheduling with the processor of every task fixed in advance: tasks are placed in `order`,
 * each at the earliest time its inputs have arrived and its processor has a long enough idle gap. This is the
 * decoder of the hybrid GA and of DeepSched's predictions; any precedence-respecting order and any assignment
 * gives a valid schedule.
 *
 * O(E) for the data-arrival times plus one gap search of the timelines per task.
 *
 * @param timelines reused across calls by hot decoders; cleared here.
 * @param into written instead of a new schedule (reused by hot decoders).
 */
export function scheduleWithAssignment(
  problem: SchedulingProblem,
  order: ArrayLike<number>,
  processorOf: ArrayLike<number>,
  timelines?: ProcessorTimelines,
  into?: Schedule,
): Schedule {
  const { taskCount: n, processorCount: m } = problem;
  assertOrderLength(problem, order);
  const partial = new PartialSchedule(problem, { insertion: true, timelines, into });
  const { arrivals } = partial;
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    assertUnplaced(partial, t);
    const p = processorOf[t]!;
    if (!(p >= 0 && p < m)) throw new RangeError(`task "${problem.taskIds[t]}" has no valid processor (${p})`);
    const ready = arrivals.on(t, p);
    if (ready < 0) throw orderError(problem, arrivals.unplacedPredecessor(t), t);
    partial.place(t, p, ready);
  }
  return partial.schedule;
}

/** `pinned[t]` for a task free to go to any processor. */
export const UNPINNED = -1;

export interface EarliestFinishOptions {
  /** Idle gaps may take a task (HEFT's insertion); false: after the last task of its processor. Default true. */
  insertion?: boolean;
  /** `pinned[t] >= 0`: task t goes to that processor, at its earliest start there (CPOP's critical path). */
  pinned?: Int32Array;
  /**
   * A term added to each finish time when comparing processors: t goes to the p of least finish + `lookahead[t*m + p]`
   * (PEFT's optimistic EFT), still at its earliest start there.
   */
  lookahead?: Float64Array;
  /** Timelines to reuse (cleared here). */
  timelines?: ProcessorTimelines;
}

/**
 * List scheduling where each task, in `order`, goes to the processor that gives it the earliest finish time: HEFT's
 * processor-selection phase, with insertion into idle gaps unless `insertion` is false. Ties go to the processor
 * listed first. `pinned` and `lookahead` adapt the choice for CPOP and PEFT (see EarliestFinishOptions).
 *
 * Cost: O(E·m) for the data-arrival times plus, per task and processor, a binary search and a scan of the gaps
 * after the arrival time (O(1) without insertion); a processor whose data arrive too late to win is skipped.
 */
export function scheduleEarliestFinish(problem: SchedulingProblem, order: ArrayLike<number>, options: EarliestFinishOptions = {}): Schedule {
  const { taskCount: n, processorCount: m, cost } = problem;
  const { pinned, lookahead } = options;
  assertOrderLength(problem, order);
  const partial = new PartialSchedule(problem, { insertion: options.insertion ?? true, timelines: options.timelines });
  const { arrivals } = partial;
  const ready = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    assertUnplaced(partial, t);
    if (!arrivals.fill(t, ready)) throw orderError(problem, arrivals.unplacedPredecessor(t), t);
    const fixed = pinned === undefined ? UNPINNED : pinned[t]!;
    const last = fixed === UNPINNED ? m : fixed + 1;
    let bestProcessor = -1;
    let bestStart = 0;
    let bestKey = Infinity;
    const row = t * m;
    for (let p = fixed === UNPINNED ? 0 : fixed; p < last; p++) {
      const duration = cost[row + p]!;
      const extra = lookahead === undefined ? 0 : lookahead[row + p]!;
      // The start is at least the arrival time: a processor whose data arrive too late cannot win.
      if (bestProcessor >= 0 && ready[p]! + duration + extra >= bestKey) continue;
      const begin = partial.earliestStart(p, ready[p]!, duration);
      const key = begin + duration + extra;
      if (bestProcessor < 0 || key < bestKey) {
        bestProcessor = p;
        bestStart = begin;
        bestKey = key;
      }
    }
    partial.placeAt(t, bestProcessor, bestStart);
  }
  return partial.schedule;
}

function assertOrderLength(problem: SchedulingProblem, order: ArrayLike<number>): void {
  if (order.length !== problem.taskCount) {
    throw new RangeError(`a schedule order must list all ${problem.taskCount} tasks once, got ${order.length}`);
  }
}

/** processorOf[t] is -1 for a task not yet placed, undefined for an index that is no task. */
function assertUnplaced(partial: PartialSchedule, t: number): void {
  const placedOn = partial.schedule.processorOf[t];
  if (placedOn === -1) return;
  const { problem } = partial;
  if (placedOn === undefined) throw new RangeError(`order lists task index ${t}, not a task of this problem (${problem.taskCount} tasks)`);
  throw new RangeError(`order lists task "${problem.taskIds[t]}" twice`);
}

function orderError(problem: SchedulingProblem, predecessor: number, task: number): Error {
  return new RangeError(
    `order places task "${problem.taskIds[task]}" before its predecessor "${problem.taskIds[predecessor]}"`,
  );
}
