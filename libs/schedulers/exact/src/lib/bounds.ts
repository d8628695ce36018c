import type { SchedulingProblem } from '@hetsched/core';
import type { PartialSchedule } from './partial-schedule.js';

/**
 * tail[t·m + p]: a lower bound on the time from the finish of task t on processor p to the end of the schedule.
 * Each successor s either runs elsewhere, after a transfer — at least remote(s) = min over q ≠ p of
 * (comm(p, q, data) + cost(s, q) + tail(s, q)) — or on p itself, where the successors kept there run one after
 * another, largest tail first at best (`LocalOrRemote` takes the best split). Other contention is ignored.
 * O(E·m² + E·m·d) in reverse topological order (d: the largest out-degree).
 */
export function tailBounds(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost, succOffsets, succTasks, succData, latency, inverseBandwidth, topologicalOrder } = problem;
  const tail = new Float64Array(n * m);
  const split = new LocalOrRemote(maxDegree(succOffsets, n));
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    for (let p = 0; p < m; p++) {
      split.clear();
      for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
        const s = succTasks[i]!;
        const data = succData[i]!;
        let remote = Infinity;
        for (let q = 0; q < m; q++) {
          if (q === p) continue;
          const via = latency[p * m + q]! + data * inverseBandwidth[p * m + q]! + cost[s * m + q]! + tail[s * m + q]!;
          if (via < remote) remote = via;
        }
        split.add(remote, cost[s * m + p]!, tail[s * m + p]!);
      }
      tail[t * m + p] = split.least();
    }
  }
  return tail;
}

/** The least cost of each task over the processors. */
export function minimumCosts(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost } = problem;
  const least = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let best = Infinity;
    for (let p = 0; p < m; p++) best = Math.min(best, cost[t * m + p]!);
    least[t] = best;
  }
  return least;
}

/** The most predecessors (or successors) of any task, from CSR offsets. */
function maxDegree(offsets: Int32Array, n: number): number {
  let most = 0;
  for (let t = 0; t < n; t++) most = Math.max(most, offsets[t + 1]! - offsets[t]!);
  return most;
}

/**
 * The least over ways to split a task's neighbours (its predecessors when it is to run on p, or its successors
 * when it ran on p) between p and elsewhere. A neighbour elsewhere counts its `remote` time; those on p run one
 * after another, each taking its `serial` time, with a `release` time: for predecessors, their earliest start on
 * p, and the last one kept on p ends no earlier than max over i in L of (release_i + Σ serial_j over j in L
 * released no earlier than i) — every neighbour released at or after release_i runs after it; for successors the
 * mirror image, with release their tail (delivery time) and the largest tails first (Jackson's bound). So
 *   min over sets L of  max( max_{i ∉ L} remote_i,  J(L) ),  J(L) = max_{i ∈ L} (release_i + Σ_{j ∈ L, release_j ≥ release_i} serial_j).
 * J only grows with L: for any L, with X the largest remote outside it, L holds every i with remote_i > X; so the
 * least is reached with L = the k largest remotes for some k. Sort by remote, descending, and add neighbours one
 * by one. O(d) per insertion, O(d²) per query (degrees are small).
 */
export class LocalOrRemote {
  private count = 0;
  private readonly remote: Float64Array;
  private readonly serial: Float64Array;
  private readonly release: Float64Array;
  private readonly done: Float64Array;

