import {
  downwardRanks,
  ProcessorTimelines,
  meanCommunicationTime,
  meanCosts,
  priorityOrder,
  upwardRanks,
  type Schedule,
  type SchedulingProblem,
} from '@hetsched/core';

/**
 * The network's inputs, computed from a problem alone (no schedule), on Float32Array.
 *
 * Tasks are listed in HEFT's priority order (decreasing upward rank, a precedence order), the sequence the task
 * encoder's GRU reads. Every time is divided by the problem's time scale and most quantities are taken as logs of
 * ratios, so a workflow with every cost doubled encodes (nearly) the same: the model learns shapes, not units.
 *
 * Bump FEATURE_SET when any feature changes: a model file records the set it was trained on and refuses another.
 */
export const FEATURE_SET = 4;
export const TASK_FEATURES = 19;
export const PROCESSOR_FEATURES = 7;
export const PAIR_FEATURES = 6;
/**
 * Autoregressive models only (config.autoregressive): per (task, processor), the state of the partial schedule when
 * the task is placed, raw state only: 0-1 where the task's predecessors were placed (share of them, share of their
 * communication time, on that processor); 2 the data-ready time on the processor relative to the earliest; 3 the
 * processor's last finish minus that data-ready time (how busy it is). Differences are divided by the task's mean
 * cost (scale-free, comparable across processors) and log-compressed. Deliberately not HEFT's decision: feature set 3
 * also gave the insertion-based finish per processor, its rank and an earliest-finish flag, and the network learned
 * to pick the flagged processor (HEFT exactly, at HEFT's cost plus the network's). Known only while decoding (the
 * decoder's own partial schedule); in training, from the target schedule (teacher forcing: the target's placements
 * of the tasks before it in HEFT's priority order).
 */
export const PLACED_FEATURES = 4;

/** The partial schedule a task's placed features are read from: only its predecessors' entries and the timelines. */
export interface PartialSchedule {
  processorOf: ArrayLike<number>;
  finish: ArrayLike<number>;
  /** The intervals placed so far: only each processor's last finish is read. */
  timelines: Pick<ProcessorTimelines, 'lastFinish'>;
}

export interface EncodedProblem {
  taskCount: number;
  processorCount: number;
  /** order[k] is the task at sequence position k (HEFT's priority order). */
  order: Int32Array;
  /** positionOf[t] = k where order[k] = t. */
  positionOf: Int32Array;
  /** [taskCount, TASK_FEATURES], rows by sequence position. */
  task: Float32Array;
  /** [processorCount, PROCESSOR_FEATURES]. */
  processor: Float32Array;
  /** [taskCount, processorCount, PAIR_FEATURES], rows by sequence position. */
  pair: Float32Array;
  /** Upward ranks by task index (the decoder's 'upward-rank' order and its tie-break). */
  upwardRank: Float64Array;
  /** Times are divided by this: the longer of the critical path (mean costs) and the mean work per processor. */
  timeScale: number;
}

/** Labels of an encoded problem, by sequence position: HEFT's processor, and its start and finish over timeScale. */
export interface EncodedTargets {
  processor: Int32Array;
  times: Float32Array; // [taskCount, 2]
  /** [taskCount, processorCount, PLACED_FEATURES] by sequence position, from the target's placements. */
  placed: Float32Array;
}

const CLIP = 10;
const clip = (x: number) => (x > CLIP ? CLIP : x < -CLIP ? -CLIP : Number.isFinite(x) ? x : 0);
/** log(a / b), safe for zeros: both are floored at `floor`. */
const logRatio = (a: number, b: number, floor: number) => Math.log(Math.max(a, floor) / Math.max(b, floor));

/** Safe denominator for averages and costs that may be zero. */
const TINY_POSITIVE = 1e-12;
/** Costs are floored at this share of the average task cost before logs and ratios (a zero-cost task stays finite). */
const COST_FLOOR_SHARE = 1e-6;
/** The cluster size a model without a declared maximum is measured against (features 15 and the processor's 6). */
const REFERENCE_PROCESSORS = 32;
/** log(n) / LOG_TASKS_SCALE and log1p(concurrency) / LOG_CONCURRENCY_SCALE keep those features near [0, 1]. */
const LOG_TASKS_SCALE = 10;
const LOG_CONCURRENCY_SCALE = 5;
/** Cores enter as log1p(cores) / log(MAX_CORES + 1): 64 cores give 1. */
const MAX_CORES = 64;

