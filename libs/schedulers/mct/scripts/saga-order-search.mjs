// Why MCT, MET, OLB and MST disagree with SAGA's figures on ../shared/fixtures/saga: SAGA (v2) builds its task graph
// and network from Python frozensets, so networkx's topological order (generation by generation) and the order of the
// processors follow string hashes, which Python randomises per process. This script emulates SAGA's four loops
// (schedulers/mct.py, met.py, olb.py, mst.py: append only, each task to the first processor in SAGA's order that
// minimises the heuristic's key) under random orders of that kind and reports, per problem, how often SAGA's figure
// comes out and the range of makespans the orders give. It also runs each loop in our order (Kahn's, lowest index
// first, processors as listed), as a check that the loop is ours: that figure should be our makespan (README tables).
// One script for the four (mst's README cites it too): they differ only in the key, and share the same draws.
// Usage (after `npx nx build core`):
//   node libs/schedulers/mct/scripts/saga-order-search.mjs [--samples 2000] [--seed 1] [--only MST,MCT]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { communicationTime, compileProblem } from '@hetsched/core';

const { values } = parseArgs({
  options: { samples: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, only: { type: 'string' } },
});
const folder = new URL('../../../../../shared/fixtures/saga/', import.meta.url);
const LCG_MULTIPLIER = 1103515245;
const LCG_INCREMENT = 12345;
const LCG_MODULUS = 2 ** 31;
let state = Number(values.seed);
const random = () => (state = (state * LCG_MULTIPLIER + LCG_INCREMENT) % LCG_MODULUS) / LCG_MODULUS;
const shuffled = (length) => {
  const a = [...Array(length).keys()];
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** networkx's topological_sort: generations, the first in node insertion order, the next as parents release them. */
function generationOrder(problem, nodeOrder, edgeRank) {
  const waiting = Int32Array.from({ length: problem.taskCount }, (_, t) => problem.predOffsets[t + 1] - problem.predOffsets[t]);
  const order = [];
  for (let generation = nodeOrder.filter((t) => waiting[t] === 0); generation.length > 0; ) {
    const next = [];
    for (const t of generation) {
      order.push(t);
      const out = [];
      for (let i = problem.succOffsets[t]; i < problem.succOffsets[t + 1]; i++) out.push(i);
      out.sort((a, b) => edgeRank[a] - edgeRank[b]);
      for (const i of out) if (--waiting[problem.succTasks[i]] === 0) next.push(problem.succTasks[i]);
    }
    generation = next;
  }
  return order;
}

/** Places the tasks in `order`, each after its processor's last task; `choose(t, s)` picks the processor. */
function appendSchedule(problem, order, choose) {
  const s = { processor: new Int32Array(problem.taskCount), finish: new Float64Array(problem.taskCount), available: new Float64Array(problem.processorCount) };
  s.start = (t, p) => {
    let ready = s.available[p];
    for (let i = problem.predOffsets[t]; i < problem.predOffsets[t + 1]; i++) {
      const q = problem.predTasks[i];
      ready = Math.max(ready, s.finish[q] + communicationTime(problem, problem.predData[i], s.processor[q], p));
    }
    return ready;
  };
  for (const t of order) {
    const p = choose(t, s);
    s.processor[t] = p;
    s.finish[t] = s.start(t, p) + problem.cost[t * problem.processorCount + p];
    s.available[p] = s.finish[t];
  }
  return Math.max(...s.finish);
}

/** The first processor in `nodes` minimising `key`. */
const argmin = (nodes, key) => nodes.reduce((best, p) => (key(p) < key(best) ? p : best));

/** Each heuristic's choice of processor for task t, from SAGA's processor order `nodes` and the schedule so far. */
const heuristics = {
  MCT: (problem, nodes) => (t, s) => argmin(nodes, (p) => s.start(t, p) + problem.cost[t * problem.processorCount + p]),
  MET: (problem, nodes) => (t) => argmin(nodes, (p) => problem.cost[t * problem.processorCount + p]),
  OLB: (_problem, nodes) => (_t, s) => argmin(nodes, (p) => s.available[p]),
  MST: (_problem, nodes) => (t, s) => argmin(nodes, (p) => s.start(t, p)),
};
const chosen = values.only ? values.only.split(',').map((h) => h.trim().toUpperCase()) : Object.keys(heuristics);
const unknown = chosen.filter((h) => !Object.hasOwn(heuristics, h));
if (unknown.length > 0) throw new Error(`--only: unknown heuristic ${unknown.join(', ')} (known: ${Object.keys(heuristics).join(', ')})`);

/** Relative tolerance under which an emulated makespan counts as SAGA's figure (SAGA's JSON has rounded decimals). */
const SAME_TOLERANCE = 1e-6;
const same = (a, b) => Math.abs(a - b) <= SAME_TOLERANCE * Math.max(1, Math.abs(b));
const samples = Number(values.samples);
for (const name of readdirSync(folder).filter((d) => d.startsWith('saga-')).sort()) {
  const read = (file) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
  const problem = compileProblem(read('workflow.json'), read('cluster.json'));
  const saga = read('saga-results.json').saga;
  const listed = [...Array(problem.processorCount).keys()];
  const tally = Object.fromEntries(chosen.map((h) => [h, { hits: 0, low: Infinity, high: 0, ours: appendSchedule(problem, problem.topologicalOrder, heuristics[h](problem, listed)) }]));
  for (let k = 0; k < samples; k++) {
    // Every heuristic sees the same draws, in the same sequence whatever --only selects.
    const order = generationOrder(problem, shuffled(problem.taskCount), shuffled(problem.edgeCount));
    const nodes = shuffled(problem.processorCount);
    for (const h of chosen) {
      const makespan = appendSchedule(problem, order, heuristics[h](problem, nodes));
      const entry = tally[h];
      if (same(makespan, saga[h].makespan)) entry.hits++;
      entry.low = Math.min(entry.low, makespan);
      entry.high = Math.max(entry.high, makespan);
    }
  }
  const cells = Object.entries(tally).map(
    ([h, e]) => `${h} ${saga[h].makespan.toFixed(2)}: ${e.hits}/${samples} in [${e.low.toFixed(2)}, ${e.high.toFixed(2)}], ours ${e.ours.toFixed(2)}`,
  );
  console.log(`${name}  ${cells.join('  |  ')}`);
}
