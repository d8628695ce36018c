// The GA's full decode in WebAssembly (AssemblyScript): the loop of `Decoder.run` from position 0 over the
// layout `src/lib/wasm-decoder.ts` writes into linear memory. It computes exactly what the TypeScript decoder
// computes (same search, same floating-point expressions in the same order; wasm has no implicit fused
// multiply-add), which the specs check decode by decode.
//
// Why WebAssembly: on 1,000-task workflows V8's code for the TypeScript loop spends its time on typed-array
// bounds checks and on reading every interval's times through its task index; here the loads are unchecked,
// each timeline slot keeps its (start, finish) pair, moved with one 128-bit copy when a task drops into a gap,
// and the latest arrival is an integer select (see below). Measured side by side: about 2x the TypeScript
// decoder (libs/schedulers/hybrid-ga/BENCHMARKS.md).
//
// Build: `npm run build:ga-wasm` (tools/scripts/build-ga-wasm.mjs) regenerates src/lib/wasm/decoder-wasm.ts;
// a spec fails when that file is not what this source compiles to.

// Byte offsets of the arrays (set once per problem by `configure`; see wasm-decoder.ts for the layout).
let taskCount: i32 = 0;
let processorCount: i32 = 0;
let capacity: i32 = 0;
let costAt: usize = 0; // f64[n * m]: cost of task t on processor p at t * m + p
let predOffsetsAt: usize = 0; // i32[n + 1]
let predTasksAt: usize = 0; // i32[e]
let predDataAt: usize = 0; // f64[e]
let linksAt: usize = 0; // f64[2 * m * m]: (latency, inverse bandwidth) of link q * m + p, side by side
let tailAt: usize = 0; // f64[n]: the cutoff's lower bound from a task's finish to the makespan
let orderAt: usize = 0; // i32[n]: V1
let processorOfAt: usize = 0; // i32[n]: V2
let positionAt: usize = 0; // i32[n]: position of task t in the order
let startAt: usize = 0; // f64[n]
let finishAt: usize = 0; // f64[n]
let slotTasksAt: usize = 0; // i32[m * capacity]: processor p's tasks in time order from p * capacity + 1
let slotTimesAt: usize = 0; // f64[2 * m * capacity]: (start, finish) of each slot, side by side
let lengthsAt: usize = 0; // i32[m]

// Results of the last decode.
let lastMakespan: f64 = 0;
let lastFinishSum: f64 = 0;

export function configure(
  n: i32, m: i32, cap: i32,
  cost: usize, predOffsets: usize, predTasks: usize, predData: usize, links: usize, tail: usize,
  order: usize, processorOf: usize, position: usize, start: usize, finish: usize, slotTasks: usize, slotTimes: usize, lengths: usize,
): void {
  taskCount = n; processorCount = m; capacity = cap;
  costAt = cost; predOffsetsAt = predOffsets; predTasksAt = predTasks; predDataAt = predData; linksAt = links; tailAt = tail;
  orderAt = order; processorOfAt = processorOf; positionAt = position; startAt = start; finishAt = finish;
  slotTasksAt = slotTasks; slotTimesAt = slotTimes; lengthsAt = lengths;
}

export function makespan(): f64 { return lastMakespan; }
export function finishSum(): f64 { return lastFinishSum; }

