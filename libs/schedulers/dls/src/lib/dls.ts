import { DataArrival, emptySchedule, TaskHeap, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { medianCosts } from './median-costs.js';

/**
 * DLS, Dynamic Level Scheduling (Sih & Lee, "A compile-time scheduling heuristic for interconnection-constrained
 * heterogeneous processor architectures", IEEE TPDS 4(2), 1993), with the paper's adjustment for heterogeneity:
 *  1. E*(t) = the median of t's execution times over the processors; static level SL(t) = the longest path of E*
 *     from t to an exit task, t included, without communication;
 *  2. until every task is placed: of all pairs (t, p) of a ready task (its predecessors all placed) and a processor,
 *     take the one of highest dynamic level
 *        DL(t, p) = SL(t) − max(DA(t, p), TF(p)) + Δ(t, p),   Δ(t, p) = E*(t) − E(t, p),
 *     DA the data-ready time, TF the end of p's last task (no insertion); ties to the lower task index, then the
 *     processor listed first. t runs on p from max(DA, TF).
 *
 * The paper evaluates every ready task on every processor at each step, O(W·m) per step. Here each processor p keeps
 * its ready tasks in two sets: those whose data are ready by TF(p), whose DL is (SL + Δ)(t, p) − TF(p) and so are
 * ordered by SL + Δ alone, and those still waiting, whose DL is (SL + Δ − DA)(t, p), a constant; a third queue orders
 * the waiting ones by DA to move them across as TF(p) grows. A step reads the heads. O(E·m) for the data-ready
 * times, O(n·m·log W) for the queues (W the ready-set width), O(n·m) for the steps.
 */
export function dls(problem: SchedulingProblem): Schedule {
  const state = new DlsState(problem);
  for (let step = 0; step < problem.taskCount; step++) state.placeNext();
  return state.schedule;
}

class DlsState {
  readonly schedule: Schedule;
  private readonly m: number;
  /** levelPlusDelta[t*m + p] = SL(t) + Δ(t, p). */
  private readonly levelPlusDelta: Float64Array;
  private readonly arrivals: DataArrival;
  /** dataReady[t*m + p], filled when t becomes ready. */
  private readonly dataReady: Float64Array;
  /** TF(p): end of the last task on each processor. */
  private readonly free: Float64Array;
  /** Per processor: ready tasks with data there by TF(p), by SL + Δ (higher first, then lower index). */
  private readonly onTime: TaskHeap[];
  /** Per processor: ready tasks whose data arrive after TF(p), by SL + Δ − DA (higher first, then lower index). */
  private readonly waitingByLevel: TaskHeap[];
  /** The same waiting tasks by data-ready time, to move them to `onTime` as TF(p) grows. */
  private readonly waitingByArrival: TaskHeap[];
  private readonly unplacedPredecessors: Int32Array;
  /** The best pair of the step under way (`consider`). */
  private bestTask = -1;
  private bestProcessor = -1;
  private bestLevel = -Infinity;

  constructor(private readonly problem: SchedulingProblem) {
    const { taskCount: n, processorCount: m, cost, predOffsets } = problem;
    this.m = m;
    this.schedule = emptySchedule(n);
    const median = medianCosts(problem);
    const level = upwardRanks(problem, median, false);
    this.levelPlusDelta = new Float64Array(n * m);
    for (let t = 0; t < n; t++) for (let p = 0; p < m; p++) this.levelPlusDelta[t * m + p] = level[t]! + (median[t]! - cost[t * m + p]!);
    this.arrivals = new DataArrival(problem, this.schedule);
    this.dataReady = new Float64Array(n * m);
    this.free = new Float64Array(m);
    const heaps = () => Array.from({ length: m }, () => new TaskHeap());
    this.onTime = heaps();
    this.waitingByLevel = heaps();
    this.waitingByArrival = heaps();
    this.unplacedPredecessors = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      this.unplacedPredecessors[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.unplacedPredecessors[t] === 0) this.enqueue(t);
    }
  }

  /** Places the pair of highest dynamic level; ties to the lower task index, then the processor listed first. */
  placeNext(): void {
    const { m, free, dataReady } = this;
    this.bestTask = -1;
    for (let p = 0; p < m; p++) {
      this.settle(p);
      const onTime = this.onTime[p]!.peek();
      if (onTime >= 0) this.consider(onTime, p, free[p]!);
      const waiting = this.waitingByLevel[p]!.peek();
      if (waiting >= 0) this.consider(waiting, p, dataReady[waiting * this.m + p]!);
    }
    const t = this.bestTask;
    const p = this.bestProcessor;
    this.place(t, p, Math.max(free[p]!, dataReady[t * m + p]!));
  }

  /** Keeps (t, p) if its dynamic level beats the best so far; processors are offered in index order. */
  private consider(t: number, p: number, start: number): void {
    const level = this.levelPlusDelta[t * this.m + p]! - start;
    if (this.bestTask < 0 || level > this.bestLevel || (level === this.bestLevel && t < this.bestTask)) {
      this.bestTask = t;
      this.bestProcessor = p;
      this.bestLevel = level;
    }
  }

  private place(t: number, p: number, start: number): void {
    const { problem, schedule } = this;
    const finish = start + problem.cost[t * this.m + p]!;
    schedule.processorOf[t] = p;
    schedule.start[t] = start;
    schedule.finish[t] = finish;
    this.free[p] = finish;
    const { succOffsets, succTasks } = problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.unplacedPredecessors[s]! === 0) this.enqueue(s);
    }
  }

  /** A task just made ready joins every processor's queues. */
  private enqueue(t: number): void {
    const { m, dataReady, free } = this;
    this.arrivals.fill(t, dataReady.subarray(t * m, (t + 1) * m));
    for (let p = 0; p < m; p++) {
      const ready = dataReady[t * m + p]!;
      const levelPlusDelta = this.levelPlusDelta[t * m + p]!;
      // Heaps give the smallest key first: higher levels go in negated.
      if (ready <= free[p]!) {
        this.onTime[p]!.push(t, -levelPlusDelta);
      } else {
        this.waitingByLevel[p]!.push(t, -(levelPlusDelta - ready));
        this.waitingByArrival[p]!.push(t, ready);
      }
    }
  }

  /**
   * Moves tasks whose data are now ready by TF(p) to p's on-time queue and drops placed or moved tasks from the
   * heads (each entry leaves each queue once).
   */
  private settle(p: number): void {
    const { m, dataReady, free } = this;
    const placed = this.schedule.processorOf;
    const byArrival = this.waitingByArrival[p]!;
    const byLevel = this.waitingByLevel[p]!;
    const onTime = this.onTime[p]!;
    const moved = (t: number) => placed[t]! >= 0 || dataReady[t * m + p]! <= free[p]!;
    while (byArrival.size > 0 && moved(byArrival.peek())) {
      const t = byArrival.pop();
      if (placed[t]! < 0) onTime.push(t, -this.levelPlusDelta[t * m + p]!);
    }
    while (byLevel.size > 0 && moved(byLevel.peek())) byLevel.pop();
    while (onTime.size > 0 && placed[onTime.peek()]! >= 0) onTime.pop();
  }
}
