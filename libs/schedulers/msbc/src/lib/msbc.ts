import { communicationTime, meanCosts, priorityOrder, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { scheduleEarliestStart } from './earliest-start.js';

/** The three estimates MSBC adds up into a task's priority, and each task's favourite processor. */
export interface MsbcEstimates {
  /** Static top level: the longest path of mean execution times from an entry task to t, t excluded, no communication. */
  topLevel: Float64Array;
  /** Strict bound completion time: t's earliest finish if every predecessor ran on its favourite processor, unloaded. */
  boundCompletion: Float64Array;
  /** The processor achieving the strict bound completion time (ties to the processor listed first). */
  favourite: Int32Array;
  /** Start time of t on its favourite processor if every task ran on its own favourite, unloaded. */
  favouriteStart: Float64Array;
  /** boundCompletion + topLevel + favouriteStart. */
  priority: Float64Array;
}

export interface MsbcOptions {
  /** Start a task in an idle gap when it fits (SAGA's earlier msbc.py); default false: append (SAGA v2.1.0). */
  insertion: boolean;
}

/**
 * MSBC as the SAGA library defines it (ANRGUSC/saga, schedulers/msbc.py, "Multiple Strict Bounds Constraints", citing
 * PACRIM 2005, doi:10.1109/PACRIM.2005.1517309, which was not available to this work):
 *  1. per task, in topological order: the static top level (SAGA calls it the static b-level), the strict bound
 *     completion time and favourite processor, and the start time on the favourite processor (see MsbcEstimates);
 *  2. priority = strict bound completion time + static top level + favourite start;
 *  3. a ready list, highest priority first (ties by input order); each task goes to the processor where it can start
 *     first, after the last task there (or, with `insertion`, in an idle gap), the processors tried fastest first
 *     (least total cost over all tasks; SAGA sorts by speed) so that a tie goes to the faster one.
 *
 * O(E·m) for the estimates and the data-arrival times, O(n log n) for the ready list, O(n·m) for the choices (plus
 * the gap searches with insertion).
 */
export function msbc(problem: SchedulingProblem, options: MsbcOptions = { insertion: false }): Schedule {
  const order = priorityOrder(problem, msbcEstimates(problem).priority);
  return scheduleEarliestStart(problem, order, processorsFastestFirst(problem), options.insertion);
}

/** The estimates of MsbcEstimates, computed in one pass over a topological order. */
export function msbcEstimates(problem: SchedulingProblem): MsbcEstimates {
  const { taskCount: n, topologicalOrder, predOffsets, predTasks } = problem;
  const mean = meanCosts(problem);
  const topLevel = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      if (topLevel[q]! + mean[q]! > topLevel[t]!) topLevel[t] = topLevel[q]! + mean[q]!;
    }
  }
  const { boundCompletion, favourite } = strictBoundCompletion(problem);
  const favouriteStart = favouriteStarts(problem, favourite);
  const priority = new Float64Array(n);
  for (let t = 0; t < n; t++) priority[t] = boundCompletion[t]! + topLevel[t]! + favouriteStart[t]!;
  return { topLevel, boundCompletion, favourite, favouriteStart, priority };
}

/**
 * sbct(t) = min over processors p of drt(t, p) + cost(t, p), with drt(t, p) = max over predecessors q of
 * sbct(q) + transfer(fav(q) -> p), 0 for an entry task; fav(t) the first processor achieving the minimum. O(E·m).
 */
function strictBoundCompletion(problem: SchedulingProblem): { boundCompletion: Float64Array; favourite: Int32Array } {
  const { taskCount: n, processorCount: m, cost, topologicalOrder, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  const boundCompletion = new Float64Array(n);
  const favourite = new Int32Array(n);
  const ready = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    ready.fill(0);
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = favourite[q]!;
      const done = boundCompletion[q]!;
      for (let p = 0; p < m; p++) {
        const arrival = p === from ? done : done + latency[from * m + p]! + predData[i]! * inverseBandwidth[from * m + p]!;
        if (arrival > ready[p]!) ready[p] = arrival;
      }
    }
    let best = 0;
    let bestFinish = Infinity;
    for (let p = 0; p < m; p++) {
      const finish = ready[p]! + cost[t * m + p]!;
      if (finish < bestFinish) [best, bestFinish] = [p, finish];
    }
    favourite[t] = best;
    boundCompletion[t] = bestFinish;
  }
  return { boundCompletion, favourite };
}

/** st(t) = max over predecessors q of st(q) + cost(q, fav(q)) + transfer(fav(q) -> fav(t)), 0 for an entry task. O(E). */
function favouriteStarts(problem: SchedulingProblem, favourite: Int32Array): Float64Array {
  const { taskCount: n, processorCount: m, cost, topologicalOrder, predOffsets, predTasks, predData } = problem;
  const start = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const via = start[q]! + cost[q * m + favourite[q]!]! + communicationTime(problem, predData[i]!, favourite[q]!, favourite[t]!);
      if (via > start[t]!) start[t] = via;
    }
  }
  return start;
}

/**
 * The processors by increasing total cost over all tasks, ties in listing order: fastest first. Where costs are
 * work / speed this is SAGA's order by decreasing speed; with per-task costs it is the natural generalisation.
 */
export function processorsFastestFirst(problem: SchedulingProblem): Int32Array {
  const { taskCount: n, processorCount: m, cost } = problem;
  const total = new Float64Array(m);
  for (let t = 0; t < n; t++) for (let p = 0; p < m; p++) total[p]! += cost[t * m + p]!;
  return Int32Array.from({ length: m }, (_, p) => p).sort((a, b) => total[a]! - total[b]! || a - b);
}