@inline function f64At(base: usize, i: i32): f64 { return load<f64>(base + (<usize>i << 3)); }
@inline function i32At(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function slotStart(times: usize, slot: i32): f64 { return load<f64>(times + (<usize>slot << 4)); }
@inline function slotFinish(times: usize, slot: i32): f64 { return load<f64>(times + (<usize>slot << 4), 8); }

/** Intervals searched backwards from the end before bisecting (as RollbackTimelines.LINEAR_STEPS). */
const LINEAR_STEPS: i32 = 16;

/**
 * Decodes the chromosome in `order`/`processorOf` from position 0. Returns n when complete, and -k when the cutoff
 * stopped it after placing k positions (the TypeScript decoder's `false`; k may be n when the last task did it). `byMakespan` is the objective
 * (1: makespan, 0: average turnaround); `boundCut` is the cutoff's primary times (1 + 1e-9), as in Decoder.run.
 */
export function decode(byMakespan: i32, cutPrimary: f64, cutSecondary: f64, boundCut: f64): i32 {
  const n = taskCount, m = processorCount, cap = capacity;
  const cost = costAt, predOffsets = predOffsetsAt, predTasks = predTasksAt, predData = predDataAt, links = linksAt, tail = tailAt;
  const order = orderAt, processorOf = processorOfAt, position = positionAt, start = startAt, finish = finishAt;
  const slotTasks = slotTasksAt, slotTimes = slotTimesAt, lengths = lengthsAt;
  // Slot p * cap is a sentinel finishing at -Infinity: the backward walk needs no "list empty" test.
  for (let p = 0; p < m; p++) {
    store<f64>(slotTimes + (<usize>(p * cap) << 4), -Infinity);
    store<f64>(slotTimes + (<usize>(p * cap) << 4), -Infinity, 8);
    store<i32>(slotTasks + (<usize>(p * cap) << 2), -1);
    store<i32>(lengths + (<usize>p << 2), 0);
  }
  let makespan: f64 = 0;
  let finishSum: f64 = 0;
  for (let j = 0; j < n; j++) {
    const t = i32At(order, j);
    const p = i32At(processorOf, t);
    store<i32>(position + (<usize>t << 2), j);
    // The latest arrival, compared as integers: the bits of non-negative doubles order as their values, and an
    // integer select compiles to a conditional move where a floating-point one compiles to a branch (which the
    // processor cannot predict here).
    let readyBits: i64 = 0;
    for (let i = i32At(predOffsets, t), end = i32At(predOffsets, t + 1); i < end; i++) {
      const q = i32At(predTasks, i);
      const link = <usize>(i32At(processorOf, q) * m + p) << 4;
      const arrival = reinterpret<i64>(f64At(finish, q) + load<f64>(links + link) + f64At(predData, i) * load<f64>(links + link, 8));
      readyBits = select<i64>(arrival, readyBits, arrival > readyBits);
    }
    const ready = reinterpret<f64>(readyBits);
    const duration = f64At(cost, t * m + p);

    // Earliest start >= ready where `duration` fits (RollbackTimelines.placeEarliest).
    const length = i32At(lengths, p);
    const base = p * cap + 1;
    const end = base + length;
    let candidate = ready;
    let slot = end;
    if (ready < slotFinish(slotTimes, end - 1)) {
      // lo = the first slot finishing after ready. Ready times are mostly recent: walk back from the end, unless
      // the slot LINEAR_STEPS back still finishes after ready (then bisect). The walk needs no bound of its own:
      // that slot, or the sentinel, stops it.
      let lo = end - 1;
      const far = end - 1 - LINEAR_STEPS;
      if (far > base && slotFinish(slotTimes, far) > ready) {
        let low = base;
        let high = far;
        while (low < high) {
          const mid = (low + high) >> 1;
          const later = slotFinish(slotTimes, mid) > ready;
          high = select<i32>(mid, high, later);
          low = select<i32>(low, mid + 1, later);
        }
        lo = low;
      } else {
        while (slotFinish(slotTimes, lo - 1) > ready) lo--;
      }
      // Finishes are sorted and those from lo on are after ready: the next candidate is the slot's finish.
      for (slot = lo; slot < end; slot++) {
        if (slotStart(slotTimes, slot) - candidate >= duration) break;
        candidate = slotFinish(slotTimes, slot);
      }
    }
    const done = candidate + duration;
    store<f64>(start + (<usize>t << 3), candidate);
    store<f64>(finish + (<usize>t << 3), done);
    for (let i = end; i > slot; i--) {
      store<i32>(slotTasks + (<usize>i << 2), i32At(slotTasks, i - 1));
      v128.store(slotTimes + (<usize>i << 4), v128.load(slotTimes + (<usize>(i - 1) << 4)));
    }
    store<i32>(slotTasks + (<usize>slot << 2), t);
    store<f64>(slotTimes + (<usize>slot << 4), candidate);
    store<f64>(slotTimes + (<usize>slot << 4), done, 8);
    store<i32>(lengths + (<usize>p << 2), length + 1);

    makespan = select<f64>(done, makespan, done > makespan);
    finishSum += done;
    const primary = byMakespan ? makespan : finishSum;
    if (
      (byMakespan && done + f64At(tail, t) > boundCut) ||
      (primary >= cutPrimary && (primary > cutPrimary || (byMakespan ? finishSum : makespan) > cutSecondary))
    ) {
      lastMakespan = makespan;
      lastFinishSum = finishSum;
      return -(j + 1);
    }
  }
  lastMakespan = makespan;
  lastFinishSum = finishSum;
  return n;
}
