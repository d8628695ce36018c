// The hybrid GA's decoder speed: decodes per second of CPU time on one core, TypeScript against WebAssembly for
// each kind of decode the GA runs, measured in alternation (same process, same inputs) so that a load change on a
// shared machine hits both columns alike. Used by `node tools/bench/ga-bench.mjs speed`.
import { emptySchedule, makespanOf, ProcessorTimelines, Random, scheduleWithAssignment } from '@hetsched/core';
import { createIndividual, Decoder, randomRankSolution } from '@hetsched/scheduler-hybrid-ga';
import { fmt, mean, randomCase, row } from './ga-common.mjs';

/** Distinct chromosomes decoded in turn: the branch predictor cannot learn one decode (see BENCHMARKS.md). */
const POOL = 32;
/** Alternating measurement rounds per pair of decoders; the median of each side is reported. */
const ROUNDS = 5;
/** CPU seconds per measurement round. */
const ROUND_SECONDS = 0.4;

export async function speedSuite() {
  console.log('\n## Decoder speed (one core, CPU time; TypeScript | WebAssembly, median of 5 alternating rounds)\n');
  console.log('| tasks | CCR | core scheduleWithAssignment /s | full decode /s | local-search candidate (tryFrom + cutoff) /s | incremental child, TypeScript replay /s (mean first change) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const tasks of [100, 1000]) {
    for (const ccr of [1, 5]) {
      const { problem } = randomCase({ tasks, ccr, seed: 1 });
      const bench = new DecodeBench(problem);
      const [full, tries] = [bench.fullDecodes(), bench.candidates()];
      const { perSecond: incremental, meanCut } = bench.incrementalChildren();
      console.log(row([tasks, ccr, fmt(bench.core()), pair(full), pair(tries), `${fmt(incremental)} (${Math.round(meanCut)})`]));
    }
  }
}

const pair = ([typescript, wasm]) => `${fmt(typescript)} \\| ${fmt(wasm)} (${(wasm / typescript).toFixed(1)}x)`;

/** One problem's chromosomes and the two decoders. */
class DecodeBench {
  constructor(problem) {
    this.problem = problem;
    this.random = new Random(1);
    this.pool = Array.from({ length: POOL }, () => {
      const individual = createIndividual(problem.taskCount);
      randomRankSolution(problem, this.random, individual);
      return individual;
    });
    this.wasm = new Decoder(problem);
    if (!this.wasm.usesWasm) console.log('!! the WebAssembly decoder did not load: both columns are TypeScript');
    this.typescript = new Decoder(problem, { useWasm: false });
    for (const individual of this.pool) this.wasm.decode(individual);
  }

  /** Core's insertion decoder with a reused `ProcessorTimelines`: the baseline. */
  core() {
    const { problem, pool } = this;
    const timelines = new ProcessorTimelines(problem.processorCount, Math.ceil((2 * problem.taskCount) / problem.processorCount));
    const into = emptySchedule(problem.taskCount);
    return perSecond(() => {
      for (const individual of pool) scheduleWithAssignment(problem, individual.order, individual.processorOf, timelines, into);
      return pool.length;
    });
  }

  fullDecodes() {
    return alternate([this.typescript, this.wasm], (decoder) => {
      for (const individual of this.pool) decoder.decode(individual);
      return this.pool.length;
    });
  }

  /** The local search's candidates: one task re-assigned, stopped once worse than the loaded schedule. */
  candidates() {
    const { problem, pool, random } = this;
    const n = problem.taskCount;
    const current = pool[0];
    const cutoff = { primary: makespanOf(current), secondary: Infinity };
    const moves = Array.from({ length: POOL }, () => {
      const t = random.int(0, n - 1);
      return { t, to: (current.processorOf[t] + 1 + random.int(0, problem.processorCount - 2)) % problem.processorCount };
    });
    const trial = createIndividual(n);
    for (const decoder of [this.typescript, this.wasm]) {
      decoder.decode(current);
      decoder.load(current);
    }
    return alternate([this.typescript, this.wasm], (decoder) => {
      for (const { t, to } of moves) {
        copy(current, trial);
        trial.processorOf[t] = to;
        decoder.tryFrom(trial, current.position[t], cutoff);
      }
      return moves.length;
    });
  }

  /** Children sharing a random prefix with their parent, re-decoded from the cut by the TypeScript replay. */
  incrementalChildren() {
    const { pool, random } = this;
    const n = this.problem.taskCount;
    for (const individual of pool) this.typescript.decode(individual);
    const children = pool.map((parent, i) => {
      const child = createIndividual(n);
      const cut = random.int(1, n - 1);
      crossover(parent, pool[(i + 1) % pool.length], cut, child);
      return { parent, child, cut };
    });
    const perSecondValue = perSecond(() => {
      for (const { parent, child, cut } of children) this.typescript.decodeFrom(child, cut, parent);
      return children.length;
    });
    return { perSecond: perSecondValue, meanCut: mean(children.map((c) => c.cut)) };
  }
}

/** The improved crossover: a's order and processors up to the cut, then b's order and processors. */
function crossover(a, b, cut, child) {
  const taken = new Uint8Array(a.order.length);
  for (let k = 0; k < cut; k++) {
    const t = a.order[k];
    child.order[k] = t;
    child.processorOf[t] = a.processorOf[t];
    taken[t] = 1;
  }
  let k = cut;
  for (const t of b.order) {
    if (taken[t]) continue;
    child.order[k++] = t;
    child.processorOf[t] = b.processorOf[t];
  }
}

function copy(from, to) {
  for (const key of ['order', 'processorOf', 'position', 'start', 'finish']) to[key].set(from[key]);
}

/** `work` (returning the decodes it did) per CPU second, after a warm-up. */
function perSecond(work, seconds = 1) {
  for (let i = 0; i < 20; i++) work();
  const start = process.cpuUsage();
  let done = 0;
  let elapsed = 0;
  while (elapsed < seconds) {
    done += work();
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1e6;
  }
  return done / elapsed;
}

/** `work(subject)` per CPU second for each subject, in alternating rounds; the median round of each. */
function alternate(subjects, work) {
  const rounds = subjects.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    subjects.forEach((subject, i) => rounds[i].push(perSecond(() => work(subject), ROUND_SECONDS)));
  }
  return rounds.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]);
}
