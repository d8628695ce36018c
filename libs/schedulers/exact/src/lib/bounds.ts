import type { SchedulingProblem } from '@hetsched/core';
import type { PartialSchedule } from './partial-schedule.js';

/**
 * tail[t·m + p]: a lower bound on the time from the finish of task t on processor p to the end of the schedule,
 *   tail(t, p) = max over successors s of  min over processors q of  (comm(p, q, data) + cost(s, q) + tail(s, q)),
 * with comm 0 when q = p: each successor must still receive t's data and run somewhere. Processor contention is
 * ignored. O(E·m²), in reverse topological order.
 */
export function tailBounds(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost, succOffsets, succTasks, succData, latency, inverseBandwidth, topologicalOrder } = problem;
  const tail = new Float64Array(n * m);
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      const data = succData[i]!;
      for (let p = 0; p < m; p++) {
        let shortest = Infinity;
        for (let q = 0; q < m; q++) {
          const transfer = q === p ? 0 : latency[p * m + q]! + data * inverseBandwidth[p * m + q]!;
          const via = transfer + cost[s * m + q]! + tail[s * m + q]!;
          if (via < shortest) shortest = via;
        }
        if (shortest > tail[t * m + p]!) tail[t * m + p] = shortest;
      }
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

/**
 * Lower bounds on the makespan of every completion of a partial schedule (appending tasks in non-decreasing start
 * order from `floor`, the start of the task placed last):
 *  - path: each unplaced task t gets an earliest start est(t, p) on every processor p — no earlier than p's last
 *    finish, `floor`, and the arrival of each input (exact for a placed predecessor; the least over processors of
 *    eft + transfer for an unplaced one) — and the makespan is at least min over p of est + cost + tail;
 *  - load: the unplaced tasks' least costs must fit on processors each free from max(last finish, floor, least
 *    est of any unplaced task there): the smallest C with Σ_p max(0, C − free_p) ≥ Σ least costs.
 * O(n·m + E·m²) per call, with scratch arrays reused.
 */
export class LowerBound {
  private readonly earliestFinish: Float64Array;
  private readonly earliestStart: Float64Array;
  private readonly leastStart: Float64Array;
  private readonly free: Float64Array;

  constructor(
    private readonly problem: SchedulingProblem,
    private readonly tail: Float64Array,
    private readonly leastCost: Float64Array,
  ) {
    const m = problem.processorCount;
    this.earliestFinish = new Float64Array(problem.taskCount * m);
    this.earliestStart = new Float64Array(m);
    this.leastStart = new Float64Array(m);
    this.free = new Float64Array(m);
  }

  of(state: PartialSchedule, floor: number): number {
    const { taskCount: n, processorCount: m, topologicalOrder } = this.problem;
    let bound = state.makespan;
    let work = 0;
    this.leastStart.fill(Infinity);
    for (let k = 0; k < n; k++) {
      const t = topologicalOrder[k]!;
      if (state.processorOf[t]! >= 0) continue;
      const best = this.pathThrough(state, t, floor);
      if (best > bound) bound = best;
      work += this.leastCost[t]!;
    }
    if (work === 0) return bound;
    for (let p = 0; p < m; p++) this.free[p] = Math.max(state.lastFinish[p]!, floor, this.leastStart[p]!);
    return Math.max(bound, waterLevel(this.free, m, work));
  }

  /** Fills t's earliest finishes, returns min over p of est + cost + tail. */
  private pathThrough(state: PartialSchedule, t: number, floor: number): number {
    const { processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const est = this.earliestStart;
    for (let p = 0; p < m; p++) est[p] = state.lastFinish[p]! > floor ? state.lastFinish[p]! : floor;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const data = predData[i]!;
      const from = state.processorOf[q]!;
      for (let p = 0; p < m; p++) {
        let arrival: number;
        if (from >= 0) {
          arrival = p === from ? state.finish[q]! : state.finish[q]! + latency[from * m + p]! + data * inverseBandwidth[from * m + p]!;
        } else {
          arrival = Infinity;
          for (let r = 0; r < m; r++) {
            const via = this.earliestFinish[q * m + r]! + (r === p ? 0 : latency[r * m + p]! + data * inverseBandwidth[r * m + p]!);
            if (via < arrival) arrival = via;
          }
        }
        if (arrival > est[p]!) est[p] = arrival;
      }
    }
    let best = Infinity;
    for (let p = 0; p < m; p++) {
      const finish = est[p]! + cost[t * m + p]!;
      this.earliestFinish[t * m + p] = finish;
      if (finish + this.tail[t * m + p]! < best) best = finish + this.tail[t * m + p]!;
      if (est[p]! < this.leastStart[p]!) this.leastStart[p] = est[p]!;
    }
    return best;
  }
}

/**
 * The smallest C with Σ_p max(0, C − free[p]) ≥ work: fill processors in order of availability. Sorts `free`
 * in place (insertion sort: m is small next to the rest of a bound). O(m²).
 */
export function waterLevel(free: Float64Array, m: number, work: number): number {
  for (let i = 1; i < m; i++) {
    const x = free[i]!;
    let j = i - 1;
    while (j >= 0 && free[j]! > x) {
      free[j + 1] = free[j]!;
      j--;
    }
    free[j + 1] = x;
  }
  let sum = 0;
  for (let k = 1; k <= m; k++) {
    sum += free[k - 1]!;
    const level = (work + sum) / k;
    if (k === m || level <= free[k]!) return level;
  }
  return Infinity; // unreachable: k = m returns
}