/**
 * A problem being encoded: what every feature is measured against (ranks, the sequence, the time scale, the problem's
 * extremes and CCR, each task's concurrency), plus scratch space shared by the per-task steps.
 */
interface Encoding {
  problem: SchedulingProblem;
  mean: Float64Array;
  up: Float64Array;
  down: Float64Array;
  order: Int32Array;
  criticalPath: number;
  averageTaskCost: number;
  timeScale: number;
  /** Costs are floored at this before logs and ratios. */
  floor: number;
  maxMemory: number;
  maxPriority: number;
  ccr: number;
  concurrent: Float64Array;
  /** m over the model's maximum cluster size (or REFERENCE_PROCESSORS). */
  clusterShare: number;
  /** Processor indices, re-sorted by each task's costs in turn. */
  byCost: number[];
}

/** Per processor, summed over the tasks: log(mean cost / cost here) and how often it is a task's cheapest. */
interface ProcessorTally {
  logSpeed: Float64Array;
  fastestCount: Float64Array;
}

/** One task's costs over the processors: the cheapest cost, and the sum of squared deviations from their mean. */
interface CostSummary {
  min: number;
  squaredDeviations: number;
}

/**
 * The network's inputs for one problem: TASK_FEATURES per task (rows in HEFT's priority order), PROCESSOR_FEATURES
 * per processor and PAIR_FEATURES per (task, processor), as listed in the README ("Features").
 *
 * Algorithm: mean costs, upward and downward ranks and the priority order (core's helpers), the problem's time scale
 * and extremes, then one pass over the tasks writing their task and pair rows while tallying per processor, then the
 * processor rows. O(n·m log m + E·m) for the pair rows' sort by cost and the mean communication times.
 */
export function encodeProblem(problem: SchedulingProblem, maxProcessors = Infinity): EncodedProblem {
  const { taskCount: n, processorCount: m } = problem;
  const encoding = measure(problem, maxProcessors);
  const positionOf = new Int32Array(n);
  for (let k = 0; k < n; k++) positionOf[encoding.order[k]!] = k;
  const task = new Float32Array(n * TASK_FEATURES);
  const pair = new Float32Array(n * m * PAIR_FEATURES);
  const tally: ProcessorTally = { logSpeed: new Float64Array(m), fastestCount: new Float64Array(m) };
  for (let k = 0; k < n; k++) {
    const t = encoding.order[k]!;
    const costs = summarizeCosts(encoding, t, tally);
    writeTaskFeatures(encoding, k, costs, task.subarray(k * TASK_FEATURES, (k + 1) * TASK_FEATURES));
    writePairFeatures(encoding, t, costs.min, pair.subarray(k * m * PAIR_FEATURES, (k + 1) * m * PAIR_FEATURES));
  }
  const processor = processorFeatures(encoding, tally);
  const { order, up: upwardRank, timeScale } = encoding;
  return { taskCount: n, processorCount: m, order, positionOf, task, processor, pair, upwardRank, timeScale };
}

/**
 * Ranks, order and the problem-wide measures. The time scale is the longer of the critical path (mean costs) and the
 * mean work per processor, so that times over it are near [0, 1] for chains and for wide graphs alike.
 */
