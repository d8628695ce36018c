import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { PartialSchedule } from './partial-schedule.js';
import type { Schedule } from './schedule.js';

/** Rows of per-processor times kept for this many ready tasks at first; doubled whenever the ready set outgrows them. */
const INITIAL_READY_ROWS = 16;

/**
 * The ready set of a PartialSchedule (the tasks not placed whose predecessors all are) with the completion time of
 * every ready task on every processor, and the two earliest of each, kept current as tasks are placed: what the
 * batch-mode heuristics (Min-min, Max-min, Sufferage) look at before each decision.
 *
 * Per ready task it keeps a row of data-arrival times and a row of start times, one entry per processor. Placing
 * a task on p moves only column p of the other rows, and only later, so the earliest and second-earliest
 * processor of a row change only when one of them was p: a placement costs O(R) earliest-start queries (R ready
 * tasks) plus O(m) for each row whose earliest processor was p (the second-earliest is rescanned when asked
 * for); a task turning ready costs O(in-degree · m). Ties between processors go to the one listed first.
 */
export class ReadyCompletionTimes {
  readonly partial: PartialSchedule;
  private readonly m: number;
  private readonly waiting: Int32Array;
  private readonly slotOf: Int32Array;
  private taskIn = new Int32Array(INITIAL_READY_ROWS);
  private first = new Int32Array(INITIAL_READY_ROWS);
  private second = new Int32Array(INITIAL_READY_ROWS);
  private firstFinish = new Float64Array(INITIAL_READY_ROWS);
  /** 1 when `second` may be out of date: refreshed on demand, since only Sufferage asks for it. */
  private secondStale = new Uint8Array(INITIAL_READY_ROWS);
  private arrival: Float64Array;
  private start: Float64Array;
  private count = 0;

  constructor(problem: SchedulingProblem, insertion: boolean) {
    const { taskCount: n, processorCount: m, predOffsets } = problem;
    this.partial = new PartialSchedule(problem, { insertion });
    this.m = m;
    this.waiting = new Int32Array(n);
    this.slotOf = new Int32Array(n).fill(-1);
    this.arrival = new Float64Array(INITIAL_READY_ROWS * m);
    this.start = new Float64Array(INITIAL_READY_ROWS * m);
    for (let t = 0; t < n; t++) {
      this.waiting[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.waiting[t] === 0) this.add(t);
    }
  }

  get schedule(): Schedule {
    return this.partial.schedule;
  }

  /** The number of ready tasks. */
  get size(): number {
    return this.count;
  }

  /** The i-th ready task, 0 <= i < size; the order is arbitrary and changes as tasks are placed. */
  taskAt(i: number): number {
    return this.taskIn[i]!;
  }

  /** The earliest completion time of the i-th ready task: bestFinish(taskAt(i)), for scans of the whole ready set. */
  bestFinishAt(i: number): number {
    return this.firstFinish[i]!;
  }

  /** The completion time of ready task t on processor p, were it placed there now. */
  finishOn(t: number, p: number): number {
    const k = this.slot(t) * this.m + p;
    return this.start[k]! + this.partial.problem.cost[t * this.m + p]!;
  }

  /** The processor where ready task t would complete first. */
  bestProcessor(t: number): number {
    return this.first[this.slot(t)]!;
  }

  bestFinish(t: number): number {
    return this.firstFinish[this.slot(t)]!;
  }

  /** The second-earliest completion time of ready task t; its earliest when there is a single processor. */
  secondBestFinish(t: number): number {
    const slot = this.slot(t);
    if (this.secondStale[slot] === 1) this.rescan(slot);
    return this.finishOn(t, this.second[slot]!);
  }

