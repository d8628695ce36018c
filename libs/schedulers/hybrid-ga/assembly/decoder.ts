// The GA's decoder in WebAssembly (AssemblyScript): the loops of `Decoder.run` and `Decoder.tryFrom` over the
// layout `src/lib/wasm-decoder.ts` writes into linear memory. It computes exactly what the TypeScript decoder
// computes (same search, same floating-point expressions in the same order, the same rollback and replay of
// `RollbackTimelines`; wasm has no implicit fused multiply-add), which the specs check decode by decode.
//
// Why WebAssembly: on 1,000-task workflows V8's code for the TypeScript loop spends its time on typed-array
// bounds checks and on reading every interval's times through its task index; here the loads are unchecked,
// each timeline slot keeps its (start, finish) pair, moved with one 128-bit copy when a task drops into a gap,
// and the latest arrival is an integer select (see below). Measured side by side: about 2x the TypeScript
// decoder (libs/schedulers/hybrid-ga/BENCHMARKS.md).
//
// Build: `npm run build:ga-wasm` (libs/schedulers/hybrid-ga/assembly/build.mjs) regenerates
// src/lib/wasm/decoder-wasm.ts; a spec fails when that file is not what this source compiles to.

// The layout, read once per problem by `configure` from the header wasm-decoder.ts writes (`Layout` there).
let taskCount: i32 = 0;
let processorCount: i32 = 0;
let capacity: i32 = 0;
let byMakespan: bool = true; // the objective the cutoff compares: makespan, or the sum of finish times
let costAt: usize = 0; // f64[n * m]: cost of task t on processor p at t * m + p
let predOffsetsAt: usize = 0; // i32[n + 1]
let predTasksAt: usize = 0; // i32[e]
let predDataAt: usize = 0; // f64[e]
let linksAt: usize = 0; // f64[2 * m * m]: (latency, inverse bandwidth) of link q * m + p, side by side
let tailAt: usize = 0; // f64[n]: the cutoff's lower bound from a task's finish to the makespan
let orderAt: usize = 0; // i32[n]: V1 of the chromosome being decoded
let processorOfAt: usize = 0; // i32[n]: its V2
let positionAt: usize = 0; // i32[n]: position of task t in the order
let startAt: usize = 0; // f64[n]
let finishAt: usize = 0; // f64[n]
let slotTasksAt: usize = 0; // i32[m * capacity]: processor p's tasks in time order from p * capacity + 1
let slotTimesAt: usize = 0; // f64[2 * m * capacity]: (start, finish) of each slot, side by side
let lengthsAt: usize = 0; // i32[m]
let loadedPositionAt: usize = 0; // i32[n]: the loaded solution's positions (the base of tryFrom)
let loadedStartAt: usize = 0; // f64[n]: its start times
let loadedFinishAt: usize = 0; // f64[n]: its finish times
// f64 words: [cut primary, cut secondary, bound cut] set before a decode, [makespan, finish sum] after it.
let measuresAt: usize = 0;

/** Reads the layout: i32 words n, m, capacity, byMakespan, then the byte offsets in the order above. */
export function configure(header: usize): void {
  taskCount = load<i32>(header);
  processorCount = load<i32>(header, 4);
  capacity = load<i32>(header, 8);
  byMakespan = load<i32>(header, 12) !== 0;
  costAt = <usize>load<i32>(header, 16);
  predOffsetsAt = <usize>load<i32>(header, 20);
  predTasksAt = <usize>load<i32>(header, 24);
  predDataAt = <usize>load<i32>(header, 28);
  linksAt = <usize>load<i32>(header, 32);
  tailAt = <usize>load<i32>(header, 36);
  orderAt = <usize>load<i32>(header, 40);
  processorOfAt = <usize>load<i32>(header, 44);
  positionAt = <usize>load<i32>(header, 48);
  startAt = <usize>load<i32>(header, 52);
  finishAt = <usize>load<i32>(header, 56);
  slotTasksAt = <usize>load<i32>(header, 60);
  slotTimesAt = <usize>load<i32>(header, 64);
  lengthsAt = <usize>load<i32>(header, 68);
  loadedPositionAt = <usize>load<i32>(header, 72);
  loadedStartAt = <usize>load<i32>(header, 76);
  loadedFinishAt = <usize>load<i32>(header, 80);
  measuresAt = <usize>load<i32>(header, 84);
}

