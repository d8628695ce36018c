/** Gaps are grouped in blocks of this many; a block whose longest gap is too short is skipped whole. */
const BLOCK = 32;
/**
 * Relative rounding of `end - start` and `start + d` for times up to `last`: each is off by at most half an ulp of
 * `last`, that is EPSILON / 2 * last; four times EPSILON leaves room for both with margin.
 */
const ROUNDING_SLACK = 4 * Number.EPSILON;

/**
 * The busy intervals of every processor, for insertion-based list scheduling: a task may go into an idle gap
 * between two tasks already placed, not only after the last one (Topcuoglu et al. 2002, §4.1).
 *
 * Per processor it keeps, in growable typed arrays:
 *  - the busy intervals sorted by (start, finish) — finish times are then sorted too, since intervals never
 *    overlap — and the task of each;
 *  - the idle gaps between them, in time order, grouped in blocks of 32 with the longest gap of each block.
 *
 * Finding the earliest start >= `ready` of a task of duration d is a binary search for the first gap that ends
 * after `ready`, then a forward scan that skips every block whose longest gap is shorter than d. A plain scan of
 * the intervals after `ready` is quadratic on large workflows: with 100,000 tasks on 8 processors HEFT's scans
 * visited 383 million intervals (1.2 s); skipping blocks makes the search O(log k + k/32) at worst.
 * Appending after the last interval, the common case, costs O(1).
 *
 * Semantics: a task of positive duration may start at s when [s, s + d) meets no busy interval (a zero-length
 * task already placed counts as a boundary, as in a plain scan of the intervals); a zero-length task may start
 * at `ready` unless `ready` lies strictly inside a busy interval, else at that interval's end.
 */
export class ProcessorTimelines {
  private starts: Float64Array[];
  private finishes: Float64Array[];
  private tasks: Int32Array[];
  private readonly lengths: Int32Array;
  private gapStarts: Float64Array[];
  private gapEnds: Float64Array[];
  private blockLongest: Float64Array[];
  private readonly gapCounts: Int32Array;
  private readonly lastFinishes: Float64Array;

  constructor(
    readonly processorCount: number,
    expectedTasksPerProcessor = 16,
  ) {
    const capacity = Math.max(BLOCK, expectedTasksPerProcessor);
    const many = <T>(make: () => T) => Array.from({ length: processorCount }, make);
    this.starts = many(() => new Float64Array(capacity));
    this.finishes = many(() => new Float64Array(capacity));
    this.tasks = many(() => new Int32Array(capacity));
    this.lengths = new Int32Array(processorCount);
    this.gapStarts = many(() => new Float64Array(BLOCK));
    this.gapEnds = many(() => new Float64Array(BLOCK));
    this.blockLongest = many(() => new Float64Array(1));
    this.gapCounts = new Int32Array(processorCount);
    this.lastFinishes = new Float64Array(processorCount);
  }

  /** Forgets every interval, keeping the memory (decoders reuse one instance across many schedules). */
  clear(): void {
    this.lengths.fill(0);
    this.gapCounts.fill(0);
    this.lastFinishes.fill(0);
  }

  taskCountOn(processor: number): number {
    return this.lengths[processor]!;
  }

  /** Finish time of the last interval on the processor (0 when idle). */
  lastFinish(processor: number): number {
    return this.lastFinishes[processor]!;
  }

  /** The earliest start >= `ready` at which `duration` fits on the processor without overlapping anything. */
  earliestStart(processor: number, ready: number, duration: number): number {
    const last = this.lastFinishes[processor]!;
    if (ready >= last) return ready;
    if (duration <= 0) return this.earliestInstant(processor, ready);
    const count = this.gapCounts[processor]!;
    if (count === 0) return last;
    const gapStarts = this.gapStarts[processor]!;
    const gapEnds = this.gapEnds[processor]!;
    // First gap that ends after `ready`; earlier gaps are over before the task could start.
    const lo = firstAbove(gapEnds, count, ready);
    if (lo === count) return last;
    const first = gapStarts[lo]! > ready ? gapStarts[lo]! : ready;
    // `start + d <= end`, the same comparison the checker makes, not `end - start >= d`, which can differ in the last bit.
    if (first + duration <= gapEnds[lo]!) return first;
    // Every later gap starts after `ready`, so only its own length matters. A block's longest gap is a subtraction,
    // `end - start`, which can round below `d` for a gap that passes `start + d <= end`: skip a block only when its
    // longest gap is short by more than that rounding (a few ulps of the latest end, `last`), and let the exact test decide.
    const skipBelow = duration - ROUNDING_SLACK * last;
    const longest = this.blockLongest[processor]!;
    let i = lo + 1;
    while (i < count) {
      if (i % BLOCK === 0 && longest[i / BLOCK]! < skipBelow) {
        i += BLOCK;
        continue;
      }
      if (gapStarts[i]! + duration <= gapEnds[i]!) return gapStarts[i]!;
      i++;
    }
    return last;
  }

  /** Records task `task` on the processor over [start, finish); the caller found the slot with `earliestStart`. */
  insert(processor: number, task: number, start: number, finish: number): void {
    const last = this.lastFinishes[processor]!;
    if (start >= last) {
      if (start > last) this.appendGap(processor, last, start);
      this.lastFinishes[processor] = finish;
    } else {
      this.fillGap(processor, task, start, finish);
    }
    this.insertInterval(processor, task, start, finish);
  }

  /** The tasks on the processor in execution order. */
  tasksOn(processor: number): Int32Array {
    return this.tasks[processor]!.slice(0, this.lengths[processor]!);
  }