function measure(problem: SchedulingProblem, maxProcessors: number): Encoding {
  const { taskCount: n, processorCount: m } = problem;
  const mean = meanCosts(problem);
  const up = upwardRanks(problem, mean);
  const down = downwardRanks(problem, mean);
  let criticalPath = 0;
  let meanSum = 0;
  for (let t = 0; t < n; t++) {
    if (up[t]! > criticalPath) criticalPath = up[t]!;
    meanSum += mean[t]!;
  }
  const averageTaskCost = n > 0 ? meanSum / n : 1;
  let maxMemory = 0;
  let maxPriority = 0;
  for (const spec of problem.workflow.tasks) {
    maxMemory = Math.max(maxMemory, finiteOr(spec.memoryGb, 0));
    maxPriority = Math.max(maxPriority, Math.abs(finiteOr(spec.priority, 0)));
  }
  let edgeCommSum = 0;
  for (let k = 0; k < problem.edgeCount; k++) edgeCommSum += meanCommunicationTime(problem, problem.succData[k]!);
  return {
    problem,
    mean,
    up,
    down,
    order: priorityOrder(problem, up),
    criticalPath,
    averageTaskCost,
    timeScale: Math.max(criticalPath, meanSum / Math.max(1, m), TINY_POSITIVE),
    floor: Math.max(averageTaskCost, TINY_POSITIVE) * COST_FLOOR_SHARE,
    maxMemory,
    maxPriority,
    ccr: problem.edgeCount > 0 ? edgeCommSum / problem.edgeCount / Math.max(averageTaskCost, TINY_POSITIVE) : 0,
    concurrent: concurrency(down, mean),
    clusterShare: m / (Number.isFinite(maxProcessors) ? maxProcessors : REFERENCE_PROCESSORS),
    byCost: Array.from({ length: m }, (_, p) => p),
  };
}

/** Task t's cheapest processor and cost spread; adds its share to each processor's speed and cheapest-count tallies. */
function summarizeCosts(encoding: Encoding, t: number, tally: ProcessorTally): CostSummary {
  const { problem, floor } = encoding;
  const m = problem.processorCount;
  const row = t * m;
  const mt = encoding.mean[t]!;
  let min = Infinity;
  let squaredDeviations = 0;
  let fastest = 0;
  for (let p = 0; p < m; p++) {
    const c = problem.cost[row + p]!;
    if (c < min) {
      min = c;
      fastest = p;
    }
    squaredDeviations += (c - mt) * (c - mt);
    tally.logSpeed[p]! += logRatio(mt, c, floor);
  }
  tally.fastestCount[fastest]!++;
  return { min, squaredDeviations };
}

/** The TASK_FEATURES of the task at sequence position k into `f` (README, "Features": position, ranks, degrees, costs, load). */
function writeTaskFeatures(encoding: Encoding, k: number, costs: CostSummary, f: Float32Array): void {
  const { problem, up, down, timeScale, criticalPath, averageTaskCost, floor } = encoding;
  const { taskCount: n, processorCount: m } = problem;
  const t = encoding.order[k]!;
  const mt = encoding.mean[t]!;
  let dataIn = 0;
  let dataOut = 0;
  for (let i = problem.predOffsets[t]!; i < problem.predOffsets[t + 1]!; i++) dataIn += meanCommunicationTime(problem, problem.predData[i]!);
  for (let i = problem.succOffsets[t]!; i < problem.succOffsets[t + 1]!; i++) dataOut += meanCommunicationTime(problem, problem.succData[i]!);
  const spec = problem.workflow.tasks[t]!;
  const costScale = Math.max(averageTaskCost, TINY_POSITIVE);
  f[0] = n > 1 ? k / (n - 1) : 0;
  f[1] = clip(up[t]! / timeScale);
  f[2] = clip(down[t]! / timeScale);
  f[3] = clip((up[t]! + down[t]!) / Math.max(criticalPath, TINY_POSITIVE));
  f[4] = Math.log1p(problem.predOffsets[t + 1]! - problem.predOffsets[t]!);
  f[5] = Math.log1p(problem.succOffsets[t + 1]! - problem.succOffsets[t]!);
  f[6] = clip(logRatio(mt, averageTaskCost, floor));
  f[7] = clip(mt / timeScale);
  f[8] = clip(mt > 0 ? Math.sqrt(costs.squaredDeviations / m) / mt : 0);
  f[9] = clip(logRatio(costs.min, mt, floor));
  f[10] = clip(Math.log1p(dataIn / costScale));
  f[11] = clip(Math.log1p(dataOut / costScale));
  f[12] = encoding.maxMemory > 0 ? finiteOr(spec.memoryGb, 0) / encoding.maxMemory : 0;
  f[13] = encoding.maxPriority > 0 ? finiteOr(spec.priority, 0) / encoding.maxPriority : 0;
  f[14] = Math.log(Math.max(1, n)) / LOG_TASKS_SCALE;
  f[15] = encoding.clusterShare;
  f[16] = clip(Math.log1p(encoding.ccr));
  // Load: how many tasks could run at the same time as this one, by their earliest start (downward rank) and
  // mean cost. HEFT spreads concurrent tasks over slower processors; the cheapest one is only free when few compete.
  f[17] = Math.log1p(encoding.concurrent[t]!) / LOG_CONCURRENCY_SCALE;
  f[18] = clip(encoding.concurrent[t]! / m);
}

