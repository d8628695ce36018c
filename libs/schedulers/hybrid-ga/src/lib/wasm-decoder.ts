import type { Individual } from './decoder.js';
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
  configure(
    n: number, m: number, capacity: number,
    cost: number, predOffsets: number, predTasks: number, predData: number, links: number, tail: number,
    order: number, processorOf: number, position: number, start: number, finish: number, slotTasks: number, slotTimes: number, lengths: number,
  ): void;
  decode(byMakespan: number, cutPrimary: number, cutSecondary: number, boundCut: number): number;
  makespan(): number;
  finishSum(): number;
}

/**
 * Above this much linear memory (the timeline slots take 20 bytes per task per processor, sized for the worst
 * case of every task on one processor) the TypeScript decoder does the work instead: problems that large spend
 * their time elsewhere, and a GA run holds one decoder per thread.
 */
const MAX_MEMORY_BYTES = 64 * 2 ** 20;

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
 * The GA's full decode (`Decoder.decode`) in WebAssembly: the same schedule as the TypeScript loop, bit for bit,
 * about twice as fast on 1,000-task workflows (BENCHMARKS.md). The problem's arrays are copied into the instance's
 * memory once; a decode copies the chromosome in and the times out. Incremental and rolled-back decodes stay in
 * TypeScript, on `RollbackTimelines`: after a complete decode here `copyTimelinesTo` hands them its lists.
 */
export class WasmFullDecoder {
  private readonly order: Int32Array;
  private readonly processorOf: Int32Array;
  private readonly position: Int32Array;
  private readonly start: Float64Array;
  private readonly finish: Float64Array;
  private readonly tail: Float64Array;
  private readonly slotTasks: Int32Array;
  private readonly lengths: Int32Array;
  private readonly capacity: number;

  /** A decoder for the problem, or null when WebAssembly is unavailable or the problem is over the memory cap. */
  static create(problem: ProblemArrays): WasmFullDecoder | null {
    const module = decoderModule();
    if (module === null) return null;
    const layout = new Layout(problem);
    if (layout.bytes > MAX_MEMORY_BYTES) return null;
    const exports = new webAssembly!.Instance(module, {}).exports as DecoderExports;
    const pages = Math.ceil(layout.bytes / 65536) - exports.memory.buffer.byteLength / 65536;
    if (pages > 0) exports.memory.grow(pages);
    return new WasmFullDecoder(problem, exports, layout);
  }

  private constructor(
    private readonly problem: ProblemArrays,
    private readonly exports: DecoderExports,
    layout: Layout,
  ) {
    const { taskCount: n, processorCount: m, predTasks, latency, inverseBandwidth } = problem;
    const buffer = exports.memory.buffer;
    const e = predTasks.length;
    this.capacity = layout.capacity;
    new Float64Array(buffer, layout.cost, n * m).set(problem.cost);
    new Int32Array(buffer, layout.predOffsets, n + 1).set(problem.predOffsets);
    new Int32Array(buffer, layout.predTasks, e).set(predTasks);
    new Float64Array(buffer, layout.predData, e).set(problem.predData);
    const links = new Float64Array(buffer, layout.links, 2 * m * m);
    for (let link = 0; link < m * m; link++) {
      links[2 * link] = latency[link]!;
      links[2 * link + 1] = inverseBandwidth[link]!;
    }
    this.tail = new Float64Array(buffer, layout.tail, n);
    this.order = new Int32Array(buffer, layout.order, n);
    this.processorOf = new Int32Array(buffer, layout.processorOf, n);
    this.position = new Int32Array(buffer, layout.position, n);
    this.start = new Float64Array(buffer, layout.start, n);
    this.finish = new Float64Array(buffer, layout.finish, n);
    this.slotTasks = new Int32Array(buffer, layout.slotTasks, m * layout.capacity);
    this.lengths = new Int32Array(buffer, layout.lengths, m);
    exports.configure(
      n, m, layout.capacity,
      layout.cost, layout.predOffsets, layout.predTasks, layout.predData, layout.links, layout.tail,
      layout.order, layout.processorOf, layout.position, layout.start, layout.finish, layout.slotTasks, layout.slotTimes, layout.lengths,
    );
  }

  /**
   * Decodes `into` from position 0 with `Decoder.run`'s cutoff rule (`boundCut` and `tail` as there; `tail` is
   * read only when a makespan cutoff is set). Writes the placed tasks' times and positions into `into`; returns how
   * many positions it placed, negated when the cutoff stopped it (which can happen at the last task).
   */
  decode(into: Individual, byMakespan: boolean, cutPrimary: number, cutSecondary: number, boundCut: number, tail: Float64Array): number {
    const n = this.problem.taskCount;
    this.order.set(into.order);
    this.processorOf.set(into.processorOf);
    if (byMakespan && boundCut !== Infinity) this.tail.set(tail);
    const result = this.exports.decode(byMakespan ? 1 : 0, cutPrimary, cutSecondary, boundCut);
    const placed = Math.abs(result);
    const { order, position, start, finish } = into;
    if (placed === n) {
      position.set(this.position);
      start.set(this.start);
      finish.set(this.finish);
    } else {
      for (let j = 0; j < placed; j++) {
        const t = order[j]!;
        position[t] = j;
        start[t] = this.start[t]!;
        finish[t] = this.finish[t]!;
      }
    }
    return result;
  }

  get makespan(): number {
    return this.exports.makespan();
  }

  get finishSum(): number {
    return this.exports.finishSum();
  }

  /** Gives the timelines the processor lists of the last decode (complete, or the prefix it placed). */
  copyTimelinesTo(timelines: RollbackTimelines): void {
    const { slotTasks, lengths, capacity } = this;
    for (let p = 0; p < this.problem.processorCount; p++) {
      const first = p * capacity + 1;
      timelines.assign(p, slotTasks, first, first + lengths[p]!);
    }
  }
}

/** Byte offsets of every array in the instance's memory, 16-byte aligned (slot times move as 128-bit values). */
class Layout {
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
  readonly bytes: number;

  constructor({ taskCount: n, processorCount: m, predTasks }: ProblemArrays) {
    const e = predTasks.length;
    this.capacity = n + 1;
    // Past the AssemblyScript data segment (the stub runtime has none, and its globals are wasm globals).
    let next = 1024;
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
    this.bytes = next;
  }
}
