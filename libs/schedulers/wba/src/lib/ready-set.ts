import { DataArrival, type Random, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * WBA's available tasks, in rounds: a round is the set of tasks ready when it starts, in increasing index order; a task
 * that its placement makes ready waits for the next round, which starts when this one is empty. Each task keeps its
 * data-ready time on every processor (fixed once it is ready: its predecessors are placed). Also the draw from the
 * restricted candidate list over the round.
 */
export class ReadySet {
  /** The current round, sorted. */
  private readonly tasks: Int32Array;
  private count = 0;
  /** Tasks made ready during the round, for the next one. */
  private readonly pending: Int32Array;
  private pendingCount = 0;
  private readonly readyAt: Float64Array;
  private readonly row: Float64Array;
  private readonly arrivals: DataArrival;
  private readonly waiting: Int32Array;
  /** Scratch: the candidate pairs of the current step, as t·m + p. */
  private members: Int32Array;

  constructor(
    private readonly problem: SchedulingProblem,
    schedule: Schedule,
  ) {
    const { taskCount: n, processorCount: m, predOffsets } = problem;
    this.tasks = new Int32Array(n);
    this.pending = new Int32Array(n);
    this.readyAt = new Float64Array(n * m);
    this.row = new Float64Array(m);
    this.arrivals = new DataArrival(problem, schedule);
    this.waiting = new Int32Array(n);
    this.members = new Int32Array(Math.max(1, m));
    for (let t = 0; t < n; t++) {
      this.waiting[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.waiting[t] === 0) this.add(t);
    }
    this.startRound();
  }

  dataReady(t: number, p: number): number {
    return this.readyAt[t * this.problem.processorCount + p]!;
  }

  /** A pair t·m + p drawn uniformly from the restricted candidate list (see `candidates`). */
  drawCandidate(free: Float64Array, makespan: number, alpha: number, random: Random): number {
    const size = this.collectCandidates(free, makespan, alpha);
    return this.members[random.int(0, size - 1)]!;
  }

  /**
   * The restricted candidate list, as pairs t·m + p in (task index, processor) order: the round's pairs whose makespan
   * increase max(0, max(free(p), data-ready(t, p)) + cost(t, p) - makespan) is at most min + alpha · (max - min).
   */
  candidates(free: Float64Array, makespan: number, alpha: number): Int32Array {
    const size = this.collectCandidates(free, makespan, alpha);
    return this.members.slice(0, size);
  }

  /** Fills `members` with the candidate list and returns its length: two passes over the W·m pairs. */
  private collectCandidates(free: Float64Array, makespan: number, alpha: number): number {
    const { tasks, count, readyAt } = this;
    const { processorCount: m, cost } = this.problem;
    let lowest = Infinity;
    let highest = -Infinity;
    for (let k = 0; k < count; k++) {
      const row = tasks[k]! * m;
      for (let p = 0; p < m; p++) {
        const finish = (free[p]! > readyAt[row + p]! ? free[p]! : readyAt[row + p]!) + cost[row + p]!;
        if (finish < lowest) lowest = finish;
        if (finish > highest) highest = finish;
      }
    }
    const least = Math.max(0, lowest - makespan);
    const most = Math.max(0, highest - makespan);
    // alpha = 1 admits every pair: least + (most - least) can round below most.
    const threshold = alpha >= 1 ? most : least + alpha * (most - least);
    if (this.members.length < count * m) this.members = new Int32Array(Math.max(count * m, 2 * this.members.length));
    const members = this.members;
    let size = 0;
    for (let k = 0; k < count; k++) {
      const row = tasks[k]! * m;
      for (let p = 0; p < m; p++) {
        const finish = (free[p]! > readyAt[row + p]! ? free[p]! : readyAt[row + p]!) + cost[row + p]!;
        if (Math.max(0, finish - makespan) <= threshold) members[size++] = row + p;
      }
    }
    return size;
  }

  /** t has been placed: it leaves the round, the successors it was the last to wait for join the next one. */
  placed(t: number): void {
    const at = this.indexOf(t);
    this.tasks.copyWithin(at, at + 1, this.count);
    this.count--;
    const { succOffsets, succTasks } = this.problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.waiting[s]! === 0) this.add(s);
    }
    if (this.count === 0) this.startRound();
  }

  /** A newly ready task: its data-ready row, and a place in the next round. */
  private add(t: number): void {
    const m = this.problem.processorCount;
    // Ready: its predecessors are all placed, so the row is complete.
    this.arrivals.fill(t, this.row);
    this.readyAt.set(this.row, t * m);
    this.pending[this.pendingCount++] = t;
  }

  private startRound(): void {
    this.tasks.set(this.pending.subarray(0, this.pendingCount));
    this.tasks.subarray(0, this.pendingCount).sort();
    this.count = this.pendingCount;
    this.pendingCount = 0;
  }

  /** Where t is in the sorted round. */
  private indexOf(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tasks[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
