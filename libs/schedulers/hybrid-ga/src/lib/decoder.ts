import type { Individual } from './individual.js';
import { boundCutOf, type Objective, type Score } from './objective.js';
import type { ProblemArrays } from './operators.js';
import { RollbackTimelines } from './rollback-timelines.js';
import { WasmDecoder } from './wasm-decoder.js';

export interface DecoderOptions {
  /** False keeps every decode in TypeScript (the reference the specs compare the WebAssembly one with). */
  useWasm?: boolean;
  /** What a cutoff compares (default: the makespan). */
  objective?: Objective;
}

/**
 * The GA's decoder (§3.3): insertion-based list scheduling of V1's order with V2's processors — the schedule of
 * core's `scheduleWithAssignment`, bit for bit — built for millions of calls: typed arrays only, nothing allocated
 * per decode, one timeline structure reused, every decode in WebAssembly where it loads (`WasmDecoder`, the same
 * loops compiled from assembly/decoder.ts), and three ways to avoid work:
 *
 *  - `decodeFrom(child, k, parent)`: a child that equals its parent in positions 0..k-1 (same tasks, same
 *    processors) places them at the same times, so those are copied and replayed onto the timelines without any
 *    search, and decoding starts at k. One-point crossover and single-task moves change a suffix only. (With the
 *    WebAssembly decoder a full decode is faster than the replay, and decodeFrom does that.)
 *  - `tryFrom(trial, k, cutoff)`: the local search's variant; the timelines hold the loaded (current) solution,
 *    and rolling them back to position k is a filter, not a replay.
 *  - a cutoff: finish times only accumulate, so once the running makespan (or finish-time sum) passes the
 *    cutoff the candidate is known to be worse and decoding stops.
 */
export class Decoder {
  readonly objective: Objective;
  private readonly lines: RollbackTimelines;
  /** Every decode runs here when WebAssembly is available (null: the TypeScript loop does them). */
  private readonly wasm: WasmDecoder | null;
  /** The individual whose times go with the WebAssembly decoder's lists, when `lines` has not been given them. */
  private unsynced: Individual | null = null;
  /** The individual the last decode completed: the timelines hold it in full (null after a stopped decode). */
  private complete: Individual | null = null;
  /** The base of `tryFrom`: positions 0..validUpTo-1 of it, and nothing else, are on the timelines. */
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

  constructor(
    readonly problem: ProblemArrays,
    { useWasm = true, objective = 'makespan' }: DecoderOptions = {},
  ) {
    this.objective = objective;
    this.lines = new RollbackTimelines(problem.processorCount, Math.ceil((2 * problem.taskCount) / problem.processorCount));
    this.tail = successorTails(problem);
    this.wasm = useWasm ? WasmDecoder.create(problem, objective) : null;
  }

  /** True when decodes run in WebAssembly. */
  get usesWasm(): boolean {
    return this.wasm !== null;
  }

  /**
   * The processors' task lists of the last decode. Read by the local search right after a complete decode, when
   * they hold that schedule in full. After a WebAssembly decode they are copied over on first read: most decodes
   * (children, rejected candidates) are never looked at this way.
   */
  get timelines(): RollbackTimelines {
    const decoded = this.unsynced;
    if (decoded !== null) {
      this.unsynced = null;
      this.lines.use(decoded.start, decoded.finish);
      this.wasm!.copyTimelinesTo(this.lines);
    }
    return this.lines;
  }

  /** Decodes the whole chromosome into `into.start`/`into.finish` and fills `into.position`. */
  decode(into: Individual, cutoff: Score | null = null): boolean {
    this.loaded = null;
    const wasm = this.wasm;
    if (wasm !== null) {
      wasm.setCutoff(cutoff, this.tail);
      return this.afterWasm(into, 0, wasm.decode(into));
    }
    this.lines.clear();
    this.lines.use(into.start, into.finish);
    return this.run(into, 0, cutoff);
  }

