import { emptySchedule, ProcessorTimelines, readyListOrder, scheduleWithAssignment, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { PLACED_FEATURES, placedFeatures, type EncodedProblem } from './features.js';
import { HeadArrays, predictBase, type DeepSchedNetwork } from './network.js';
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
  return readyListOrder(problem, byPredictedStart(predictedStart, upwardRank));
}

/** Earliest predicted start first; ties by upward rank, then index: the order HEFT would take them in. */
function byPredictedStart(predictedStart: Float64Array, upwardRank: Float64Array): (a: number, b: number) => boolean {
  return (a, b) => {
    if (predictedStart[a] !== predictedStart[b]) return predictedStart[a]! < predictedStart[b]!;
    if (upwardRank[a] !== upwardRank[b]) return upwardRank[a]! > upwardRank[b]!;
    return a < b;
  };
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
  const placer = new InsertionPlacer(problem);
  const ranked = Array.from({ length: m }, (_, p) => p);
  for (let i = 0; i < n; i++) {
    const t = order[i]!;
    const row = t * m;
    ranked.sort((a, b) => probabilities[row + b]! - probabilities[row + a]! || a - b);
    placer.place(t, ranked, k);
  }
  return placer.schedule;
}

/** Insertion-based placement of one task at a time on the earliest-finishing of the processors offered. */
class InsertionPlacer {
  readonly schedule: Schedule;
  readonly timelines: ProcessorTimelines;

  constructor(private readonly problem: SchedulingProblem) {
    const { taskCount: n, processorCount: m } = problem;
    this.schedule = emptySchedule(n);
    this.timelines = new ProcessorTimelines(m, Math.ceil((2 * n) / Math.max(1, m)));
  }

  /** Places t on the first of `offered[0 .. count)` where it finishes earliest (ties to the earlier offered). */
  place(t: number, offered: ArrayLike<number>, count: number): void {
    const { processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, start, finish } = this.schedule;
    let bestProcessor = -1;
    let bestStart = 0;
    let bestFinish = Infinity;
    for (let c = 0; c < count; c++) {
      const p = offered[c]!;
      let ready = 0;
      for (let e = predOffsets[t]!; e < predOffsets[t + 1]!; e++) {
        const q = predTasks[e]!;
        const pq = processorOf[q]!;
        const arrival = pq === p ? finish[q]! : finish[q]! + latency[pq * m + p]! + predData[e]! * inverseBandwidth[pq * m + p]!;
        if (arrival > ready) ready = arrival;
      }
      const duration = cost[t * m + p]!;
      const begin = this.timelines.earliestStart(p, ready, duration);
      if (begin + duration < bestFinish) {
        bestFinish = begin + duration;
        bestStart = begin;
        bestProcessor = p;
      }
    }
    processorOf[t] = bestProcessor;
    start[t] = bestStart;
    finish[t] = bestFinish;
    this.timelines.insert(bestProcessor, t, bestStart, bestFinish);
  }
}

export interface AutoregressiveDecoding {
  schedule: Schedule;
  /** The head's most probable processor of each task, given the placements before it. */
  chosen: Int32Array;
  /** Raw predicted start and finish of each task at the processor it was given (time units). */
  predicted: Float64Array;
}

/**
 * Decoding with an autoregressive model (an extension beyond the paper): the encoders run once; each task's heads run
 * when its predecessors are placed, seeing where they went. Order 'upward-rank' takes tasks in priority order;
 * 'predicted-start' keeps a ready list keyed by each ready task's predicted start.
 */
export function decodeAutoregressive(
  net: DeepSchedNetwork,
  problem: SchedulingProblem,
  encoded: EncodedProblem,
  order: DecodeOrder,
  candidates: number,
  more: {
    /** predictBase(net, encoded) when the caller ran it (to time it apart from decoding). */
    base?: Float32Array;
    /** Sees each task's placed features as its heads read them (tests compare them with the teacher-forced ones). */
    observe?: (t: number, placed: Float32Array) => void;
    /**
     * Overrides the heads' choice of processor for t (tests make the decoder follow HEFT's placements, so that its
     * own partial schedules, and the features it computes from them, must equal the teacher-forced ones).
     */
    choose?: (t: number) => number;
  } = {},
): AutoregressiveDecoding {
  const { observe, choose } = more;
  const { taskCount: n, processorCount: m } = problem;
  const base = more.base ?? predictBase(net, encoded);
  const head = new HeadArrays(net);
  const placer = new InsertionPlacer(problem);
  const { processorOf } = placer.schedule;
  const chosen = new Int32Array(n);
  const ranked = new Int32Array(n * m);
  const timesOf = new Float32Array(n * m * 2);
  const predictedStart = new Float64Array(n);
  const placed = new Float32Array(m * PLACED_FEATURES);
  const logits = new Float32Array(m);
  const times = new Float32Array(2 * m);
  const indices = Array.from({ length: m }, (_, p) => p);
  const k = Math.max(1, Math.min(candidates, m));

  const state = { processorOf, finish: placer.schedule.finish, timelines: placer.timelines };
  const evaluate = (t: number) => {
    placedFeatures(problem, t, state, placed);
    observe?.(t, placed);
    head.evaluate(base, t, m, placed, logits, times);
    indices.sort((a, b) => logits[b]! - logits[a]! || a - b);
    if (choose) {
      const p = choose(t);
      indices.splice(indices.indexOf(p), 1);
      indices.unshift(p);
    }
    for (let r = 0; r < m; r++) ranked[t * m + r] = indices[r]!;
    chosen[t] = indices[0]!;
    timesOf.set(times, t * m * 2);
    predictedStart[t] = times[2 * indices[0]!]!;
  };

  if (order === 'upward-rank') {
    for (let i = 0; i < n; i++) {
      const t = encoded.order[i]!;
      evaluate(t);
      placer.place(t, ranked.subarray(t * m), k);
    }
  } else {
    readyListOrder(problem, byPredictedStart(predictedStart, encoded.upwardRank), {
      ready: evaluate,
      listed: (t) => {
        // Other tasks may have been placed since t became ready: its heads see the schedule as it is now.
        evaluate(t);
        placer.place(t, ranked.subarray(t * m), k);
      },
    });
  }
  const predicted = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    const at = (t * m + processorOf[t]!) * 2;
    predicted[2 * t] = timesOf[at]! * encoded.timeScale;
    predicted[2 * t + 1] = timesOf[at + 1]! * encoded.timeScale;
  }
  return { schedule: placer.schedule, chosen, predicted };
}