  constructor(capacity: number) {
    this.remote = new Float64Array(capacity);
    this.serial = new Float64Array(capacity);
    this.release = new Float64Array(capacity);
    this.done = new Float64Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  add(remote: number, serial: number, release: number): void {
    let i = this.count++;
    while (i > 0 && this.remote[i - 1]! < remote) {
      this.remote[i] = this.remote[i - 1]!;
      this.serial[i] = this.serial[i - 1]!;
      this.release[i] = this.release[i - 1]!;
      i--;
    }
    this.remote[i] = remote;
    this.serial[i] = serial;
    this.release[i] = release;
  }

  /** The least over splits; 0 without neighbours. `done[i]`: release_i + the serial times after it in L. */
  least(): number {
    const { remote, serial, release, done } = this;
    let best = this.count > 0 ? remote[0]! : 0;
    let kept = 0;
    for (let k = 0; k < this.count; k++) {
      done[k] = release[k]! + serial[k]!;
      for (let i = 0; i < k; i++) {
        if (release[i]! <= release[k]!) done[i] += serial[k]!;
        if (release[i]! >= release[k]!) done[k] += serial[i]!;
        if (done[i]! > kept) kept = done[i]!;
      }
      if (done[k]! > kept) kept = done[k]!;
      const outside = k + 1 < this.count ? remote[k + 1]! : 0;
      const value = outside > kept ? outside : kept;
      if (value < best) best = value;
    }
    return best;
  }
}

/**
 * Lower bounds on the makespan of every completion of a partial schedule (appending tasks in non-decreasing start
 * order from `floor`, the start of the task placed last):
 *  - path: each unplaced task t gets an earliest start est(t, p) on every processor p (see `pathThrough`) and the
 *    makespan is at least min over p of est + cost + tail;
 *  - load: the unplaced tasks must fit on processors each free from max(last finish, floor, least est of any
 *    unplaced task there): the smallest C with Σ_p λ_p · max(0, C − free_p) ≥ Σ_t min_p λ_p · cost(t, p), for
 *    each weight vector λ of `loadWeights`.
 * O(n·m + E·m² + E·m·d) per call (d: the largest in-degree), with scratch arrays reused.
 */
export class LowerBound {
  private readonly earliestFinish: Float64Array;
  private readonly leastStart: Float64Array;
  private readonly free: Float64Array;
  private readonly split: LocalOrRemote;

  private readonly weights: Float64Array[];
  private readonly weightedLeast: Float64Array[];
  private readonly work: Float64Array;
  private readonly order: Int32Array;

  constructor(
    private readonly problem: SchedulingProblem,
    private readonly tail: Float64Array,
  ) {
    const m = problem.processorCount;
    this.weights = loadWeights(problem);
    this.weightedLeast = this.weights.map((w) => weightedLeastCosts(problem, w));
    this.work = new Float64Array(this.weights.length);
    this.order = new Int32Array(m);
    this.earliestFinish = new Float64Array(problem.taskCount * m);
    this.leastStart = new Float64Array(m);
    this.free = new Float64Array(m);
    this.split = new LocalOrRemote(maxDegree(problem.predOffsets, problem.taskCount));
  }

  of(state: PartialSchedule, floor: number): number {
    const { taskCount: n, processorCount: m, topologicalOrder } = this.problem;
    const { weights, weightedLeast, work } = this;
    let bound = state.makespan;
    let left = 0;
    work.fill(0);
    this.leastStart.fill(Infinity);
    for (let k = 0; k < n; k++) {
      const t = topologicalOrder[k]!;
      if (state.processorOf[t]! >= 0) continue;
      const best = this.pathThrough(state, t, floor);
      if (best > bound) bound = best;
      left++;
      for (let w = 0; w < weights.length; w++) work[w] += weightedLeast[w]![t]!;
    }
    if (left === 0) return bound;
    for (let p = 0; p < m; p++) this.free[p] = Math.max(state.lastFinish[p]!, floor, this.leastStart[p]!);
    for (let w = 0; w < weights.length; w++) bound = Math.max(bound, waterLevel(this.free, weights[w]!, work[w]!, this.order));
    return bound;
  }

