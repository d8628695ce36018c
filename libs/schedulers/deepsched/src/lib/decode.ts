import { emptySchedule, IndexHeap, ProcessorTimelines, scheduleWithAssignment, type Schedule, type SchedulingProblem } from '@hetsched/core';
import type { DecodeOrder } from './types.js';

/**
 * Turning the network's outputs into a valid schedule: an order and a processor per task go through insertion-based
 * list scheduling, which respects precedence and never overlaps two tasks, whatever the network predicted.
 */

/** The decoding order: a ready list keyed by predicted start (earliest first), or HEFT's upward-rank order. */
export function decodeOrder(
  problem: SchedulingProblem,
  order: DecodeOrder,
  predictedStart: Float64Array,
  upwardRank: Float64Array,
  rankOrder: Int32Array,
): Int32Array {
  if (order === 'upward-rank') return rankOrder;
  const { taskCount: n, predOffsets, succOffsets, succTasks } = problem;
  // Ties (equal predicted starts) by upward rank, then index: the order HEFT would take them in.
  const heap = new IndexHeap(n, (a, b) => {
    const sa = predictedStart[a]!;
    const sb = predictedStart[b]!;
    if (sa !== sb) return sa < sb;
    if (upwardRank[a] !== upwardRank[b]) return upwardRank[a]! > upwardRank[b]!;
    return a < b;
  });
  const waiting = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    waiting[t] = predOffsets[t + 1]! - predOffsets[t]!;
    if (waiting[t] === 0) heap.push(t);
  }
  const result = new Int32Array(n);
  let k = 0;
  while (heap.size > 0) {
    const t = heap.pop();
    result[k++] = t;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--waiting[s]! === 0) heap.push(s);
    }
  }
  return result;
}

/** The most probable processor of each task (ties to the one listed first). */
export function argmaxProcessors(probabilities: Float32Array, taskCount: number, processorCount: number): Int32Array {
  const best = new Int32Array(taskCount);
  for (let t = 0; t < taskCount; t++) {
    const row = t * processorCount;
    let p = 0;
    for (let q = 1; q < processorCount; q++) if (probabilities[row + q]! > probabilities[row + p]!) p = q;
    best[t] = p;
  }
  return best;
}

/**
 * Decodes with `candidates` processors per task: candidates = 1 is the paper's decoding (the argmax processor, through
 * core's scheduleWithAssignment); k > 1 places each task, among its k most probable processors, on the one where it
 * finishes earliest (insertion-based), ties to the more probable one.
 */
export function decodeSchedule(
  problem: SchedulingProblem,
  order: Int32Array,
  probabilities: Float32Array,
  candidates: number,
): Schedule {
  const { taskCount: n, processorCount: m } = problem;
  if (candidates <= 1 || m === 1) return scheduleWithAssignment(problem, order, argmaxProcessors(probabilities, n, m));
  const k = Math.min(candidates, m);
  const { cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  const timelines = new ProcessorTimelines(m, Math.ceil((2 * n) / m));
  const schedule = emptySchedule(n);
  const { processorOf, start, finish } = schedule;
  const ranked = Array.from({ length: m }, (_, p) => p);
  for (let i = 0; i < n; i++) {
    const t = order[i]!;
    const row = t * m;
    ranked.sort((a, b) => probabilities[row + b]! - probabilities[row + a]! || a - b);
    let bestProcessor = -1;
    let bestStart = 0;
    let bestFinish = Infinity;
    for (let c = 0; c < k; c++) {
      const p = ranked[c]!;
      let ready = 0;
      for (let e = predOffsets[t]!; e < predOffsets[t + 1]!; e++) {
        const q = predTasks[e]!;
        const pq = processorOf[q]!;
        const arrival = pq === p ? finish[q]! : finish[q]! + latency[pq * m + p]! + predData[e]! * inverseBandwidth[pq * m + p]!;
        if (arrival > ready) ready = arrival;
      }
      const duration = cost[row + p]!;
      const begin = timelines.earliestStart(p, ready, duration);
      if (begin + duration < bestFinish) {
        bestFinish = begin + duration;
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