/**
 * The PAIR_FEATURES of task t on every processor into `out` ([m, PAIR_FEATURES]): its cost there relative to its
 * mean, to the time scale and to its cheapest, the processor's rank by that cost, and the share of the task's total
 * processing rate offered by this processor and the cheaper ones. O(m log m) for the sort.
 */
function writePairFeatures(encoding: Encoding, t: number, min: number, out: Float32Array): void {
  const { problem, floor, timeScale, byCost } = encoding;
  const { processorCount: m, cost } = problem;
  const row = t * m;
  const mt = encoding.mean[t]!;
  byCost.sort((a, b) => cost[row + a]! - cost[row + b]! || a - b);
  let capacity = 0;
  for (let p = 0; p < m; p++) capacity += 1 / Math.max(cost[row + p]!, floor);
  let capacityUpTo = 0;
  for (let r = 0; r < m; r++) {
    const p = byCost[r]!;
    const c = cost[row + p]!;
    const g = out.subarray(p * PAIR_FEATURES, (p + 1) * PAIR_FEATURES);
    g[0] = clip(logRatio(c, mt, floor));
    g[1] = clip(c / timeScale);
    g[2] = m > 1 ? r / (m - 1) : 0;
    g[3] = r === 0 ? 1 : 0;
    g[4] = clip(logRatio(c, min, floor));
    capacityUpTo += 1 / Math.max(c, floor);
    g[5] = capacityUpTo / capacity;
  }
}

/**
 * The PROCESSOR_FEATURES rows ([m, PROCESSOR_FEATURES]): speed (the mean over tasks of log(mean cost / cost here), a
 * geometric-mean speed), cores, memory, mean bandwidth and latency to the others, how often it is a task's cheapest,
 * and the cluster's size. O(m²) for the links.
 */
function processorFeatures(encoding: Encoding, tally: ProcessorTally): Float32Array {
  const { problem, averageTaskCost } = encoding;
  const { taskCount: n, processorCount: m } = problem;
  const processor = new Float32Array(m * PROCESSOR_FEATURES);
  let maxProcessorMemory = 0;
  for (const spec of problem.cluster.processors) maxProcessorMemory = Math.max(maxProcessorMemory, finiteOr(spec.memoryGb, 0));
  for (let p = 0; p < m; p++) {
    const spec = problem.cluster.processors[p]!;
    let bandwidth = 0;
    let latency = 0;
    for (let q = 0; q < m; q++) {
      if (q === p) continue;
      bandwidth += 1 / problem.inverseBandwidth[p * m + q]!;
      latency += problem.latency[p * m + q]!;
    }
    const others = Math.max(1, m - 1);
    const f = processor.subarray(p * PROCESSOR_FEATURES, (p + 1) * PROCESSOR_FEATURES);
    f[0] = clip(n > 0 ? tally.logSpeed[p]! / n : 0);
    f[1] = Math.log1p(finiteOr(spec.cores, 1)) / Math.log(MAX_CORES + 1);
    f[2] = maxProcessorMemory > 0 ? finiteOr(spec.memoryGb, 0) / maxProcessorMemory : 0;
    f[3] = m > 1 ? clip(Math.log(bandwidth / others / problem.meanBandwidth)) : 0;
    f[4] = m > 1 ? clip(latency / others / Math.max(averageTaskCost, TINY_POSITIVE)) : 0;
    f[5] = n > 0 ? tally.fastestCount[p]! / n : 0;
    f[6] = encoding.clusterShare;
  }
  return processor;
}