  /**
   * Fills t's earliest finishes and returns min over p of est + cost + tail. On p, est is at least p's free time
   * (its last finish, and `floor`) and the arrival from each placed predecessor; each unplaced predecessor q
   * either runs elsewhere, its data arriving no earlier than min over r ≠ p of eft(q, r) + comm(r, p), or on p,
   * after p's free time, one after another with the others kept there (`LocalOrRemote`).
   */
  private pathThrough(state: PartialSchedule, t: number, floor: number): number {
    const { processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const split = this.split;
    let best = Infinity;
    for (let p = 0; p < m; p++) {
      const free = state.lastFinish[p]! > floor ? state.lastFinish[p]! : floor;
      let est = free;
      split.clear();
      for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
        const q = predTasks[i]!;
        const data = predData[i]!;
        const from = state.processorOf[q]!;
        if (from >= 0) {
          const arrival = p === from ? state.finish[q]! : state.finish[q]! + latency[from * m + p]! + data * inverseBandwidth[from * m + p]!;
          if (arrival > est) est = arrival;
          continue;
        }
        let remote = Infinity;
        for (let r = 0; r < m; r++) {
          if (r === p) continue;
          const via = this.earliestFinish[q * m + r]! + latency[r * m + p]! + data * inverseBandwidth[r * m + p]!;
          if (via < remote) remote = via;
        }
        split.add(remote, cost[q * m + p]!, this.earliestFinish[q * m + p]! - cost[q * m + p]!);
      }
      est = Math.max(est, split.least());
      const finish = est + cost[t * m + p]!;
      this.earliestFinish[t * m + p] = finish;
      if (finish + this.tail[t * m + p]! < best) best = finish + this.tail[t * m + p]!;
      if (est < this.leastStart[p]!) this.leastStart[p] = est;
    }
    return best;
  }
}

/**
 * The smallest C with Σ_p weight[p] · max(0, C − free[p]) ≥ work: processors join in order of availability, each
 * adding its weight to the slope. `order` is scratch space for the sort (insertion sort: m is small next to the
 * rest of a bound). O(m²).
 */
export function waterLevel(free: Float64Array, weight: Float64Array, work: number, order: Int32Array): number {
  const m = free.length;
  for (let i = 0; i < m; i++) {
    let j = i - 1;
    while (j >= 0 && free[order[j]!]! > free[i]!) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
  let slope = 0;
  let offset = 0;
  for (let k = 0; k < m; k++) {
    const p = order[k]!;
    slope += weight[p]!;
    offset += weight[p]! * free[p]!;
    if (slope === 0) continue;
    const level = (work + offset) / slope;
    if (k === m - 1 || level <= free[order[k + 1]!]!) return level;
  }
  return Infinity; // every weight 0 with work left: cannot happen for weights from `loadWeights`
}

/**
 * Weights for the load bound. For any weights λ ≥ 0, the load of each processor fits before the makespan C, so
 * Σ_p λ_p · max(0, C − free_p) ≥ Σ_t λ_p(t) · cost(t, p(t)) ≥ Σ_t min_p λ_p · cost(t, p). Equal weights give the
 * classic bound (least costs over m processors); weights following each processor's speed, λ_p ~ 1 / Σ_t cost(t, p),
 * give Σ work / Σ speed on processors that differ in speed only, where least costs would count every task at the
 * fastest speed. Both are used. The speed weights are rounded to powers of two so that weighting is exact in
 * floating point (a bound must not exceed the optimum by a rounding error when times are exact); a processor
 * whose costs are all 0 leaves only equal weights.
 */
export function loadWeights(problem: SchedulingProblem): Float64Array[] {
  const { taskCount: n, processorCount: m, cost } = problem;
  const equal = new Float64Array(m).fill(1);
  const bySpeed = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    let total = 0;
    for (let t = 0; t < n; t++) total += cost[t * m + p]!;
    bySpeed[p] = 2 ** Math.round(-Math.log2(total));
    if (!(bySpeed[p]! > 0 && Number.isFinite(bySpeed[p]!))) return [equal];
  }
  return [equal, bySpeed];
}

/** min over p of weight[p] · cost(t, p), for each task. */
export function weightedLeastCosts(problem: SchedulingProblem, weight: Float64Array): Float64Array {
  const { taskCount: n, processorCount: m, cost } = problem;
  const least = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let best = Infinity;
    for (let p = 0; p < m; p++) best = Math.min(best, weight[p]! * cost[t * m + p]!);
    least[t] = best;
  }
  return least;
}
