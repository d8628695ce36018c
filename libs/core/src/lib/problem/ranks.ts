import { IndexHeap } from '../util/index-heap.js';
import { meanCommunicationTime, type SchedulingProblem } from './scheduling-problem.js';

/** w̄(t): the mean execution time of each task over all processors. */
export function meanCosts(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost } = problem;
  const mean = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    const row = t * m;
    for (let p = 0; p < m; p++) sum += cost[row + p]!;
    mean[t] = sum / m;
  }
  return mean;
}

/**
 * HEFT's upward rank: rank_u(t) = w̄(t) + max over successors s of (c̄(t,s) + rank_u(s)), with c̄ = L̄ + data / B̄.
 * `taskCost` replaces w̄ (the hybrid GA ranks with random execution times); `withCommunication: false` drops c̄.
 */
export function upwardRanks(
  problem: SchedulingProblem,
  taskCost: Float64Array = meanCosts(problem),
  withCommunication = true,
): Float64Array {
  const { taskCount: n, topologicalOrder, succOffsets, succTasks, succData } = problem;
  const rank = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    let longest = 0;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const via = (withCommunication ? meanCommunicationTime(problem, succData[i]!) : 0) + rank[succTasks[i]!]!;
      if (via > longest) longest = via;
    }
    rank[t] = taskCost[t]! + longest;
  }
  return rank;
}

/** Downward rank: rank_d(t) = max over predecessors q of (rank_d(q) + w̄(q) + c̄(q,t)); 0 for entry tasks. */
export function downwardRanks(problem: SchedulingProblem, taskCost: Float64Array = meanCosts(problem)): Float64Array {
  const { taskCount: n, topologicalOrder, predOffsets, predTasks, predData } = problem;
  const rank = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = topologicalOrder[k]!;
    let longest = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const via = rank[q]! + taskCost[q]! + meanCommunicationTime(problem, predData[i]!);
      if (via > longest) longest = via;
    }
    rank[t] = longest;
  }
  return rank;
}

/** Ranks are compared at this many parts of the largest one: 12 significant digits. */
const RANK_RESOLUTION = 1e12;

/** The largest absolute value of `values` (0 for none): the scale of `rankKey`. O(n). */
export function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
  return largest;
}

/**
 * A comparable key for a rank: `value` divided by `largest` (the largest rank in absolute value) and rounded to 12
 * significant digits, so that two ranks equal in exact arithmetic but apart in the last bit of a floating-point sum
 * (80 and 80.00000000000001) get the same key and a tie rule decides. 0 when `largest` is 0.
 */
export function rankKey(value: number, largest: number): number {
  // Divide by the largest first: `1e12 / largest` overflows to Infinity for largest below ~1e-296, which made every
  // key Infinity (or NaN for 0) and the order plain input order.
  // `+ 0` turns a -0 (Math.round of -0 or of a tiny negative) into 0: equal ranks get identical keys, sign included.
  return largest > 0 ? Math.round((value / largest) * RANK_RESOLUTION) + 0 : 0;
}

/** `rankKey` of every rank, scaled by the largest of them. O(n). */
export function rankKeys(ranks: ArrayLike<number>): Float64Array {
  const largest = largestMagnitude(ranks);
  const keys = new Float64Array(ranks.length);
  for (let t = 0; t < ranks.length; t++) keys[t] = rankKey(ranks[t]!, largest);
  return keys;
}

/**
 * Tasks by decreasing priority, ties by input order, and always a valid precedence order.
 *
 * A ready list: at each step the highest-priority task whose predecessors are all placed. When priority strictly
 * decreases along every edge (upward ranks with positive costs) this is exactly "sort by decreasing priority";
 * with zero-cost tasks a successor can tie its predecessor, and the ready list then still puts the predecessor
 * first. Priorities are compared by `rankKeys`, so two ranks that differ only by floating-point rounding count as
 * a tie and fall back to input order. O(n log n + E).
 */
export function priorityOrder(problem: SchedulingProblem, priority: Float64Array): Int32Array {
  const key = rankKeys(priority);
  return readyListOrder(problem, (a, b) => key[a]! > key[b]! || (key[a] === key[b] && a < b));
}

/** Calls a ready list makes while it builds its order (a decoder that places each task as it is listed). */
export interface ReadyListHooks {
  /** t's predecessors are all listed; called before t is compared with the other ready tasks. */
  ready?(t: number): void;
  /** t is the next task of the order; called before its successors can become ready. */
  listed?(t: number): void;
}

/**
 * A precedence order built as a ready list: at each step, of the tasks whose predecessors are all listed, the one
 * `before` puts first (`before(a, b)`: a goes before b; make it a strict total order, ties broken by index). Every
 * order it returns is valid for list scheduling, whatever `before` says.
 */
export function readyListOrder(problem: SchedulingProblem, before: (a: number, b: number) => boolean, hooks: ReadyListHooks = {}): Int32Array {
  const { taskCount: n, predOffsets, succOffsets, succTasks } = problem;
  const { ready, listed } = hooks;
  const heap = new IndexHeap(n, before);
  const waiting = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    waiting[t] = predOffsets[t + 1]! - predOffsets[t]!;
    if (waiting[t] === 0) {
      ready?.(t);
      heap.push(t);
    }
  }
  const order = new Int32Array(n);
  let k = 0;
  while (heap.size > 0) {
    const t = heap.pop();
    order[k++] = t;
    listed?.(t);
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--waiting[s]! === 0) {
        ready?.(s);
        heap.push(s);
      }
    }
  }
  return order;
}
