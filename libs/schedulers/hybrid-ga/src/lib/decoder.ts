import type { Chromosome } from './chromosome.js';
import type { ProblemArrays } from './operators.js';
import { RollbackTimelines } from './rollback-timelines.js';
import { WasmFullDecoder } from './wasm-decoder.js';

export type Objective = 'makespan' | 'averageTurnaround';

/** A chromosome with its decoded schedule: the unit the population, the operators and the workers share. */
export interface Individual extends Chromosome {
  /** position[t] = index of task t in `order`. */
  readonly position: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
}

/**
 * Lexicographic comparison of decoded schedules: the objective first, the other measure as the tie-break (two
 * schedules of equal makespan, the one whose tasks finish earlier on the whole leaves more room to improve).
 */
export interface Score {
  primary: number;
  secondary: number;
}

/** Primary and secondary measures of a decode under the objective. */
export function scoreOf(objective: Objective, makespan: number, finishSum: number, into: Score): Score {
  if (objective === 'makespan') {
    into.primary = makespan;
    into.secondary = finishSum;
  } else {
    into.primary = finishSum;
    into.secondary = makespan;
  }
  return into;
}

/** True when (aPrimary, aSecondary) is strictly better (smaller) than (bPrimary, bSecondary). */
export function isBetter(aPrimary: number, aSecondary: number, bPrimary: number, bSecondary: number): boolean {
  return aPrimary < bPrimary || (aPrimary === bPrimary && aSecondary < bSecondary);
}

/**
 * The GA's decoder (§3.3): insertion-based list scheduling of V1's order with V2's processors — the schedule of
 * core's `scheduleWithAssignment`, bit for bit — built for millions of calls: typed arrays only, nothing allocated
 * per decode, one timeline structure reused, full decodes in WebAssembly where it loads (`WasmFullDecoder`, the
 * same loop compiled from assembly/decoder.ts), and three ways to avoid work:
 *
 *  - `decodeFrom(child, k, parent)`: a child that equals its parent in positions 0..k-1 (same tasks, same
 *    processors) places them at the same times, so those are copied and replayed onto the timelines without any
 *    search, and decoding starts at k. One-point crossover and single-task moves change a suffix only. (With the
 *    WebAssembly decoder a full decode is faster than the replay, and decodeFrom does that.)
 *  - `tryFrom(trial, k, cutoff)`: the local search's variant; the timelines hold the current solution, and
 *    rolling them back to position k is a filter, not a replay.
 *  - a cutoff: finish times only accumulate, so once the running makespan (or finish-time sum) passes the
 *    cutoff the candidate is known to be worse and decoding stops.
 */
export class Decoder {
  private readonly lines: RollbackTimelines;
  /** Full decodes run here when WebAssembly is available (null: the TypeScript loop does them). */
  private readonly wasm: WasmFullDecoder | null;
  /** The schedule of the last WebAssembly decode, whose lists `lines` has not been given yet. */
  private unsynced: Individual | null = null;
  /** The individual whose positions 0..validUpTo-1, and nothing else, are on the timelines (tryFrom's state). */
  private loaded: Individual | null = null;
  private validUpTo = 0;
  /** Decodes so far, full or partial (the benchmark's decodes per second and the local search's budget). */
  decodes = 0;
  /** Tasks placed so far (a work measure that counts a partial decode by what it did). */
  placements = 0;
  /** The last decode's makespan and sum of finish times; lower bounds when it stopped at the cutoff. */
  makespan = 0;
  finishSum = 0;

  /**
   * Per task, a lower bound on the time from its finish to the makespan, for stopping hopeless candidates early.
   * By default the longest chain of successors at their cheapest processors with free transfers (valid for any
   * chromosome); the local search swaps in the tighter bound of its current processor assignment.
   */
  tail: Float64Array;

  /** `useWasm: false` keeps every decode in TypeScript (the reference the specs compare the WebAssembly one with). */
  constructor(
    readonly problem: ProblemArrays,
    { useWasm = true }: { useWasm?: boolean } = {},
  ) {
    this.lines = new RollbackTimelines(problem.processorCount, Math.ceil((2 * problem.taskCount) / problem.processorCount));
    this.tail = successorTails(problem);
    this.wasm = useWasm ? WasmFullDecoder.create(problem) : null;
  }