/**
 * For each task, the number of other tasks whose estimated run [downward rank, + mean cost) overlaps its own:
 * n - (those starting after it ends) - (those ending before it starts) - 1, by binary search on sorted bounds.
 */
function concurrency(down: Float64Array, mean: Float64Array): Float64Array {
  const n = down.length;
  const starts = Float64Array.from(down).sort();
  const ends = Float64Array.from(down, (d, t) => d + mean[t]!).sort();
  const result = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const a = down[t]!;
    const b = a + mean[t]!;
    const startingAfter = n - lowerBound(starts, b); // starts >= b
    const endingBefore = upperBound(ends, a); // ends <= a
    result[t] = Math.max(0, n - startingAfter - endingBefore - 1);
  }
  return result;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let scratch = new Float64Array(0);

/**
 * Writes the placed features of task t into out[0 .. m * PLACED_FEATURES) from the partial schedule `state` (a
 * decoder passes its own). O(in-degree x m) for the data-ready times and O(m) last-finish look-ups: no term grows
 * with the task count, and no insertion search (that, with the finish it gives, would be HEFT's own work).
 */
export function placedFeatures(problem: SchedulingProblem, t: number, state: PartialSchedule, out: Float32Array): void {
  const { processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  const { processorOf, finish, timelines } = state;
  out.fill(0, 0, m * PLACED_FEATURES);
  if (scratch.length < m) scratch = new Float64Array(m);
  const ready = scratch.subarray(0, m).fill(0);
  const from = predOffsets[t]!;
  const to = predOffsets[t + 1]!;
  let communication = 0;
  for (let i = from; i < to; i++) communication += meanCommunicationTime(problem, predData[i]!);
  for (let i = from; i < to; i++) {
    const q = predTasks[i]!;
    const pq = processorOf[q]!;
    const fq = finish[q]!;
    out[pq * PLACED_FEATURES]! += 1 / (to - from);
    out[pq * PLACED_FEATURES + 1]! += communication > 0 ? meanCommunicationTime(problem, predData[i]!) / communication : 1 / (to - from);
    for (let p = 0; p < m; p++) {
      const arrival = p === pq ? fq : fq + latency[pq * m + p]! + predData[i]! * inverseBandwidth[pq * m + p]!;
      if (arrival > ready[p]!) ready[p] = arrival;
    }
  }
  let meanCost = 0;
  let minReady = Infinity;
  for (let p = 0; p < m; p++) {
    meanCost += cost[t * m + p]! / m;
    if (ready[p]! < minReady) minReady = ready[p]!;
  }
  const scale = Math.max(meanCost, 1e-12);
  for (let p = 0; p < m; p++) {
    const g = out.subarray(p * PLACED_FEATURES, (p + 1) * PLACED_FEATURES);
    g[2] = clip(Math.log1p((ready[p]! - minReady) / scale));
    const busy = (timelines.lastFinish(p) - ready[p]!) / scale;
    g[3] = clip(Math.sign(busy) * Math.log1p(Math.abs(busy)));
  }
}

/** HEFT's (or any) schedule as labels of an encoded problem (`problem` gives the teacher-forced placed features). */
export function encodeTargets(encoded: EncodedProblem, target: Schedule, problem?: SchedulingProblem): EncodedTargets {
  const n = encoded.taskCount;
  if (target.processorOf.length !== n) {
    throw new RangeError(`a target schedule must cover all ${n} tasks, it has ${target.processorOf.length}`);
  }
  const processor = new Int32Array(n);
  const times = new Float32Array(n * 2);
  for (let k = 0; k < n; k++) {
    const t = encoded.order[k]!;
    const p = target.processorOf[t]!;
    if (!(p >= 0 && p < encoded.processorCount)) throw new RangeError(`target schedule: task ${t} has no valid processor (${p})`);
    processor[k] = p;
    times[2 * k] = target.start[t]! / encoded.timeScale;
    times[2 * k + 1] = target.finish[t]! / encoded.timeScale;
  }
  const m = encoded.processorCount;
  const placed = new Float32Array(n * m * PLACED_FEATURES);
  if (problem) {
    // The state before each task: the target's tasks before it in the priority order (the order HEFT placed them in).
    const timelines = new ProcessorTimelines(m, Math.ceil((2 * n) / Math.max(1, m)));
    const state: PartialSchedule = { processorOf: target.processorOf, finish: target.finish, timelines };
    for (let k = 0; k < n; k++) {
      const t = encoded.order[k]!;
      placedFeatures(problem, t, state, placed.subarray(k * m * PLACED_FEATURES));
      timelines.insert(target.processorOf[t]!, t, target.start[t]!, target.finish[t]!);
    }
  }
  return { processor, times, placed };
}

/** Size buckets: tasks pad to 32, 64, 128, ... and processors to 4, 8, 16, 32, ..., so a batch pads only within a bucket. */
export function taskBucket(taskCount: number): number {
  let b = 32;
  while (b < taskCount) b *= 2;
  return b;
}

export function processorBucket(processorCount: number): number {
  let b = 4;
  while (b < processorCount) b *= 2;
  return b;
}

/** A padded batch: examples of one bucket stacked, with masks (1 for a real task / processor, 0 for padding). */
export interface Batch {
  size: number;
  taskPad: number;
  processorPad: number;
  task: Float32Array; // [B, N, TASK_FEATURES]
  processor: Float32Array; // [B, M, PROCESSOR_FEATURES]
  pair: Float32Array; // [B, N, M, PAIR_FEATURES]
  taskMask: Float32Array; // [B, N]
  processorMask: Float32Array; // [B, M]
  /** Labels, when the examples have targets: processor index (-1 on padding) and times [B, N, 2]. */
  labels?: Int32Array;
  times?: Float32Array;
  /** [B, N, M, PLACED_FEATURES]: the targets' placed-predecessor features (autoregressive models). */
  placed?: Float32Array;
}

export function makeBatch(
  items: readonly { encoded: EncodedProblem; targets?: EncodedTargets }[],
  taskPad: number,
  processorPad: number,
): Batch {
  const B = items.length;
  const N = taskPad;
  const M = processorPad;
  const batch: Batch = {
    size: B,
    taskPad: N,
    processorPad: M,
    task: new Float32Array(B * N * TASK_FEATURES),
    processor: new Float32Array(B * M * PROCESSOR_FEATURES),
    pair: new Float32Array(B * N * M * PAIR_FEATURES),
    taskMask: new Float32Array(B * N),
    processorMask: new Float32Array(B * M),
  };
  const withTargets = items.every((item) => item.targets !== undefined);
  if (withTargets) {
    batch.labels = new Int32Array(B * N).fill(-1);
    batch.times = new Float32Array(B * N * 2);
    batch.placed = new Float32Array(B * N * M * PLACED_FEATURES);
  }
  items.forEach(({ encoded, targets }, b) => {
    const n = encoded.taskCount;
    const m = encoded.processorCount;
    if (n > N || m > M) throw new RangeError(`an example of ${n} tasks on ${m} processors does not fit the bucket ${N}x${M}`);
    batch.task.set(encoded.task, b * N * TASK_FEATURES);
    batch.processor.set(encoded.processor, b * M * PROCESSOR_FEATURES);
    for (let k = 0; k < n; k++) {
      batch.pair.set(encoded.pair.subarray(k * m * PAIR_FEATURES, (k + 1) * m * PAIR_FEATURES), ((b * N + k) * M) * PAIR_FEATURES);
    }
    batch.taskMask.fill(1, b * N, b * N + n);
    batch.processorMask.fill(1, b * M, b * M + m);
    if (withTargets) {
      batch.labels!.set(targets!.processor, b * N);
      batch.times!.set(targets!.times, b * N * 2);
      for (let k = 0; k < n; k++) {
        batch.placed!.set(targets!.placed.subarray(k * m * PLACED_FEATURES, (k + 1) * m * PLACED_FEATURES), (b * N + k) * M * PLACED_FEATURES);
      }
    }
  });
  return batch;
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
