import { PartialSchedule, ProcessorTimelines, priorityOrder, upwardRanks, type DataArrival, type Schedule, type SchedulingProblem } from '@hetsched/core';

export interface LookaheadOptions {
  /** Levels of descendants scheduled ahead: 1 = the children (the paper's algorithm), 2 = children and grandchildren... */
  depth: number;
}

export const DEFAULT_LOOKAHEAD: LookaheadOptions = { depth: 1 };

/**
 * Lookahead HEFT (Bittencourt, Sakellariou & Madeira, PDP 2010): HEFT's task list, but each task's processor is
 * chosen by looking at what it does to its children.
 *  1. upward ranks with mean costs (HEFT's), tasks by decreasing rank (ties by input order);
 *  2. for task t and each processor p: place t on p at its earliest start (insertion), then place t's children,
 *     in list order, each by HEFT's rule (earliest finish over all processors, insertion) on this tentative
 *     schedule; a child's data come from its placed parents (t, scheduled tasks, children placed before it),
 *     parents not yet placed are left out; the lookahead value is the largest finish time among t and the children;
 *  3. t goes to the processor of least lookahead value (ties: listed first), the children's placements are undone.
 * A task without children is placed as HEFT places it. With `depth` d > 1 the tentative pass covers every
 * descendant within d edges.
 *
 * Cost: ranks and order O(n log n + E·m); data arrival from committed parents kept per task and processor as
 * tasks commit, O(E·m) in all (n·m numbers of memory); then for each task t and processor p a tentative HEFT pass
 * over t's lookahead set L(t): m gap searches per member plus O(m) per edge leaving a tentatively placed task, so
 * O(m² · Σ_t (|L(t)| + edges out of t and L(t))) gap searches and updates, O(E·m²) at depth 1. That is inherent to
 * trying m processors for t, each followed by HEFT on its children. A candidate whose value already reaches the
 * best so far is abandoned early.
 */
export function lookaheadHeft(problem: SchedulingProblem, options: LookaheadOptions = DEFAULT_LOOKAHEAD): Schedule {
  const order = priorityOrder(problem, upwardRanks(problem));
  const planner = new LookaheadPlanner(problem, order, options.depth);
  for (let k = 0; k < order.length; k++) planner.place(order[k]!);
  return planner.schedule;
}

/** The schedule built so far plus the scratch space of the tentative passes. */
class LookaheadPlanner {
  readonly schedule: Schedule;
  private readonly m: number;
  /** The schedule so far (insertion-based), and its data arrivals. */
  private readonly committed: PartialSchedule;
  private readonly arrivals: DataArrival;
  private readonly tentative: ProcessorTimelines;
  private readonly position: Int32Array;
  /** committedReady[t * m + p]: when the data of t's committed parents are all on p (kept up to date on commit). */
  private readonly committedReady: Float64Array;
  /** `gatheredFor[x] === t + 1`: x is in t's lookahead set, at `lookaheadIndex[x]`. */
  private readonly gatheredFor: Int32Array;
  private readonly lookaheadIndex: Int32Array;
  /** The stamp of the task being placed (its index + 1) in `gatheredFor`. */
  private current = 0;
  private lookahead = new Int32Array(16);
  private lookaheadCount = 0;
  /** Per lookahead task (by its index) and processor: data arrival in the current pass; one view per task. */
  private passReady = new Float64Array(0);
  private passRows: Float64Array[] = [];

  constructor(
    private readonly problem: SchedulingProblem,
    order: Int32Array,
    private readonly depth: number,
  ) {
    const { taskCount: n, processorCount: m } = problem;
    this.m = m;
    this.committed = new PartialSchedule(problem, { insertion: true });
    this.schedule = this.committed.schedule;
    this.arrivals = this.committed.arrivals;
    this.tentative = new ProcessorTimelines(m, 4);
    this.position = new Int32Array(n);
    order.forEach((t, k) => (this.position[t] = k));
    this.committedReady = new Float64Array(n * m);
    this.gatheredFor = new Int32Array(n);
    this.lookaheadIndex = new Int32Array(n);
  }