  /**
   * Decodes `child`, which equals `parent` (fully decoded) in positions 0..k-1 — same tasks with the same
   * processors (see `firstDifference`). The caller guarantees it; positions before k are not checked.
   */
  decodeFrom(child: Individual, k: number, parent: Individual, cutoff: Score | null = null): boolean {
    // Replaying the prefix here costs about what decoding it in WebAssembly does (BENCHMARKS.md): where that
    // decoder runs, decode the child in full there.
    if (this.wasm !== null) return this.decode(child, cutoff);
    this.loaded = null;
    const timelines = this.lines;
    timelines.clear();
    if (child !== parent) {
      child.start.set(parent.start);
      child.finish.set(parent.finish);
    }
    timelines.use(child.start, child.finish);
    const { order, processorOf } = child;
    for (let j = 0; j < k; j++) timelines.place(processorOf[order[j]!]!, order[j]!);
    return this.run(child, k, cutoff);
  }

  /**
   * Makes `current` (decoded) the base of `tryFrom`. When it is the individual the last decode completed, the
   * timelines already hold it; otherwise they are rebuilt from its times on the next try. Call after every
   * accepted move with the new current solution.
   */
  load(current: Individual): void {
    const onTimelines = this.complete === current;
    if (this.wasm !== null) {
      if (onTimelines) this.wasm.loadDecoded();
      else this.wasm.loadFrom(current);
    } else if (!onTimelines) {
      this.lines.clear();
    }
    this.validUpTo = onTimelines ? current.order.length : 0;
    this.loaded = current;
  }

  /**
   * Decodes `trial`, which equals the loaded solution in positions 0..k-1, into `trial.start`/`trial.finish`
   * (which must hold the loaded solution's times for those positions, and `trial.position` its positions: copy
   * them). When the trial completes, the timelines hold it, and `load(trial)` makes it the base for the next tries.
   */
  tryFrom(trial: Individual, k: number, cutoff: Score | null): boolean {
    const current = this.loaded;
    if (current === null) throw new Error('Decoder.tryFrom before load()');
    // The timelines hold the current solution's positions < validUpTo plus whatever the last try placed at
    // positions >= validUpTo. Keep the common prefix, then replay the current solution up to k.
    const keep = Math.min(k, this.validUpTo);
    this.validUpTo = k;
    if (this.wasm !== null) {
      this.wasm.setCutoff(cutoff, this.tail);
      return this.afterWasm(trial, k, this.wasm.tryFrom(trial, keep, k));
    }
    // The trial holds the current solution's times for positions < k, so the timelines can read them there.
    const timelines = this.lines;
    timelines.use(trial.start, trial.finish);
    timelines.rollback(current.position, keep);
    const { order, processorOf } = current;
    for (let j = keep; j < k; j++) timelines.place(processorOf[order[j]!]!, order[j]!);
    return this.run(trial, k, cutoff);
  }

  /** Counts and measures of a WebAssembly decode from position k that returned `result`; true when complete. */
  private afterWasm(into: Individual, k: number, result: number): boolean {
    const wasm = this.wasm!;
    this.decodes++;
    this.placements += Math.abs(result) - k;
    this.makespan = wasm.makespan;
    this.finishSum = wasm.finishSum;
    this.unsynced = into;
    const done = result === this.problem.taskCount;
    this.complete = done ? into : null;
    return done;
  }

  /**
   * Places positions k..n-1 of `into`, whose positions before k are on the timelines with their times. Returns
   * false when it stopped early: the running (primary, secondary) can only grow, so once it is worse than
   * `cutoff` the finished schedule would be too.
   */
  private run(into: Individual, k: number, cutoff: Score | null): boolean {
    const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { order, processorOf, position, finish } = into;
    const timelines = this.lines;
    const tail = this.tail;
    const byMakespan = this.objective === 'makespan';
    const cutPrimary = cutoff === null ? Infinity : cutoff.primary;
    const cutSecondary = cutoff === null ? Infinity : cutoff.secondary;
    const boundCut = boundCutOf(cutPrimary);
    this.decodes++;
    let makespan = 0;
    let finishSum = 0;
    for (let j = 0; j < k; j++) {
      const f = finish[order[j]!]!;
      position[order[j]!] = j;
      if (f > makespan) makespan = f;
      finishSum += f;
    }
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
        this.makespan = makespan;
        this.finishSum = finishSum;
        return this.afterRun(into, j - k + 1, false);
      }
    }
    this.makespan = makespan;
    this.finishSum = finishSum;
    return this.afterRun(into, n - k, true);
  }

  /** Counts a TypeScript decode that placed `placed` positions; returns `complete`. */
  private afterRun(into: Individual, placed: number, complete: boolean): boolean {
    this.placements += placed;
    this.complete = complete ? into : null;
    return complete;
  }
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