  /** True when full decodes run in WebAssembly. */
  get usesWasm(): boolean {
    return this.wasm !== null;
  }

  /**
   * The processors' task lists of the last decode. Read by the local search right after a complete decode, when
   * they hold that schedule in full. After a WebAssembly decode they are copied over on first read: most full
   * decodes (the GA's children) are never looked at this way.
   */
  get timelines(): RollbackTimelines {
    this.syncTimelines();
    return this.lines;
  }

  private syncTimelines(): void {
    const decoded = this.unsynced;
    if (decoded !== null) {
      this.unsynced = null;
      this.lines.use(decoded.start, decoded.finish);
      this.wasm!.copyTimelinesTo(this.lines);
    }
  }

  /** Decodes the whole chromosome into `into.start`/`into.finish` and fills `into.position`. */
  decode(into: Individual, cutoff: Score | null = null, objective: Objective = 'makespan'): boolean {
    this.loaded = null;
    const wasm = this.wasm;
    if (wasm !== null) {
      const n = this.problem.taskCount;
      const cutPrimary = cutoff?.primary ?? Infinity;
      const result = wasm.decode(into, objective === 'makespan', cutPrimary, cutoff?.secondary ?? Infinity, boundCutOf(cutPrimary), this.tail);
      this.decodes++;
      this.placements += Math.abs(result);
      this.makespan = wasm.makespan;
      this.finishSum = wasm.finishSum;
      this.unsynced = into;
      return result === n;
    }
    this.lines.clear();
    this.lines.use(into.start, into.finish);
    return this.run(into, 0, 0, 0, cutoff, objective);
  }

  /**
   * Decodes `child`, which equals `parent` (fully decoded) in positions 0..k-1 — same tasks with the same
   * processors (see `firstDifference`). The caller guarantees it; positions before k are not checked.
   */
  decodeFrom(child: Individual, k: number, parent: Individual, cutoff: Score | null = null, objective: Objective = 'makespan'): boolean {
    // Replaying the prefix here costs about what decoding it in WebAssembly does (BENCHMARKS.md): where that
    // decoder runs, decode the child in full there.
    if (this.wasm !== null) return this.decode(child, cutoff, objective);
    this.loaded = null;
    this.unsynced = null;
    const timelines = this.lines;
    timelines.clear();
    if (child !== parent) {
      child.start.set(parent.start);
      child.finish.set(parent.finish);
    }
    timelines.use(child.start, child.finish);
    const { order, processorOf, position, finish } = child;
    let makespan = 0;
    let finishSum = 0;
    for (let j = 0; j < k; j++) {
      const t = order[j]!;
      position[t] = j;
      timelines.place(processorOf[t]!, t);
      if (finish[t]! > makespan) makespan = finish[t]!;
      finishSum += finish[t]!;
    }
    return this.run(child, k, makespan, finishSum, cutoff, objective);
  }

  /**
   * Makes `current` (fully decoded) the base of `tryFrom`: its placements are (or will be) on the timelines.
   * Call after every accepted move with the new current solution.
   */
  load(current: Individual, alreadyOnTimelines: boolean): void {
    if (!alreadyOnTimelines) {
      this.unsynced = null;
      this.lines.clear();
      this.validUpTo = 0;
    } else {
      this.syncTimelines();
      this.validUpTo = current.order.length;
    }
    this.loaded = current;
  }

