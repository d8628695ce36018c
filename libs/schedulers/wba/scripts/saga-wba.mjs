// WBA against SAGA's figures on ../shared/fixtures/saga. SAGA's WBAScheduler (ANRGUSC/saga v2, schedulers/wba.py)
// draws from Python's unseeded `random`, so its figure is one draw of a random schedule and no run can reproduce it;
// what can be compared is where it falls among the draws. For each problem this script runs, under seeds 1..N,
//   ours   this lib's construction (alpha 0.5, one iteration);
//   saga   a transcription of SAGA's loop, independent of this lib's code: rounds of the tasks ready when the round
//          starts, each step drawing (with core's seeded Random, in task-then-processor order) from the pairs whose
//          makespan increase is within min + 0.5 · (max - min), appended;
// and prints the makespan at our default seed, the share of seeds on which the two give the same makespan, and the
// transcription's minimum, median and maximum with the share of its draws at or below SAGA's figure.
// Usage (after `npx nx build core scheduler-wba`): node libs/schedulers/wba/scripts/saga-wba.mjs [--seeds 2000]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { communicationTime, compileProblem, makespanOf, Random } from '@hetsched/core';
import { wba, wbaConstruction } from '../dist/index.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '2000' } } });
const ALPHA = 0.5;
const folder = new URL('../../../../../shared/fixtures/saga/', import.meta.url);

/** SAGA's loop (batches of the tasks ready when the batch starts), drawing with `random`. */
function sagaWba(problem, random) {
  const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData } = problem;
  const processor = new Int32Array(n).fill(-1);
  const finish = new Float64Array(n);
  const free = new Float64Array(m);
  let makespan = 0;
  let placed = 0;
  const start = (t, p) => {
    let ready = free[p];
    for (let i = predOffsets[t]; i < predOffsets[t + 1]; i++) ready = Math.max(ready, finish[predTasks[i]] + communicationTime(problem, predData[i], processor[predTasks[i]], p));
    return ready;
  };
  while (placed < n) {
    const batch = [];
    for (let t = 0; t < n; t++) {
      let ready = processor[t] < 0;
      for (let i = predOffsets[t]; i < predOffsets[t + 1] && ready; i++) ready = processor[predTasks[i]] >= 0;
      if (ready) batch.push(t);
    }
    while (batch.length > 0) {
      const pairs = batch.flatMap((t) => Array.from({ length: m }, (_, p) => ({ t, p, increase: Math.max(start(t, p) + cost[t * m + p] - makespan, 0) })));
      const least = Math.min(...pairs.map((x) => x.increase));
      const most = Math.max(...pairs.map((x) => x.increase));
      const list = pairs.filter((x) => x.increase <= least + ALPHA * (most - least));
      const { t, p } = list[random.int(0, list.length - 1)];
      finish[t] = start(t, p) + cost[t * m + p];
      processor[t] = p;
      free[p] = finish[t];
      makespan = Math.max(makespan, finish[t]);
      batch.splice(batch.indexOf(t), 1);
      placed++;
    }
  }
  return makespan;
}

const seeds = Number(values.seeds);
const summary = (xs, mark) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const atOrBelow = sorted.filter((x) => x <= mark * (1 + 1e-9)).length / sorted.length;
  return `${sorted[0].toFixed(2)} / ${sorted[sorted.length >> 1].toFixed(2)} / ${sorted[sorted.length - 1].toFixed(2)}, ${(100 * atOrBelow).toFixed(0)}% <= SAGA`;
};
console.log(`alpha ${ALPHA}, ${seeds} seeds; min / median / max`);
for (const name of readdirSync(folder).filter((d) => d.startsWith('saga-')).sort()) {
  const read = (file) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
  const problem = compileProblem(read('workflow.json'), read('cluster.json'));
  const saga = read('saga-results.json').saga.WBA.makespan;
  const ours = [];
  const transcribed = [];
  for (let seed = 1; seed <= seeds; seed++) {
    ours.push(makespanOf(wbaConstruction(problem, ALPHA, new Random(seed)).schedule));
    transcribed.push(sagaWba(problem, new Random(seed)));
  }
  const defaultRun = makespanOf(wba(problem));
  const agree = ours.filter((x, k) => Math.abs(x - transcribed[k]) <= 1e-9 * x).length;
  console.log(`${name}  SAGA ${saga.toFixed(2)}  ours (seed 1) ${defaultRun.toFixed(2)}  same as saga's loop on ${agree}/${seeds} seeds  saga's loop: ${summary(transcribed, saga)}`);
}