  /** Places ready task t on p at its earliest start; its successors whose predecessors are now all placed turn ready. */
  place(t: number, p: number): void {
    const slot = this.slot(t);
    this.partial.place(t, p, this.arrival[slot * this.m + p]!);
    this.remove(slot);
    this.refreshColumn(p);
    const { succOffsets, succTasks } = this.partial.problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.waiting[s]! === 0) this.add(s);
    }
  }

  private slot(t: number): number {
    const slot = this.slotOf[t]!;
    if (slot < 0) throw new RangeError(`task "${this.partial.problem.taskIds[t]}" is not ready`);
    return slot;
  }

  private add(t: number): void {
    if (this.count === this.taskIn.length) this.grow();
    const slot = this.count++;
    const m = this.m;
    const cost = this.partial.problem.cost;
    this.taskIn[slot] = t;
    this.slotOf[t] = slot;
    const arrival = this.partial.arrivalTimes(t, this.arrival.subarray(slot * m, slot * m + m));
    for (let p = 0; p < m; p++) this.start[slot * m + p] = this.partial.earliestStart(p, arrival[p]!, cost[t * m + p]!);
    this.rescan(slot);
  }

  /** Moves the last row into the slot that a placed task leaves. O(m). */
  private remove(slot: number): void {
    const m = this.m;
    const last = --this.count;
    this.slotOf[this.taskIn[slot]!] = -1;
    if (slot === last) return;
    const moved = this.taskIn[last]!;
    this.taskIn[slot] = moved;
    this.slotOf[moved] = slot;
    this.first[slot] = this.first[last]!;
    this.second[slot] = this.second[last]!;
    this.firstFinish[slot] = this.firstFinish[last]!;
    this.secondStale[slot] = this.secondStale[last]!;
    this.arrival.copyWithin(slot * m, last * m, last * m + m);
    this.start.copyWithin(slot * m, last * m, last * m + m);
  }

  /** Processor p took a task: every ready task's start on p may move later. */
  private refreshColumn(p: number): void {
    const { m, arrival, start, first, second, taskIn, partial, count } = this;
    const cost = partial.problem.cost;
    if (partial.insertion) {
      for (let slot = 0; slot < count; slot++) {
        const k = slot * m + p;
        start[k] = partial.earliestStart(p, arrival[k]!, cost[taskIn[slot]! * m + p]!);
      }
    } else {
      // Without insertion the start is max(arrival, availability): a comparison instead of a call per row.
      const free = partial.availableAt(p);
      for (let k = p; k < count * m; k += m) start[k] = arrival[k]! > free ? arrival[k]! : free;
    }
    const stale = this.secondStale;
    for (let slot = 0; slot < count; slot++) {
      if (first[slot] === p) this.rescan(slot);
      else if (second[slot] === p) stale[slot] = 1;
    }
  }

  /** The earliest and second-earliest processor of a row, ties to the processor listed first. O(m). */
  private rescan(slot: number): void {
    const m = this.m;
    const row = this.taskIn[slot]! * m;
    const cost = this.partial.problem.cost;
    let first = 0;
    let second = 0;
    let firstFinish = this.start[slot * m]! + cost[row]!;
    let secondFinish = Infinity;
    for (let p = 1; p < m; p++) {
      const finish = this.start[slot * m + p]! + cost[row + p]!;
      if (finish < firstFinish) {
        second = first;
        secondFinish = firstFinish;
        first = p;
        firstFinish = finish;
      } else if (finish < secondFinish) {
        second = p;
        secondFinish = finish;
      }
    }
    this.first[slot] = first;
    this.second[slot] = second;
    this.firstFinish[slot] = firstFinish;
    this.secondStale[slot] = 0;
  }

  private grow(): void {
    const rows = this.taskIn.length * 2;
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (length: number) => T, width: number): T => {
      const grown = make(rows * width);
      grown.set(old);
      return grown;
    };
    this.taskIn = widen(this.taskIn, (l) => new Int32Array(l), 1);
    this.first = widen(this.first, (l) => new Int32Array(l), 1);
    this.second = widen(this.second, (l) => new Int32Array(l), 1);
    this.firstFinish = widen(this.firstFinish, (l) => new Float64Array(l), 1);
    this.secondStale = widen(this.secondStale, (l) => new Uint8Array(l), 1);
    this.arrival = widen(this.arrival, (l) => new Float64Array(l), this.m);
    this.start = widen(this.start, (l) => new Float64Array(l), this.m);
  }
}
