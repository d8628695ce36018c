import { ProcessorTimelines, emptySchedule, priorityOrder, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';

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
 * Cost: ranks and order O(n log n + E·m); then for each task t and processor p a tentative HEFT pass over t's
 * lookahead set L(t) (its children at depth 1), each member costing its in-degree plus m gap searches, so about
 * O(m² · Σ_t |L(t)|) gap searches, O(E·m²) at depth 1: inherent to trying m processors for t, each followed by
 * HEFT on its children. A candidate whose value already reaches the best so far is abandoned early.
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
  private readonly committed: ProcessorTimelines;
  private readonly tentative: ProcessorTimelines;
  private readonly position: Int32Array;
  /** Tentative placements of the current pass: `pass[t] === passId` marks one. */
  private readonly pass: Int32Array;
  private passId = 0;
  private readonly tentativeProcessor: Int32Array;
  private readonly tentativeFinish: Float64Array;
  private readonly visited: Int32Array;
  private readonly ownReady: Float64Array;
  private readonly ready: Float64Array;
  private lookahead = new Int32Array(16);
  private lookaheadCount = 0;
  /** Per lookahead task (by its place in `lookahead`) and processor: data arrival from committed parents. */
  private baseReady = new Float64Array(16);

  constructor(
    private readonly problem: SchedulingProblem,
    order: Int32Array,
    private readonly depth: number,
  ) {
    const { taskCount: n, processorCount: m } = problem;
    this.m = m;
    this.schedule = emptySchedule(n);
    this.committed = new ProcessorTimelines(m, Math.ceil((2 * n) / m));
    this.tentative = new ProcessorTimelines(m, 4);
    this.position = new Int32Array(n);
    order.forEach((t, k) => (this.position[t] = k));
    this.pass = new Int32Array(n);
    this.visited = new Int32Array(n);
    this.tentativeProcessor = new Int32Array(n);
    this.tentativeFinish = new Float64Array(n);
    this.ownReady = new Float64Array(m);
    this.ready = new Float64Array(m);
  }

  /** Chooses t's processor by lookahead and commits t there. */
  place(t: number): void {
    const { cost } = this.problem;
    const m = this.m;
    this.arrivalFromCommitted(t, this.ownReady, 0);
    this.gatherLookahead(t);
    let best = -1;
    let bestValue = Infinity;
    for (let p = 0; p < m; p++) {
      const value = this.evaluate(t, p, bestValue);
      if (best < 0 || value < bestValue) [best, bestValue] = [p, value];
    }
    const { processorOf, start, finish } = this.schedule;
    const begin = this.committed.earliestStart(best, this.ownReady[best]!, cost[t * m + best]!);
    processorOf[t] = best;
    start[t] = begin;
    finish[t] = begin + cost[t * m + best]!;
    this.committed.insert(best, t, begin, finish[t]!);
  }

  /** The lookahead value of t on p, or any value >= bound once it is sure not to beat bound. */
  private evaluate(t: number, p: number, bound: number): number {
    const duration = this.problem.cost[t * this.m + p]!;
    const begin = this.committed.earliestStart(p, this.ownReady[p]!, duration);
    let value = begin + duration;
    if (value >= bound) return value;
    this.passId++;
    this.tentative.clear();
    this.markTentative(t, p, begin, value);
    for (let k = 0; k < this.lookaheadCount && value < bound; k++) value = Math.max(value, this.placeTentatively(k));
    return value;
  }

  /** HEFT's placement of the k-th lookahead task on the tentative schedule; returns its finish time. */
  private placeTentatively(k: number): number {
    const { cost, predOffsets, predTasks, predData } = this.problem;
    const m = this.m;
    const task = this.lookahead[k]!;
    const ready = this.ready;
    ready.set(this.baseReady.subarray(k * m, (k + 1) * m));
    for (let i = predOffsets[task]!; i < predOffsets[task + 1]!; i++) {
      const u = predTasks[i]!;
      if (this.pass[u] === this.passId) this.addArrival(ready, 0, this.tentativeProcessor[u]!, this.tentativeFinish[u]!, predData[i]!);
    }
    let best = -1;
    let bestStart = 0;
    let bestFinish = Infinity;
    for (let q = 0; q < m; q++) {
      const duration = cost[task * m + q]!;
      if (best >= 0 && ready[q]! + duration >= bestFinish) continue;
      const begin = this.earliestStartAll(q, ready[q]!, duration);
      if (best < 0 || begin + duration < bestFinish) [best, bestStart, bestFinish] = [q, begin, begin + duration];
    }
    this.markTentative(task, best, bestStart, bestFinish);
    return bestFinish;
  }

  private markTentative(task: number, processor: number, begin: number, end: number): void {
    this.pass[task] = this.passId;
    this.tentativeProcessor[task] = processor;
    this.tentativeFinish[task] = end;
    this.tentative.insert(processor, task, begin, end);
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

  /** The descendants of t within `depth` edges, in list order, with their data arrival from committed parents. */
  private gatherLookahead(t: number): void {
    const { succOffsets, succTasks } = this.problem;
    this.lookaheadCount = 0;
    let frontierStart = 0;
    this.visited[t] = t + 1;
    // Breadth first; `visited[x] === t + 1` marks x as gathered for t (each t is placed once).
    for (let level = 0; level < this.depth; level++) {
      const frontierEnd = this.lookaheadCount;
      for (let k = level === 0 ? -1 : frontierStart; k < frontierEnd; k++) {
        const from = k < 0 ? t : this.lookahead[k]!;
        for (let i = succOffsets[from]!; i < succOffsets[from + 1]!; i++) {
          const s = succTasks[i]!;
          if (this.visited[s] === t + 1) continue;
          this.visited[s] = t + 1;
          this.pushLookahead(s);
        }
      }
      frontierStart = frontierEnd;
      if (frontierStart === this.lookaheadCount) break;
    }
    this.lookahead.subarray(0, this.lookaheadCount).sort((a, b) => this.position[a]! - this.position[b]!);
    if (this.baseReady.length < this.lookaheadCount * this.m) this.baseReady = new Float64Array(2 * this.lookaheadCount * this.m);
    for (let k = 0; k < this.lookaheadCount; k++) this.arrivalFromCommitted(this.lookahead[k]!, this.baseReady, k * this.m);
  }

  private pushLookahead(task: number): void {
    if (this.lookaheadCount === this.lookahead.length) {
      const grown = new Int32Array(2 * this.lookahead.length);
      grown.set(this.lookahead);
      this.lookahead = grown;
    }
    this.lookahead[this.lookaheadCount++] = task;
  }

  /** Data arrival of `task` on every processor from its committed parents, into `into[offset .. offset + m)`. */
  private arrivalFromCommitted(task: number, into: Float64Array, offset: number): void {
    const { predOffsets, predTasks, predData } = this.problem;
    const { processorOf, finish } = this.schedule;
    into.fill(0, offset, offset + this.m);
    for (let i = predOffsets[task]!; i < predOffsets[task + 1]!; i++) {
      const u = predTasks[i]!;
      if (processorOf[u]! >= 0) this.addArrival(into, offset, processorOf[u]!, finish[u]!, predData[i]!);
    }
  }

  private addArrival(into: Float64Array, offset: number, from: number, done: number, data: number): void {
    const { latency, inverseBandwidth } = this.problem;
    const m = this.m;
    for (let q = 0; q < m; q++) {
      const arrival = q === from ? done : done + latency[from * m + q]! + data * inverseBandwidth[from * m + q]!;
      if (arrival > into[offset + q]!) into[offset + q] = arrival;
    }
  }
}