  /** Zero-length tasks: `ready` itself unless it falls strictly inside a busy interval. */
  private earliestInstant(processor: number, ready: number): number {
    const length = this.lengths[processor]!;
    const starts = this.starts[processor]!;
    const finishes = this.finishes[processor]!;
    const lo = firstAbove(finishes, length, ready);
    return lo < length && starts[lo]! < ready ? finishes[lo]! : ready;
  }

  private appendGap(processor: number, from: number, to: number): void {
    const count = this.gapCounts[processor]!;
    if (count === this.gapStarts[processor]!.length) this.growGaps(processor);
    this.gapStarts[processor]![count] = from;
    this.gapEnds[processor]![count] = to;
    const longest = this.blockLongest[processor]!;
    const block = (count / BLOCK) | 0;
    if (count % BLOCK === 0 || to - from > longest[block]!) longest[block] = to - from;
    this.gapCounts[processor] = count + 1;
  }

  /** A task placed inside an idle gap splits it into what is left before and after the task. */
  private fillGap(processor: number, task: number, start: number, finish: number): void {
    const count = this.gapCounts[processor]!;
    const gapStarts = this.gapStarts[processor]!;
    const gapEnds = this.gapEnds[processor]!;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gapEnds[mid]! >= finish) hi = mid;
      else lo = mid + 1;
    }
    if (lo === count || gapStarts[lo]! > start) {
      if (finish === start) return; // a zero-length task on a boundary between two busy intervals
      throw new RangeError(`task ${task} at [${start}, ${finish}) overlaps another task on processor ${processor}`);
    }
    const before = start > gapStarts[lo]!;
    const after = gapEnds[lo]! > finish;
    if (before && after) {
      if (count === gapStarts.length) this.growGaps(processor);
      const starts = this.gapStarts[processor]!;
      const ends = this.gapEnds[processor]!;
      starts.copyWithin(lo + 2, lo + 1, count);
      ends.copyWithin(lo + 2, lo + 1, count);
      starts[lo + 1] = finish;
      ends[lo + 1] = ends[lo]!;
      ends[lo] = start;
      this.gapCounts[processor] = count + 1;
      this.recomputeBlocks(processor, lo);
    } else if (before) {
      gapEnds[lo] = start;
      this.recomputeBlocks(processor, lo, lo);
    } else if (after) {
      gapStarts[lo] = finish;
      this.recomputeBlocks(processor, lo, lo);
    } else {
      gapStarts.copyWithin(lo, lo + 1, count);
      gapEnds.copyWithin(lo, lo + 1, count);
      this.gapCounts[processor] = count - 1;
      this.recomputeBlocks(processor, lo);
    }
  }

  /** Recomputes the longest gap of the blocks holding gaps `from`..`to` (to the end by default). */
  private recomputeBlocks(processor: number, from: number, to = this.gapCounts[processor]! - 1): void {
    const gapStarts = this.gapStarts[processor]!;
    const gapEnds = this.gapEnds[processor]!;
    const longest = this.blockLongest[processor]!;
    const count = this.gapCounts[processor]!;
    const lastBlock = Math.min(((Math.max(to, from) / BLOCK) | 0), ((count - 1) / BLOCK) | 0);
    for (let block = (from / BLOCK) | 0; block <= lastBlock; block++) {
      let max = 0;
      const end = Math.min(count, (block + 1) * BLOCK);
      for (let i = block * BLOCK; i < end; i++) if (gapEnds[i]! - gapStarts[i]! > max) max = gapEnds[i]! - gapStarts[i]!;
      longest[block] = max;
    }
  }

  private insertInterval(processor: number, task: number, start: number, finish: number): void {
    const length = this.lengths[processor]!;
    if (length === this.starts[processor]!.length) this.growIntervals(processor);
    const starts = this.starts[processor]!;
    const finishes = this.finishes[processor]!;
    const tasks = this.tasks[processor]!;
    let at = length;
    if (length > 0 && (start < starts[length - 1]! || (start === starts[length - 1]! && finish < finishes[length - 1]!))) {
      let lo = 0;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < start || (starts[mid]! === start && finishes[mid]! <= finish)) lo = mid + 1;
        else hi = mid;
      }
      at = lo;
      starts.copyWithin(at + 1, at, length);
      finishes.copyWithin(at + 1, at, length);
      tasks.copyWithin(at + 1, at, length);
    }
    starts[at] = start;
    finishes[at] = finish;
    tasks[at] = task;
    this.lengths[processor] = length + 1;
  }

  private growIntervals(processor: number): void {
    const capacity = this.starts[processor]!.length * 2;
    this.starts[processor] = grown(this.starts[processor]!, new Float64Array(capacity));
    this.finishes[processor] = grown(this.finishes[processor]!, new Float64Array(capacity));
    this.tasks[processor] = grown(this.tasks[processor]!, new Int32Array(capacity));
  }

  private growGaps(processor: number): void {
    const capacity = this.gapStarts[processor]!.length * 2;
    this.gapStarts[processor] = grown(this.gapStarts[processor]!, new Float64Array(capacity));
    this.gapEnds[processor] = grown(this.gapEnds[processor]!, new Float64Array(capacity));
    this.blockLongest[processor] = grown(this.blockLongest[processor]!, new Float64Array(capacity / BLOCK));
  }
}

/** Index of the first of the sorted `values[0..count)` greater than `bound` (`count` when none is). */
function firstAbove(values: Float64Array, count: number, bound: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function grown<T extends Float64Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
