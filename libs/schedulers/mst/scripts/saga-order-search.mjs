// Why MST disagrees with SAGA's figures on ../shared/fixtures/saga: SAGA (v2) builds its task graph and network from
// Python frozensets, so networkx's topological order (generation by generation) and the order of the processors follow
// string hashes, which Python randomises per process. This script emulates SAGA's loop (schedulers/mst.py: tasks in
// that order, each to the first processor of least start time max(end of its last task, data ready), append only)
// under random orders of that kind, and reports per problem how often SAGA's figure comes out and the range the orders
// give; it also runs the same loop in our order (Kahn's, lowest index first, processors as listed) as a check that
// the loop is ours.
// Usage (after `npx nx build core`): node libs/schedulers/mst/scripts/saga-order-search.mjs [--samples 2000] [--seed 1]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { communicationTime, compileProblem } from '@hetsched/core';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } } });
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

/** SAGA's MST loop: tasks in `order`, each to the first processor in `nodes` of least start time, appended there. */
function sagaMst(problem, order, nodes) {
  const processor = new Int32Array(problem.taskCount);
  const finish = new Float64Array(problem.taskCount);
  const available = new Float64Array(problem.processorCount);
  const start = (t, p) => {
    let ready = available[p];
    for (let i = problem.predOffsets[t]; i < problem.predOffsets[t + 1]; i++) {
      const q = problem.predTasks[i];
      ready = Math.max(ready, finish[q] + communicationTime(problem, problem.predData[i], processor[q], p));
    }
    return ready;
  };
  for (const t of order) {
    const p = nodes.reduce((best, candidate) => (start(t, candidate) < start(t, best) ? candidate : best));
    processor[t] = p;
    finish[t] = start(t, p) + problem.cost[t * problem.processorCount + p];
    available[p] = finish[t];
  }
  return Math.max(...finish);
}

const samples = Number(values.samples);
const same = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
for (const name of readdirSync(folder).filter((d) => d.startsWith('saga-')).sort()) {
  const read = (file) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
  const problem = compileProblem(read('workflow.json'), read('cluster.json'));
  const saga = read('saga-results.json').saga.MST.makespan;
  const ours = sagaMst(problem, problem.topologicalOrder, [...Array(problem.processorCount).keys()]);
  let hits = 0;
  let low = Infinity;
  let high = 0;
  for (let k = 0; k < samples; k++) {
    const makespan = sagaMst(problem, generationOrder(problem, shuffled(problem.taskCount), shuffled(problem.edgeCount)), shuffled(problem.processorCount));
    if (same(makespan, saga)) hits++;
    low = Math.min(low, makespan);
    high = Math.max(high, makespan);
  }
  console.log(`${name}  SAGA ${saga.toFixed(2)}: ${hits}/${samples} orders give it, range [${low.toFixed(2)}, ${high.toFixed(2)}]; loop in our order ${ours.toFixed(2)}`);
}
