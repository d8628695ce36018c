import type { Individual } from './individual.js';
import { boundCutOf, type Objective, type Score } from './objective.js';
import type { ProblemArrays } from './operators.js';
import type { RollbackTimelines } from './rollback-timelines.js';
import { DECODER_WASM_BASE64 } from './wasm/decoder-wasm.js';

/**
 * The part of the WebAssembly JavaScript API used here. Declared locally: the workspace compiles against ES2023
 * and Node's types, neither of which declares the `WebAssembly` global that every Node version has.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** The exports of assembly/decoder.ts. */
interface DecoderExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  configure(header: number): void;
  decode(): number;
  tryFrom(keep: number, k: number): number;
  loadDecoded(): void;
}

/**
 * Above this much linear memory (the timeline slots take 20 bytes per task per processor, sized for the worst
 * case of every task on one processor) the TypeScript decoder does the work instead: problems that large spend
 * their time elsewhere, and a GA run holds one decoder per thread.
 */
const MAX_MEMORY_BYTES = 64 * 2 ** 20;
const PAGE_BYTES = 65536;

const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled module, once per thread; null where WebAssembly (or its SIMD) is unavailable. */
function decoderModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new webAssembly!.Module(Uint8Array.from(atob(DECODER_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The decodes of `Decoder` in WebAssembly: full decodes and the local search's rolled-back candidates
 * (`tryFrom`), the same schedules as the TypeScript loop bit for bit, about twice as fast on 1,000-task workflows
 * (BENCHMARKS.md). The problem's arrays are copied into the instance's memory once; a decode copies the chromosome
 * in and the times out. The instance keeps the timelines and the loaded solution between calls: `Decoder` says
 * which positions of them are still valid (its `validUpTo`), as it does for `RollbackTimelines`.
 */
export class WasmDecoder {
  private readonly order: Int32Array;
  private readonly processorOf: Int32Array;
  private readonly position: Int32Array;
  private readonly start: Float64Array;
  private readonly finish: Float64Array;
  private readonly tail: Float64Array;
  private readonly slotTasks: Int32Array;
  private readonly lengths: Int32Array;
  private readonly loadedPosition: Int32Array;
  private readonly loadedStart: Float64Array;
  private readonly loadedFinish: Float64Array;
  /** [cut primary, cut secondary, bound cut] in, [makespan, finish sum] out. */
  private readonly measures: Float64Array;
  private readonly capacity: number;
  private readonly byMakespan: boolean;

  /**
   * A decoder for the problem whose cutoffs compare `objective`, or null when WebAssembly is unavailable or the
   * problem is over the memory cap.
   */
  static create(problem: ProblemArrays, objective: Objective): WasmDecoder | null {
    const module = decoderModule();
    if (module === null) return null;
    const layout = new Layout(problem);
    if (layout.bytes > MAX_MEMORY_BYTES) return null;
    const exports = new webAssembly!.Instance(module, {}).exports as DecoderExports;
    const pages = Math.ceil(layout.bytes / PAGE_BYTES) - exports.memory.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) exports.memory.grow(pages);
    return new WasmDecoder(problem, exports, layout, objective === 'makespan');
  }

  private constructor(
    private readonly problem: ProblemArrays,
    private readonly exports: DecoderExports,
    layout: Layout,
    byMakespan: boolean,
  ) {
    const { taskCount: n, processorCount: m } = problem;
    const buffer = exports.memory.buffer;
    this.capacity = layout.capacity;
    this.byMakespan = byMakespan;
    layout.writeProblem(buffer, problem);
    layout.writeHeader(buffer, byMakespan);
    const ints = (at: number, length: number) => new Int32Array(buffer, at, length);
    const floats = (at: number, length: number) => new Float64Array(buffer, at, length);
    this.tail = floats(layout.tail, n);
    this.order = ints(layout.order, n);
    this.processorOf = ints(layout.processorOf, n);
    this.position = ints(layout.position, n);
    this.start = floats(layout.start, n);
    this.finish = floats(layout.finish, n);
    this.slotTasks = ints(layout.slotTasks, m * layout.capacity);
    this.lengths = ints(layout.lengths, m);
    this.loadedPosition = ints(layout.loadedPosition, n);
    this.loadedStart = floats(layout.loadedStart, n);
    this.loadedFinish = floats(layout.loadedFinish, n);
    this.measures = floats(layout.measures, MEASURE_WORDS);
    exports.configure(Layout.HEADER);
  }

  /**
   * The cutoff of the decodes that follow (`Decoder.run`'s rule): stop once worse than `cutoff` (null: never), or,
   * with the makespan, once a placed task's finish plus its `tail` passes it (`tail` is read only then).
   */
  setCutoff(cutoff: Score | null, tail: Float64Array): void {
    const primary = cutoff?.primary ?? Infinity;
    this.measures[0] = primary;
    this.measures[1] = cutoff?.secondary ?? Infinity;
    this.measures[2] = boundCutOf(primary);
    if (this.byMakespan && primary !== Infinity) this.tail.set(tail);
  }

  /**
   * Decodes `into` from position 0. Writes the placed tasks' times and positions into `into`; returns how many
   * positions it placed, negated when the cutoff stopped it (which can happen at the last task).
   */
  decode(into: Individual): number {
    this.order.set(into.order);
    this.processorOf.set(into.processorOf);
    const result = this.exports.decode();
    const placed = Math.abs(result);
    if (placed === this.problem.taskCount) {
      into.position.set(this.position);
      into.start.set(this.start);
      into.finish.set(this.finish);
    } else {
      this.copyOut(into, 0, placed);
    }
    return result;
  }

  /**
   * `Decoder.tryFrom` here: `trial` equals the loaded solution in positions 0..k-1; the timelines and working
   * times hold the loaded solution's positions < keep. Writes the times and positions of the positions it placed
   * from k on into `trial`; returns as `decode`.
   */
  tryFrom(trial: Individual, keep: number, k: number): number {
    this.order.set(trial.order);
    this.processorOf.set(trial.processorOf);
    const result = this.exports.tryFrom(keep, k);
    this.copyOut(trial, k, Math.abs(result));
    return result;
  }

  /** The last decode, complete, becomes the loaded solution (the base of `tryFrom`). */
  loadDecoded(): void {
    this.exports.loadDecoded();
  }

  /** `individual` (decoded) becomes the loaded solution; `tryFrom` must then start with keep = 0. */
  loadFrom(individual: Individual): void {
    this.loadedPosition.set(individual.position);
    this.loadedStart.set(individual.start);
    this.loadedFinish.set(individual.finish);
  }

  get makespan(): number {
    return this.measures[3]!;
  }

  get finishSum(): number {
    return this.measures[4]!;
  }

  /** Gives the timelines the processor lists of the last decode (complete, or the prefix it placed). */
  copyTimelinesTo(timelines: RollbackTimelines): void {
    const { slotTasks, lengths, capacity } = this;
    for (let p = 0; p < this.problem.processorCount; p++) {
      const first = p * capacity + 1;
      timelines.assign(p, slotTasks, first, first + lengths[p]!);
    }
  }

  private copyOut(into: Individual, from: number, to: number): void {
    const { order, position, start, finish } = into;
    for (let j = from; j < to; j++) {
      const t = order[j]!;
      position[t] = j;
      start[t] = this.start[t]!;
      finish[t] = this.finish[t]!;
    }
  }
}

/** The f64 words at `Layout.measures`. */
const MEASURE_WORDS = 5;

/**
 * Byte offsets of every array in the instance's memory, 16-byte aligned (slot times move as 128-bit values), and
 * the header `configure` reads them from (assembly/decoder.ts lists the words in the same order).
 */
class Layout {
  /** Where the header lies: past address 0, before the arrays; the stub runtime has no data segment. */
  static readonly HEADER = 16;
  readonly taskCount: number;
  readonly processorCount: number;
  /** Slots per processor: a sentinel, then room for every task. */
  readonly capacity: number;
  readonly cost: number;
  readonly predOffsets: number;
  readonly predTasks: number;
  readonly predData: number;
  readonly links: number;
  readonly tail: number;
  readonly order: number;
  readonly processorOf: number;
  readonly position: number;
  readonly start: number;
  readonly finish: number;
  readonly slotTasks: number;
  readonly slotTimes: number;
  readonly lengths: number;
  readonly loadedPosition: number;
  readonly loadedStart: number;
  readonly loadedFinish: number;
  readonly measures: number;
  readonly bytes: number;

  constructor({ taskCount: n, processorCount: m, predTasks }: ProblemArrays) {
    const e = predTasks.length;
    this.taskCount = n;
    this.processorCount = m;
    this.capacity = n + 1;
    let next = FIRST_ARRAY_BYTE;
    const take = (bytes: number): number => {
      const at = next;
      next += Math.ceil(bytes / 16) * 16;
      return at;
    };
    this.cost = take(8 * n * m);
    this.predOffsets = take(4 * (n + 1));
    this.predTasks = take(4 * e);
    this.predData = take(8 * e);
    this.links = take(16 * m * m);
    this.tail = take(8 * n);
    this.order = take(4 * n);
    this.processorOf = take(4 * n);
    this.position = take(4 * n);
    this.start = take(8 * n);
    this.finish = take(8 * n);
    this.slotTasks = take(4 * m * this.capacity);
    this.slotTimes = take(16 * m * this.capacity);
    this.lengths = take(4 * m);
    this.loadedPosition = take(4 * n);
    this.loadedStart = take(8 * n);
    this.loadedFinish = take(8 * n);
    this.measures = take(8 * MEASURE_WORDS);
    this.bytes = next;
  }

  /** The problem's arrays; links as (latency, inverse bandwidth) pairs, read together for each transfer. */
  writeProblem(buffer: ArrayBuffer, problem: ProblemArrays): void {
    const { taskCount: n, processorCount: m, predTasks, latency, inverseBandwidth } = problem;
    const e = predTasks.length;
    new Float64Array(buffer, this.cost, n * m).set(problem.cost);
    new Int32Array(buffer, this.predOffsets, n + 1).set(problem.predOffsets);
    new Int32Array(buffer, this.predTasks, e).set(predTasks);
    new Float64Array(buffer, this.predData, e).set(problem.predData);
    const links = new Float64Array(buffer, this.links, 2 * m * m);
    for (let link = 0; link < m * m; link++) {
      links[2 * link] = latency[link]!;
      links[2 * link + 1] = inverseBandwidth[link]!;
    }
  }

  /** n, m, capacity, the objective, then every offset, as `configure` reads them. */
  writeHeader(buffer: ArrayBuffer, byMakespan: boolean): void {
    const words = [this.taskCount, this.processorCount, this.capacity, byMakespan ? 1 : 0, this.cost, this.predOffsets, this.predTasks, this.predData, this.links];
    words.push(this.tail, this.order, this.processorOf, this.position, this.start, this.finish, this.slotTasks, this.slotTimes, this.lengths);
    words.push(this.loadedPosition, this.loadedStart, this.loadedFinish, this.measures);
    new Int32Array(buffer, Layout.HEADER, words.length).set(words);
  }

}

/** The arrays start past the header (22 words from byte 16), at a round address. */
const FIRST_ARRAY_BYTE = 1024;
