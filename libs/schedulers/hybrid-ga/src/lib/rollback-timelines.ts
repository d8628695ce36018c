/**
 * The busy intervals of every processor for the GA's insertion-based decoder, with the one operation core's
 * `ProcessorTimelines` lacks: rolling back to the state after the first k positions of a chromosome, which is
 * what incremental re-decoding needs. It gives exactly the start times of `ProcessorTimelines` (same search, same
 * floating-point expressions; a test compares decodes with core's `scheduleWithAssignment`).
 *
 * Each processor is the list of its tasks in time order, in a growable Int32Array. The times themselves are not
 * copied here: they are read from the start/finish arrays of the schedule being decoded (`use`), which hold the
 * times of every task already placed. So an insertion into a gap shifts one small integer array, and a rollback
 * is a filter over task indices.
 *
 * Why not core's class: it copies every interval's times and keeps a longest-gap index per block of 32 gaps,
 * re-computed after each in-gap insertion (built to keep 100,000-task HEFT linear). On the GA's 100-1,000-task
 * decodes at high CCR, where half the tasks drop into gaps, that upkeep costs more than the search it saves;
 * and it records nothing that would let it be rolled back to a chromosome position.
 *
 * Invariant: each list is sorted by (start, finish) and its intervals never overlap, so finishes are sorted too.
 */
/** Intervals searched backwards from the end before falling back to bisection. */
const LINEAR_STEPS = 16;

export class RollbackTimelines {
  /** Processor p's tasks in time order are `tasks[p * capacity .. p * capacity + lengths[p])`. */
  private tasks: Int32Array;
  private capacity: number;
  private readonly lengths: Int32Array;
  private start: Float64Array;
  private finish: Float64Array;

  constructor(
    readonly processorCount: number,
    expectedTasksPerProcessor = 16,
  ) {
    this.capacity = Math.max(16, expectedTasksPerProcessor);
    this.tasks = new Int32Array(processorCount * this.capacity);
    this.lengths = new Int32Array(processorCount);
    this.start = new Float64Array(0);
    this.finish = new Float64Array(0);
  }

  /**
   * The schedule whose times the intervals have: every task on the timelines must have its times there.
   * Switching to another schedule with the same times for those tasks (a child whose prefix was copied from its
   * parent) keeps the timelines valid.
   */
  use(start: Float64Array, finish: Float64Array): void {
    this.start = start;
    this.finish = finish;
  }

  clear(): void {
    this.lengths.fill(0);
  }

  taskCountOn(processor: number): number {
    return this.lengths[processor]!;
  }

  /** The i-th task on the processor in time order. */
  taskAt(processor: number, i: number): number {
    return this.tasks[processor * this.capacity + i]!;
  }

  /**
   * Places `task` at the earliest start >= `ready` where `duration` fits on the processor, writes its start and
   * finish into the schedule in use, and returns the start. The semantics of core's ProcessorTimelines: a positive
   * duration needs an idle gap at least that long (a zero-length task already placed splits a gap); a zero
   * duration may start at `ready` unless that falls strictly inside a busy interval; a task fits before an interval
   * when its start + duration <= the interval's start (the same floating-point test). Search and insertion in one
   * call: this is the decoder's innermost step.
   */
  placeEarliest(processor: number, task: number, ready: number, duration: number): number {
    const length = this.lengths[processor]!;
    const tasks = this.tasks;
    const base = processor * this.capacity;
    const end = base + length;
    const start = this.start;
    const finish = this.finish;
    let candidate = ready;
    let slot = end;
    if (length > 0 && ready < finish[tasks[end - 1]!]!) {
      // First interval still busy after `ready`; those before it cannot delay the task. Ready times are mostly
      // recent, so walk back from the end for a few steps (predictable branches) before bisecting (whose
      // comparisons the processor cannot predict: a mispredict each other step).
      let lo = end - 1;
      const stop = lo - base > LINEAR_STEPS ? lo - LINEAR_STEPS : base;
      while (lo > stop && finish[tasks[lo - 1]!]! > ready) lo--;
      if (lo === stop && lo > base) {
        let low = base;
        let high = lo;
        while (low < high) {
          const mid = (low + high) >> 1;
          if (finish[tasks[mid]!]! > ready) high = mid;
          else low = mid + 1;
        }
        lo = low;
      }
      for (slot = lo; slot < end; slot++) {
        const u = tasks[slot]!;
        // `candidate + duration <= start`, core's and the checker's comparison: `start - candidate >= duration`
        // differs in the last bit when the gap is exactly the duration in decimal (a missed gap, or an overlap).
        if (candidate + duration <= start[u]!) break;
        if (finish[u]! > candidate) candidate = finish[u]!;
      }
    }
    start[task] = candidate;
    finish[task] = candidate + duration;
    this.insertAt(processor, slot - base, task);
    return candidate;
  }

  /** Inserts a task whose times are already in the schedule in use, at its place in time order (a replay). */
  place(processor: number, task: number): void {
    const length = this.lengths[processor]!;
    const tasks = this.tasks;
    const base = processor * this.capacity;
    const start = this.start;
    const finish = this.finish;
    const s = start[task]!;
    const f = finish[task]!;
    // The first interval that sorts after (s, f), searched back from the end: replays run in chromosome order,
    // where most tasks go at or near the end of their processor's list.
    let at = length;
    while (at > 0) {
      const u = tasks[base + at - 1]!;
      if (start[u]! < s || (start[u]! === s && finish[u]! <= f)) break;
      at--;
    }
    this.insertAt(processor, at, task);
  }

  /**
   * Sets the processor's list to `source[from..to)`, tasks in time order whose times are in the schedule in use
   * (the lists of a decode done elsewhere: the WebAssembly decoder's).
   */
  assign(processor: number, source: Int32Array, from: number, to: number): void {
    while (to - from > this.capacity) this.grow();
    this.tasks.set(source.subarray(from, to), processor * this.capacity);
    this.lengths[processor] = to - from;
  }

  /**
   * Removes every task at position >= k, leaving the state after positions 0..k-1 — valid when the tasks at
   * positions < k were placed by the chromosome `position` describes (a placement never depends on a later
   * one, and removal keeps the order).
   */
  rollback(position: Int32Array, k: number): void {
    const tasks = this.tasks;
    for (let p = 0; p < this.processorCount; p++) {
      const base = p * this.capacity;
      const end = base + this.lengths[p]!;
      let kept = base;
      while (kept < end && position[tasks[kept]!]! < k) kept++;
      for (let i = kept + 1; i < end; i++) {
        const t = tasks[i]!;
        if (position[t]! < k) tasks[kept++] = t;
      }
      this.lengths[p] = kept - base;
    }
  }

  private insertAt(processor: number, at: number, task: number): void {
    const length = this.lengths[processor]!;
    if (length === this.capacity) this.grow();
    const tasks = this.tasks;
    const base = processor * this.capacity;
    // A plain loop: most shifts move a handful of entries, where copyWithin's call costs more than the copy.
    for (let i = base + length; i > base + at; i--) tasks[i] = tasks[i - 1]!;
    tasks[base + at] = task;
    this.lengths[processor] = length + 1;
  }

  /** Doubles every processor's room (rare: the first decodes of a run find the sizes its lists reach). */
  private grow(): void {
    const capacity = this.capacity * 2;
    const tasks = new Int32Array(this.processorCount * capacity);
    for (let p = 0; p < this.processorCount; p++) {
      tasks.set(this.tasks.subarray(p * this.capacity, p * this.capacity + this.lengths[p]!), p * capacity);
    }
    this.tasks = tasks;
    this.capacity = capacity;
  }
}
