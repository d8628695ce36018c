import { DataArrival, emptySchedule, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { bestImaginaryLevels } from './best-imaginary-levels.js';

/**
 * BIL, Best Imaginary Level scheduling (Oh & Ha, "A static scheduling heuristic for heterogeneous processors",
 * Euro-Par '96, LNCS 1124, 1996):
 *  1. BIL(t, p) for every task and processor (bestImaginaryLevels), once;
 *  2. until every task is placed, with k ready tasks (predecessors all placed) and m processors:
 *     BIM(t, p) = EST(t, p) + BIL(t, p), EST = max(data ready on p, end of p's last task) (no insertion);
 *     - node selection: a ready task's priority is its k-th smallest BIM over the processors (its largest when
 *       k > m): with k tasks competing, it may be left with no better than its k-th choice. The highest priority
 *       goes first; ties: the next larger BIM values in turn, then input order;
 *     - processor selection: the lowest revised BIM*(t, p) = BIM(t, p) + E(t, p)·max(k/m − 1, 0) (with more ready
 *       tasks than processors each processor will run about k/m of them, so a slow one costs more); ties: the
 *       processor on which the other ready tasks' BIM* values sum highest (the one they need least), then the one
 *       listed first. BIM* is compared multiplied by m, so that exact inputs give exact comparisons.
 *
 * O(E·m²) for the levels. Each step ranks every ready task again, since k, and with it every priority, changes at
 * every step: inherent in the node selection. While k >= m the priority is the task's largest BIM, kept up to date
 * in O(1) per task and step (only the processor just used moved), so a step costs O(W + m) for W ready tasks; while
 * k < m it sorts each task's m values, O(k·m log m) with k < m. O(E·m² + n·(W + m) + n·m² log m) in all.
 */
export function bil(problem: SchedulingProblem): Schedule {
  const state = new BilState(problem);
  for (let step = 0; step < problem.taskCount; step++) state.placeNext();
  return state.schedule;
}

class BilState {
  readonly schedule: Schedule;
  private readonly m: number;
  private readonly level: Float64Array;
  private readonly arrivals: DataArrival;
  /** dataReady[t*m + p], filled when t becomes ready. */
  private readonly dataReady: Float64Array;
  /** End of the last task on each processor. */
  private readonly free: Float64Array;
  /** The ready tasks, in no particular order (`readyAt` finds a task's slot). */
  private readonly ready: Int32Array;
  private readonly readyAt: Int32Array;
  private readyCount = 0;
  private readonly unplacedPredecessors: Int32Array;
  /** Each ready task's largest BIM, its priority while k >= m, kept up to date as processors fill (BIM only grows). */
  private readonly largestBim: Float64Array;
  /** Scratch rows of m BIM values. */
  private readonly row: Float64Array;
  private readonly otherRow: Float64Array;

  constructor(private readonly problem: SchedulingProblem) {
    const { taskCount: n, processorCount: m, predOffsets } = problem;
    this.m = m;
    this.schedule = emptySchedule(n);
    this.level = bestImaginaryLevels(problem);
    this.arrivals = new DataArrival(problem, this.schedule);
    this.dataReady = new Float64Array(n * m);
    this.free = new Float64Array(m);
    this.ready = new Int32Array(n);
    this.readyAt = new Int32Array(n);
    this.unplacedPredecessors = new Int32Array(n);
    this.largestBim = new Float64Array(n);
    this.row = new Float64Array(m);
    this.otherRow = new Float64Array(m);
    for (let t = 0; t < n; t++) {
      this.unplacedPredecessors[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.unplacedPredecessors[t] === 0) this.makeReady(t);
    }
  }

  placeNext(): void {
    const t = this.selectTask();
    const p = this.selectProcessor(t);
    const { m, free, dataReady, schedule, problem } = this;
    const start = Math.max(dataReady[t * m + p]!, free[p]!);
    const finish = start + problem.cost[t * m + p]!;
    schedule.processorOf[t] = p;
    schedule.start[t] = start;
    schedule.finish[t] = finish;
    free[p] = finish;
    this.removeReady(t);
    // Only p's end moved: each ready task's BIM on p alone can have grown.
    for (let i = 0; i < this.readyCount; i++) {
      const u = this.ready[i]!;
      const onP = Math.max(dataReady[u * m + p]!, finish) + this.level[u * m + p]!;
      if (onP > this.largestBim[u]!) this.largestBim[u] = onP;
    }
    const { succOffsets, succTasks } = problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.unplacedPredecessors[s]! === 0) this.makeReady(s);
    }
  }

  /** The ready task of highest priority: its k-th smallest BIM (its largest when k > m). */
  private selectTask(): number {
    const { m, ready, row } = this;
    const rank = Math.min(this.readyCount, m);
    let best = -1;
    let bestPriority = -Infinity;
    for (let i = 0; i < this.readyCount; i++) {
      const t = ready[i]!;
      let priority = this.largestBim[t]!;
      if (rank < m) {
        this.fillBim(t, row);
        row.sort();
        priority = row[rank - 1]!;
      }
      if (best < 0 || priority > bestPriority || (priority === bestPriority && this.winsTie(t, best, rank))) {
        best = t;
        bestPriority = priority;
      }
    }
    return best;
  }

  /** Equal priorities: the next larger BIM values decide in turn, then the lower index. */
  private winsTie(t: number, other: number, rank: number): boolean {
    const { row, otherRow } = this;
    this.fillBim(t, row);
    this.fillBim(other, otherRow);
    row.sort();
    otherRow.sort();
    for (let r = rank; r < this.m; r++) if (row[r] !== otherRow[r]) return row[r]! > otherRow[r]!;
    return t < other;
  }

  /** The processor of lowest m·BIM*(t, p); ties to the highest sum of the other ready tasks' m·BIM*, then the first. */
  private selectProcessor(t: number): number {
    const { m, free } = this;
    let best = -1;
    let bestRevised = Infinity;
    let tied = false;
    for (let p = 0; p < m; p++) {
      const revised = this.scaledRevisedBim(t, p, free[p]!);
      if (revised < bestRevised) {
        best = p;
        bestRevised = revised;
        tied = false;
      } else if (revised === bestRevised) tied = true;
    }
    if (!tied) return best;
    let bestSum = -Infinity;
    let chosen = best;
    for (let p = best; p < m; p++) {
      if (this.scaledRevisedBim(t, p, free[p]!) !== bestRevised) continue;
      let others = 0;
      for (let i = 0; i < this.readyCount; i++) if (this.ready[i] !== t) others += this.scaledRevisedBim(this.ready[i]!, p, free[p]!);
      if (others > bestSum) {
        bestSum = others;
        chosen = p;
      }
    }
    return chosen;
  }

  /** m·BIM*(t, p) = m·BIM(t, p) + E(t, p)·max(k − m, 0), k the number of ready tasks. */
  private scaledRevisedBim(t: number, p: number, free: number): number {
    const { m, problem, dataReady, level } = this;
    const bim = Math.max(dataReady[t * m + p]!, free) + level[t * m + p]!;
    return m * bim + problem.cost[t * m + p]! * Math.max(this.readyCount - m, 0);
  }

  private fillBim(t: number, into: Float64Array): void {
    const { m, dataReady, free, level } = this;
    for (let p = 0; p < m; p++) into[p] = Math.max(dataReady[t * m + p]!, free[p]!) + level[t * m + p]!;
  }

  private makeReady(t: number): void {
    this.arrivals.fill(t, this.dataReady.subarray(t * this.m, (t + 1) * this.m));
    this.fillBim(t, this.row);
    this.largestBim[t] = maxOf(this.row);
    this.readyAt[t] = this.readyCount;
    this.ready[this.readyCount++] = t;
  }

  private removeReady(t: number): void {
    const last = this.ready[--this.readyCount]!;
    const slot = this.readyAt[t]!;
    this.ready[slot] = last;
    this.readyAt[last] = slot;
  }
}

function maxOf(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}
