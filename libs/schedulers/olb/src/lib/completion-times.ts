// Shared by the mapping heuristics of Braun et al. (2001) and Maheswaran et al. (1999): minmin, maxmin, duplex, mct,
// met, olb and sufferage each hold a verbatim copy of this file (a scheduler lib may depend on core only, never on
// another scheduler), until it moves into @hetsched/core. Edit it in libs/schedulers/minmin and copy it over.
import { emptySchedule, ProcessorTimelines, type Schedule, type SchedulingProblem } from '@hetsched/core';

/** Initial room per processor in the timelines: about twice the mean number of tasks per processor. */
const EXPECTED_LOAD_FACTOR = 2;
/** Rows of per-processor times kept for this many ready tasks at first; doubled whenever the ready set outgrows them. */
const INITIAL_READY_ROWS = 16;

// candidate for @hetsched/core: PartialSchedule
/**
 * A schedule built one task at a time, each after all of its predecessors, on a processor its caller picks.
 *
 * A task may start on processor p once the data of every predecessor are there (finish + latency + data /
 * bandwidth from another processor, the finish itself on p) and p is free. Free means, as in the papers' machine
 * availability time, after the last task placed on p (`insertion: false`), or in the earliest idle gap long enough
 * (`insertion: true`, core's ProcessorTimelines). Either way a processor's earliest start for a given task never
 * moves earlier as tasks are added: ReadyCompletionTimes relies on it.
 */
export class PartialSchedule {
  readonly schedule: Schedule;
  private readonly timelines: ProcessorTimelines;

  constructor(
    readonly problem: SchedulingProblem,
    readonly insertion: boolean,
  ) {
    this.schedule = emptySchedule(problem.taskCount);
    const load = Math.ceil((EXPECTED_LOAD_FACTOR * problem.taskCount) / problem.processorCount);
    this.timelines = new ProcessorTimelines(problem.processorCount, load);
  }

  isPlaced(t: number): boolean {
    return this.schedule.processorOf[t] !== -1;
  }

  /** The finish of the last task placed on p (0 while p is idle): the papers' machine availability time. */
  availableAt(p: number): number {
    return this.timelines.lastFinish(p);
  }

  /** `into[p]` = when all input data of t are on processor p (0 for an entry task), for every p. O(in-degree · m). */
  arrivalTimes(t: number, into: Float64Array): Float64Array {
    const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, finish } = this.schedule;
    into.fill(0, 0, m);
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      if (from < 0) throw this.unplacedPredecessor(q, t);
      const done = finish[q]!;
      const data = predData[i]!;
      const row = from * m;
      for (let p = 0; p < m; p++) {
        const arrival = p === from ? done : done + latency[row + p]! + data * inverseBandwidth[row + p]!;
        if (arrival > into[p]!) into[p] = arrival;
      }
    }
    return into;
  }

  /** When all input data of t are on processor p. O(in-degree). */
  arrivalOn(t: number, p: number): number {
    const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, finish } = this.schedule;
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      if (from < 0) throw this.unplacedPredecessor(q, t);
      const k = from * m + p;
      const arrival = from === p ? finish[q]! : finish[q]! + latency[k]! + predData[i]! * inverseBandwidth[k]!;
      if (arrival > ready) ready = arrival;
    }
    return ready;
  }

  /** The earliest start on p of a task of `duration` whose input data are there at `ready`. */
  earliestStart(p: number, ready: number, duration: number): number {
    if (this.insertion) return this.timelines.earliestStart(p, ready, duration);
    const free = this.timelines.lastFinish(p);
    return ready > free ? ready : free;
  }

  /** Places t on p at its earliest start there, its input data being on p at `ready`; returns its finish. */
  place(t: number, p: number, ready: number): number {
    if (this.isPlaced(t)) throw new RangeError(`task "${this.problem.taskIds[t]}" is placed twice`);
    const duration = this.problem.cost[t * this.problem.processorCount + p]!;
    const start = this.earliestStart(p, ready, duration);
    const finish = start + duration;
    this.schedule.processorOf[t] = p;
    this.schedule.start[t] = start;
    this.schedule.finish[t] = finish;
    this.timelines.insert(p, t, start, finish);
    return finish;
  }

  private unplacedPredecessor(predecessor: number, t: number): Error {
    const ids = this.problem.taskIds;
    return new RangeError(`task "${ids[t]}" is evaluated before its predecessor "${ids[predecessor]}" is placed`);
  }
}

// candidate for @hetsched/core: ReadyCompletionTimes
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
    this.partial = new PartialSchedule(problem, insertion);
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

/** Min-min takes the ready task of smallest earliest completion time, Max-min the one of largest. */
export type CompletionTimeRule = 'min' | 'max';

// candidate for @hetsched/core: scheduleByCompletionTime
/**
 * The loop of Min-min and Max-min (Braun et al., JPDC 61(6), 2001) over the ready set of a DAG: while tasks remain, take the
 * earliest completion time of every ready task over the processors, pick the task whose earliest completion time
 * is the smallest (`'min'`) or the largest (`'max'`), ties to the task listed first, and place it on the
 * processor giving that time (ties to the processor listed first). Tasks turn ready as their last predecessor is
 * placed and compete from the next pick on.
 *
 * O(R) per pick to find the task and refresh the column of its processor (R ready tasks), O(m) per row whose best
 * processor that was, O(E·m) for data-arrival times: O(n·R·k + E·m) in all, k >= 1 a small factor for rescanned
 * rows (against O(n·R·m) for recomputing every completion time at every pick).
 */
export function scheduleByCompletionTime(problem: SchedulingProblem, rule: CompletionTimeRule, insertion: boolean): Schedule {
  const ready = new ReadyCompletionTimes(problem, insertion);
  const largest = rule === 'max';
  while (ready.size > 0) {
    let chosen = ready.taskAt(0);
    let chosenFinish = ready.bestFinishAt(0);
    for (let i = 1; i < ready.size; i++) {
      const t = ready.taskAt(i);
      const finish = ready.bestFinishAt(i);
      const better = largest ? finish > chosenFinish : finish < chosenFinish;
      if (better || (finish === chosenFinish && t < chosen)) {
        chosen = t;
        chosenFinish = finish;
      }
    }
    ready.place(chosen, ready.bestProcessor(chosen));
  }
  return ready.schedule;
}
