/**
 * The busy intervals of every processor, for insertion-based list scheduling: a task may go into an idle gap
 * between two tasks already placed, not only after the last one (Topcuoglu et al. 2002, §4.1).
 *
 * Each processor keeps its intervals sorted by (start, finish) in growable typed arrays. Since they never
 * overlap, finish times are sorted as well, so the first interval that can delay a task is found by binary search;
 * from there the gaps are scanned forward until one is long enough. Appending after the last interval, the usual
 * case, costs O(1).
 */
export class ProcessorTimelines {
  private starts: Float64Array[];
  private finishes: Float64Array[];
  private tasks: Int32Array[];
  private readonly lengths: Int32Array;

  constructor(
    readonly processorCount: number,
    expectedTasksPerProcessor = 16,
  ) {
    const capacity = Math.max(4, expectedTasksPerProcessor);
    this.starts = Array.from({ length: processorCount }, () => new Float64Array(capacity));
    this.finishes = Array.from({ length: processorCount }, () => new Float64Array(capacity));
    this.tasks = Array.from({ length: processorCount }, () => new Int32Array(capacity));
    this.lengths = new Int32Array(processorCount);
  }

  /** Forgets every interval, keeping the memory (decoders reuse one instance across many schedules). */
  clear(): void {
    this.lengths.fill(0);
  }

  taskCountOn(processor: number): number {
    return this.lengths[processor]!;
  }

  /** Finish time of the last interval on the processor (0 when idle). */
  lastFinish(processor: number): number {
    const length = this.lengths[processor]!;
    return length === 0 ? 0 : this.finishes[processor]![length - 1]!;
  }

  /** The earliest start >= `ready` at which `duration` fits on the processor without overlapping anything. */
  earliestStart(processor: number, ready: number, duration: number): number {
    const length = this.lengths[processor]!;
    if (length === 0) return ready;
    const starts = this.starts[processor]!;
    const finishes = this.finishes[processor]!;
    if (ready >= finishes[length - 1]!) return ready;
    // First interval that finishes after `ready`: everything before it is over by then.
    let lo = 0;
    let hi = length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (finishes[mid]! > ready) hi = mid;
      else lo = mid + 1;
    }
    let candidate = ready;
    for (let i = lo; i < length; i++) {
      if (candidate + duration <= starts[i]!) return candidate;
      if (finishes[i]! > candidate) candidate = finishes[i]!;
    }
    return candidate;
  }

  /** Records task `task` on the processor over [start, finish); the caller found the slot with `earliestStart`. */
  insert(processor: number, task: number, start: number, finish: number): void {
    let length = this.lengths[processor]!;
    if (length === this.starts[processor]!.length) this.grow(processor);
    const starts = this.starts[processor]!;
    const finishes = this.finishes[processor]!;
    const tasks = this.tasks[processor]!;
    if (length === 0 || start > starts[length - 1]! || (start === starts[length - 1]! && finish >= finishes[length - 1]!)) {
      starts[length] = start;
      finishes[length] = finish;
      tasks[length] = task;
    } else {
      let lo = 0;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < start || (starts[mid]! === start && finishes[mid]! <= finish)) lo = mid + 1;
        else hi = mid;
      }
      starts.copyWithin(lo + 1, lo, length);
      finishes.copyWithin(lo + 1, lo, length);
      tasks.copyWithin(lo + 1, lo, length);
      starts[lo] = start;
      finishes[lo] = finish;
      tasks[lo] = task;
    }
    this.lengths[processor] = ++length;
  }

  /** The tasks on the processor in execution order. */
  tasksOn(processor: number): Int32Array {
    return this.tasks[processor]!.slice(0, this.lengths[processor]!);
  }

  private grow(processor: number): void {
    const capacity = this.starts[processor]!.length * 2;
    const grow = <T extends Float64Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.starts[processor] = grow(this.starts[processor]!, new Float64Array(capacity));
    this.finishes[processor] = grow(this.finishes[processor]!, new Float64Array(capacity));
    this.tasks[processor] = grow(this.tasks[processor]!, new Int32Array(capacity));
  }
}