@inline function f64At(base: usize, i: i32): f64 { return load<f64>(base + (<usize>i << 3)); }
@inline function i32At(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function slotStart(slot: i32): f64 { return load<f64>(slotTimesAt + (<usize>slot << 4)); }
@inline function slotFinish(slot: i32): f64 { return load<f64>(slotTimesAt + (<usize>slot << 4), 8); }

/** Intervals searched backwards from the end before bisecting (as RollbackTimelines.LINEAR_STEPS). */
const LINEAR_STEPS: i32 = 16;

/**
 * Decodes the chromosome in `order`/`processorOf` from position 0. Returns n when complete, and -k when the cutoff
 * stopped it after placing k positions (the TypeScript decoder's `false`; k may be n when the last task did it).
 */
export function decode(): i32 {
  // Slot p * cap is a sentinel starting and finishing at -Infinity: the backward walks need no "list empty" test.
  const cap = capacity;
  for (let p = 0; p < processorCount; p++) {
    store<f64>(slotTimesAt + (<usize>(p * cap) << 4), -Infinity);
    store<f64>(slotTimesAt + (<usize>(p * cap) << 4), -Infinity, 8);
    store<i32>(slotTasksAt + (<usize>(p * cap) << 2), -1);
    store<i32>(lengthsAt + (<usize>p << 2), 0);
  }
  return run(0, 0, 0);
}

/**
 * `Decoder.tryFrom`: decodes the chromosome in `order`/`processorOf`, equal to the loaded solution in positions
 * 0..k-1, from k. The timelines hold the loaded solution's positions < keep (and whatever the last try placed
 * after them), and the working times and positions are the loaded solution's for those positions: roll the
 * timelines back to keep, replay positions keep..k-1 with the loaded times, then decode from k. Returns as `decode`.
 */
export function tryFrom(keep: i32, k: i32): i32 {
  rollback(keep);
  for (let j = keep; j < k; j++) replay(i32At(orderAt, j), j);
  let makespan: f64 = 0;
  let finishSum: f64 = 0;
  for (let j = 0; j < k; j++) {
    const f = f64At(finishAt, i32At(orderAt, j));
    makespan = select<f64>(f, makespan, f > makespan);
    finishSum += f;
  }
  return run(k, makespan, finishSum);
}

/** Makes the last complete decode the loaded solution: its positions and times become the base of `tryFrom`. */
export function loadDecoded(): void {
  memory.copy(loadedPositionAt, positionAt, <usize>taskCount << 2);
  memory.copy(loadedStartAt, startAt, <usize>taskCount << 3);
  memory.copy(loadedFinishAt, finishAt, <usize>taskCount << 3);
}

/** Removes from every processor the tasks at loaded positions >= keep, keeping the others in order. */
function rollback(keep: i32): void {
  const cap = capacity;
  for (let p = 0; p < processorCount; p++) {
    const base = p * cap + 1;
    const end = base + i32At(lengthsAt, p);
    let kept = base;
    while (kept < end && i32At(loadedPositionAt, i32At(slotTasksAt, kept)) < keep) kept++;
    for (let i = kept + 1; i < end; i++) {
      const t = i32At(slotTasksAt, i);
      if (i32At(loadedPositionAt, t) >= keep) continue;
      store<i32>(slotTasksAt + (<usize>kept << 2), t);
      v128.store(slotTimesAt + (<usize>kept << 4), v128.load(slotTimesAt + (<usize>i << 4)));
      kept++;
    }
    store<i32>(lengthsAt + (<usize>p << 2), kept - base);
  }
}

/**
 * Puts task t back at its loaded times and position j (`RollbackTimelines.place`): after the last slot that sorts
 * before or with (start, finish), searched back from the end (the sentinel stops the walk).
 */
function replay(t: i32, j: i32): void {
  const s = f64At(loadedStartAt, t);
  const f = f64At(loadedFinishAt, t);
  store<f64>(startAt + (<usize>t << 3), s);
  store<f64>(finishAt + (<usize>t << 3), f);
  store<i32>(positionAt + (<usize>t << 2), j);
  const p = i32At(processorOfAt, t);
  const length = i32At(lengthsAt, p);
  const base = p * capacity + 1;
  const end = base + length;
  let at = end;
  while (!(slotStart(at - 1) < s || (slotStart(at - 1) == s && slotFinish(at - 1) <= f))) at--;
  insert(at, end, t, s, f);
  store<i32>(lengthsAt + (<usize>p << 2), length + 1);
}

/** Shifts slots at..end-1 up by one and writes task t with its times at `at`. */
@inline function insert(at: i32, end: i32, t: i32, s: f64, f: f64): void {
  for (let i = end; i > at; i--) {
    store<i32>(slotTasksAt + (<usize>i << 2), i32At(slotTasksAt, i - 1));
    v128.store(slotTimesAt + (<usize>i << 4), v128.load(slotTimesAt + (<usize>(i - 1) << 4)));
  }
  store<i32>(slotTasksAt + (<usize>at << 2), t);
  store<f64>(slotTimesAt + (<usize>at << 4), s);
  store<f64>(slotTimesAt + (<usize>at << 4), f, 8);
}

/**
 * Places positions k..n-1 (`Decoder.run`), the measures of positions < k given. Stops once the cutoff rules the
 * schedule out: the running (primary, secondary) can only grow, and with the makespan a placed task's finish plus
 * its tail bounds the makespan of the rest.
 */
function run(k: i32, makespanBefore: f64, finishSumBefore: f64): i32 {
  const n = taskCount, m = processorCount, cap = capacity;
  const cost = costAt, predOffsets = predOffsetsAt, predTasks = predTasksAt, predData = predDataAt, links = linksAt, tail = tailAt;
  const order = orderAt, processorOf = processorOfAt, position = positionAt, start = startAt, finish = finishAt;
  const lengths = lengthsAt;
  const cutPrimary = load<f64>(measuresAt), cutSecondary = load<f64>(measuresAt, 8), boundCut = load<f64>(measuresAt, 16);
  let makespan = makespanBefore;
  let finishSum = finishSumBefore;
  for (let j = k; j < n; j++) {
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
    if (ready < slotFinish(end - 1)) {
      // lo = the first slot finishing after ready. Ready times are mostly recent: walk back from the end, unless
      // the slot LINEAR_STEPS back still finishes after ready (then bisect). The walk needs no bound of its own:
      // that slot, or the sentinel, stops it.
      let lo = end - 1;
      const far = end - 1 - LINEAR_STEPS;
      if (far > base && slotFinish(far) > ready) {
        let low = base;
        let high = far;
        while (low < high) {
          const mid = (low + high) >> 1;
          const later = slotFinish(mid) > ready;
          high = select<i32>(mid, high, later);
          low = select<i32>(low, mid + 1, later);
        }
        lo = low;
      } else {
        while (slotFinish(lo - 1) > ready) lo--;
      }
      // Finishes are sorted and those from lo on are after ready: the next candidate is the slot's finish. The fit
      // test is core's `start + duration <= end` (not `end - start >= duration`, which differs in the last bit).
      for (slot = lo; slot < end; slot++) {
        if (candidate + duration <= slotStart(slot)) break;
        candidate = slotFinish(slot);
      }
    }
    const done = candidate + duration;
    store<f64>(start + (<usize>t << 3), candidate);
    store<f64>(finish + (<usize>t << 3), done);
    insert(slot, end, t, candidate, done);
    store<i32>(lengths + (<usize>p << 2), length + 1);

    makespan = select<f64>(done, makespan, done > makespan);
    finishSum += done;
    const primary = byMakespan ? makespan : finishSum;
    if (
      (byMakespan && done + f64At(tail, t) > boundCut) ||
      (primary >= cutPrimary && (primary > cutPrimary || (byMakespan ? finishSum : makespan) > cutSecondary))
    ) {
      return finishAfter(makespan, finishSum, -(j + 1));
    }
  }
  return finishAfter(makespan, finishSum, n);
}

@inline function finishAfter(makespan: f64, finishSum: f64, result: i32): i32 {
  store<f64>(measuresAt, makespan, 24);
  store<f64>(measuresAt, finishSum, 32);
  return result;
}