  /** Chooses t's processor by lookahead and commits t there. */
  place(t: number): void {
    const { succOffsets, succTasks, succData } = this.problem;
    const m = this.m;
    this.gatherLookahead(t);
    let best = -1;
    let bestValue = Infinity;
    for (let p = 0; p < m; p++) {
      const value = this.evaluate(t, p, bestValue);
      if (best < 0 || value < bestValue) [best, bestValue] = [p, value];
    }
    const finish = this.committed.place(t, best, this.committedReady[t * m + best]!);
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      this.arrivals.raise(this.committedReady.subarray(s * m, (s + 1) * m), best, finish, succData[i]!);
    }
  }

  /** The lookahead value of t on p, or any value >= bound once it is sure not to beat bound. */
  private evaluate(t: number, p: number, bound: number): number {
    const m = this.m;
    const duration = this.problem.cost[t * m + p]!;
    const begin = this.committed.earliestStart(p, this.committedReady[t * m + p]!, duration);
    let value = begin + duration;
    if (value >= bound) return value;
    this.tentative.clear();
    for (let k = 0; k < this.lookaheadCount; k++) {
      const row = this.lookahead[k]! * m;
      for (let q = 0; q < m; q++) this.passReady[k * m + q] = this.committedReady[row + q]!;
    }
    this.markTentative(t, p, begin, value);
    for (let k = 0; k < this.lookaheadCount && value < bound; k++) value = Math.max(value, this.placeTentatively(k));
    return value;
  }

  /** HEFT's placement of the k-th lookahead task on the tentative schedule; returns its finish time. */
  private placeTentatively(k: number): number {
    const { cost } = this.problem;
    const m = this.m;
    const task = this.lookahead[k]!;
    let best = -1;
    let bestStart = 0;
    let bestFinish = Infinity;
    for (let q = 0; q < m; q++) {
      const ready = this.passReady[k * m + q]!;
      const duration = cost[task * m + q]!;
      if (best >= 0 && ready + duration >= bestFinish) continue;
      const begin = this.earliestStartAll(q, ready, duration);
      if (best < 0 || begin + duration < bestFinish) [best, bestStart, bestFinish] = [q, begin, begin + duration];
    }
    this.markTentative(task, best, bestStart, bestFinish);
    return bestFinish;
  }

  /** Places `task` tentatively and sends its data to its successors in the lookahead set. */
  private markTentative(task: number, processor: number, begin: number, end: number): void {
    const { succOffsets, succTasks, succData } = this.problem;
    this.tentative.insert(processor, task, begin, end);
    for (let i = succOffsets[task]!; i < succOffsets[task + 1]!; i++) {
      const s = succTasks[i]!;
      if (this.gatheredFor[s] === this.current) this.arrivals.raise(this.passRows[this.lookaheadIndex[s]!]!, processor, end, succData[i]!);
    }
  }

  /**
   * The earliest start >= ready free on both the committed and the tentative timeline: alternate the two gap
   * searches until they agree. Each answer is at most the true earliest start and each disagreement moves past a
   * busy interval, so this ends at it.
   */
  private earliestStartAll(p: number, ready: number, duration: number): number {
    let from = ready;
    for (;;) {
      const committed = this.committed.earliestStart(p, from, duration);
      const both = this.tentative.earliestStart(p, committed, duration);
      if (both === committed) return both;
      from = both;
    }
  }

  /** The descendants of t within `depth` edges, breadth first, then put in list order. */
  private gatherLookahead(t: number): void {
    const { succOffsets, succTasks } = this.problem;
    this.current = t + 1;
    this.gatheredFor[t] = this.current;
    this.lookaheadCount = 0;
    let frontierStart = 0;
    for (let level = 0; level < this.depth; level++) {
      const frontierEnd = this.lookaheadCount;
      for (let k = level === 0 ? -1 : frontierStart; k < frontierEnd; k++) {
        const from = k < 0 ? t : this.lookahead[k]!;
        for (let i = succOffsets[from]!; i < succOffsets[from + 1]!; i++) {
          const s = succTasks[i]!;
          if (this.gatheredFor[s] === this.current) continue;
          this.gatheredFor[s] = this.current;
          this.pushLookahead(s);
        }
      }
      frontierStart = frontierEnd;
      if (frontierStart === this.lookaheadCount) break;
    }
    const members = this.lookahead.subarray(0, this.lookaheadCount).sort((a, b) => this.position[a]! - this.position[b]!);
    members.forEach((task, k) => (this.lookaheadIndex[task] = k));
    if (this.passRows.length < this.lookaheadCount) {
      const rows = 2 * this.lookaheadCount;
      this.passReady = new Float64Array(rows * this.m);
      this.passRows = Array.from({ length: rows }, (_, k) => this.passReady.subarray(k * this.m, (k + 1) * this.m));
    }
  }

  private pushLookahead(task: number): void {
    if (this.lookaheadCount === this.lookahead.length) {
      const grown = new Int32Array(2 * this.lookahead.length);
      grown.set(this.lookahead);
      this.lookahead = grown;
    }
    this.lookahead[this.lookaheadCount++] = task;
  }
}