  /**
   * Decodes `trial`, which equals the loaded solution in positions 0..k-1, into `trial.start`/`trial.finish`
   * (which must hold the loaded solution's times for those positions: copy them). When the trial completes, the
   * timelines hold it, and `load(trial, true)` makes it the base for the next tries.
   */
  tryFrom(trial: Individual, k: number, cutoff: Score | null, objective: Objective): boolean {
    const current = this.loaded;
    if (current === null) throw new Error('Decoder.tryFrom before load()');
    const timelines = this.lines;
    // The timelines hold the current solution's positions < validUpTo plus whatever the last try placed at
    // positions >= validUpTo. Keep the common prefix, then replay the current solution up to k.
    // The trial holds the current solution's times for positions < k, so the timelines can read them there.
    timelines.use(trial.start, trial.finish);
    const keep = Math.min(k, this.validUpTo);
    timelines.rollback(current.position, keep);
    const { order, processorOf } = current;
    for (let j = keep; j < k; j++) {
      const t = order[j]!;
      timelines.place(processorOf[t]!, t);
    }
    this.validUpTo = k;
    let makespan = 0;
    let finishSum = 0;
    const tFinish = trial.finish;
    const tOrder = trial.order;
    const tPosition = trial.position;
    for (let j = 0; j < k; j++) {
      const t = tOrder[j]!;
      tPosition[t] = j;
      const f = tFinish[t]!;
      if (f > makespan) makespan = f;
      finishSum += f;
    }
    return this.run(trial, k, makespan, finishSum, cutoff, objective);
  }

  /**
   * Places positions k..n-1 of `into`. Returns false when it stopped early: the running (primary, secondary)
   * can only grow, so once it is worse than `cutoff` the finished schedule would be too.
   */
  private run(into: Individual, k: number, makespan: number, finishSum: number, cutoff: Score | null, objective: Objective): boolean {
    const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { order, processorOf, position, finish } = into;
    const timelines = this.lines;
    const tail = this.tail;
    const byMakespan = objective === 'makespan';
    const cutPrimary = cutoff === null ? Infinity : cutoff.primary;
    const cutSecondary = cutoff === null ? Infinity : cutoff.secondary;
    const boundCut = boundCutOf(cutPrimary);
    this.decodes++;
    for (let j = k; j < n; j++) {
      const t = order[j]!;
      const p = processorOf[t]!;
      position[t] = j;
      let ready = 0;
      // No branch on "same processor": the diagonal of latency and inverseBandwidth is 0, so the same sum gives
      // exactly finish[q] there (x + 0 + 0 = x), and a data-dependent branch costs more than the arithmetic.
      for (let i = predOffsets[t]!, end = predOffsets[t + 1]!; i < end; i++) {
        const q = predTasks[i]!;
        const link = processorOf[q]! * m + p;
        const arrival = finish[q]! + latency[link]! + predData[i]! * inverseBandwidth[link]!;
        ready = arrival > ready ? arrival : ready;
      }
      const duration = cost[t * m + p]!;
      const end = timelines.placeEarliest(p, t, ready, duration) + duration;
      if (end > makespan) makespan = end;
      finishSum += end;
      const primary = byMakespan ? makespan : finishSum;
      // With the makespan, the tasks still to come after t take at least `tail[t]` more whatever their
      // processors: a bound that rules most bad candidates out long before their last task.
      if (
        (byMakespan && end + tail[t]! > boundCut) ||
        (primary >= cutPrimary && (primary > cutPrimary || (byMakespan ? finishSum : makespan) > cutSecondary))
      ) {
        this.placements += j - k + 1;
        this.makespan = makespan;
        this.finishSum = finishSum;
        return false;
      }
    }
    this.placements += n - k;
    this.makespan = makespan;
    this.finishSum = finishSum;
    return true;
  }
}

/**
 * What `finish + tail` is compared with under a makespan cutoff. The bound is computed apart from the decode (other
 * sums in another order): a margin far above rounding keeps it from ruling out a candidate whose makespan only ties.
 */
function boundCutOf(cutPrimary: number): number {
  return cutPrimary * (1 + 1e-9);
}

/**
 * tail(t) = max over successors s of (cheapest cost of s + tail(s)): a lower bound on the time between t's finish
 * and the makespan of any schedule, since every successor chain still has to run, at best at its fastest and on
 * t's processor.
 */
export function successorTails(problem: ProblemArrays): Float64Array {
  const { taskCount: n, processorCount: m, cost, succOffsets, succTasks, topologicalOrder } = problem;
  const tail = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    let longest = 0;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      let cheapest = Infinity;
      for (let p = 0; p < m; p++) cheapest = Math.min(cheapest, cost[s * m + p]!);
      longest = Math.max(longest, cheapest + tail[s]!);
    }
    tail[t] = longest;
  }
  return tail;
}
