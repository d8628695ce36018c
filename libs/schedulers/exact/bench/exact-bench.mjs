// Time to prove optimality with the exact scheduler on random problems of the HEFT paper's generator
// (Topcuoglu, Hariri & Wu 2002, §5.1: libs/formats generateWorkflow / generateCluster), one run per instance with
// a time limit: the share proven within 1 s and within the limit, times to proof, and the gap left otherwise.
// A benchmark script, not production code: it runs against the built packages, so build them first:
//   NX_DAEMON=false npx nx run-many -t build -p scheduler-exact formats
// Usage: node libs/schedulers/exact/bench/exact-bench.mjs [--tasks 10,12,16,20] [--processors 3,4] [--ccr 1,5]
//          [--seeds 10] [--limit 30000] [--clock wall|cpu] [--json file]
// --clock cpu counts the limit and the times in this process's CPU time (solveExact's injectable clock): on a
// shared, loaded machine wall-clock times say more about the other processes than about the search.
// Markdown tables go to stdout; --json appends one JSON line per instance.
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { compileProblem, makespanOf, priorityOrder, scheduleEarliestFinish, upwardRanks } from '@hetsched/core';
// A benchmark may use the generator of @hetsched/formats; the plugin's own sources depend on core only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import { solveExact } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10,12,16,20' },
    processors: { type: 'string', default: '3,4' },
    ccr: { type: 'string', default: '1,5' },
    seeds: { type: 'string', default: '10' },
    limit: { type: 'string', default: '30000' },
    clock: { type: 'string', default: 'wall' },
    json: { type: 'string' },
  },
});
const list = (text) => text.split(',').map(Number);
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const limit = Number(values.limit);
/** Milliseconds of this process's CPU time (user and system). */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const clock = values.clock === 'cpu' ? cpuNow : () => performance.now();
/** "Proven quickly": the share of instances proven within this many milliseconds, besides within the limit. */
const QUICK_MS = 1000;

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, load average ${load()} at the start; Node ${process.version}.`);
console.log(`Time limit ${limit} ms of ${values.clock === 'cpu' ? 'CPU' : 'wall-clock'} time per instance, seeds ${seeds[0]}..${seeds.at(-1)}; generator defaults (shape 1, out-degree 3, heterogeneity 1, mean cost 20, identical speeds).\n`);
console.log(`| tasks | procs | CCR | proven ≤ 1 s | proven ≤ ${limit / 1000} s | time to proof, median / max (s) | CPU time to proof, median / max (s) | mean gap unproven | mean nodes | HEFT above best |`);
console.log('|---|---|---|---|---|---|---|---|---|---|');

for (const n of list(values.tasks)) {
  for (const m of list(values.processors)) {
    for (const ccr of list(values.ccr)) {
      const runs = [];
      for (const seed of seeds) runs.push(await measure(n, m, ccr, seed));
      console.log(row(n, m, ccr, runs));
    }
  }
}
console.log(`\nLoad average ${load()} at the end. "Time" is the limit's clock (${values.clock}); CPU time is this process's.`);

async function measure(n, m, ccr, seed) {
  const workflow = generateWorkflow({ tasks: n, processors: m, ccr, seed });
  const cluster = generateCluster({ processors: m, seed });
  const problem = compileProblem(workflow, cluster);
  const heft = makespanOf(scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem))));
  const cpuBefore = process.cpuUsage();
  const result = await solveExact(problem, { timeLimitMs: limit, now: clock });
  const cpu = process.cpuUsage(cpuBefore);
  const run = {
    tasks: n,
    processors: m,
    ccr,
    seed,
    edges: problem.edgeCount,
    heft,
    makespan: result.makespan,
    lowerBound: result.lowerBound,
    rootLowerBound: result.rootLowerBound,
    optimal: result.optimal,
    gap: result.gap,
    nodes: result.nodes,
    timeMs: Math.round(result.timeMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    stoppedBy: result.stoppedBy,
  };
  if (values.json) appendFileSync(values.json, `${JSON.stringify(run)}\n`);
  return run;
}

function row(n, m, ccr, runs) {
  const proven = runs.filter((r) => r.optimal);
  const sorted = (key) => proven.map((r) => r[key] / 1000).sort((a, b) => a - b);
  const spread = (xs) => (xs.length ? `${xs[Math.floor((xs.length - 1) / 2)].toFixed(2)} / ${xs.at(-1).toFixed(2)}` : '–');
  const open = runs.filter((r) => !r.optimal);
  const share = (k) => `${k}/${runs.length}`;
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cells = [
    n,
    m,
    ccr,
    share(proven.filter((r) => r.timeMs <= QUICK_MS).length),
    share(proven.length),
    spread(sorted('timeMs')),
    spread(sorted('cpuMs')),
    open.length ? `${(100 * mean(open.map((r) => r.gap))).toFixed(1)}%` : '–',
    Math.round(mean(runs.map((r) => r.nodes))).toLocaleString('en-US'),
    `${(100 * mean(runs.map((r) => r.heft / r.makespan - 1))).toFixed(1)}%`,
  ];
  return `| ${cells.join(' | ')} |`;
}
