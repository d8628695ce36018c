// The hybrid GA (libs/schedulers/hybrid-ga) against HEFT and against proven optima: decoder speed, a grid of random
// workflows, the target cells, the effect of each addition to the paper's GA, the real traces, a convergence plot,
// the gap to the optimum on small workflows, and thread scaling. Runs against the built packages:
// `NX_DAEMON=false npx nx run-many -t build -p scheduler-hybrid-ga scheduler-heft formats scheduler-exact` first.
//
// Usage: node tools/bench/ga-bench.mjs [suite...] [--quick] [--seeds n] [--budget ms] [--long ms] [--clock cpu|wall]
//                                      [--threads n] [--exact-limit ms] [--optimum-budget ms] [--large-seeds n]
//                                      [--repeats n] [--target-tasks n,...] [--ablation-rows a-b] [--json file]
//   suites: speed grid targets ablation traces convergence optimum paper scaling (default: all but optimum, paper
//           and scaling; paper: the HEFT paper's example against its proven optimum)
//   --quick        3 seeds and shorter runs where the suite allows (a smoke run, not for the record)
//   --seeds        seeds 1..n per cell (default 10; optimum 20)
//   --budget       a grid or 100-task ablation run's budget in ms (default 2000)
//   --long         targets, traces, convergence and the 1,000-task ablation (default 10000)
//   --clock cpu    (default) budgets are CPU time of a single-threaded run: other load on a shared machine does not
//                  shorten them. wall: wall-clock budgets with `--threads` (default 0: the GA's automatic choice),
//                  as a user's run; on a loaded machine they measure the load too.
//   --exact-limit  the exact scheduler's CPU time per problem for the optimum suite (default 60000; cached)
//   --optimum-budget  the GA's CPU time per run in the optimum and paper suites (default 3000)
//   --large-seeds  seeds of the 1,000-task ablation (default 5)
//   --repeats      runs per thread count in the scaling suite (default 3)
//   --target-tasks only the target cells of these sizes (e.g. 1000; default all)
//   --ablation-rows only these rows of the ablation (1-based, e.g. 11-12; default all)
// Markdown tables go to stdout with the load average beside each; --json appends one JSON line per run; the
// convergence plot is written to libs/schedulers/hybrid-ga/convergence.svg.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkSchedule, compileProblem, detachedContext, makespanOf, toAssignments } from '@hetsched/core';
import { generateCluster, importDax, importWfFormat } from '@hetsched/formats';
import { heft } from '@hetsched/scheduler-heft';
import { hybridGa, IMPROVED_TUNING, PAPER_TUNING } from '@hetsched/scheduler-hybrid-ga';
import { cpuClock, fmt, load, mean, pct, randomCase, row } from './ga-common.mjs';
import { optimumSuite, paperExampleSuite } from './ga-optimum.mjs';
import { convergenceSvg } from './ga-plot.mjs';
import { scalingSuite } from './ga-scaling.mjs';
import { speedSuite } from './ga-speed.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    budget: { type: 'string', default: '2000' },
    long: { type: 'string' },
    seeds: { type: 'string' },
    clock: { type: 'string', default: 'cpu' },
    threads: { type: 'string', default: '0' },
    'exact-limit': { type: 'string', default: '60000' },
    'optimum-budget': { type: 'string', default: '3000' },
    'large-seeds': { type: 'string' },
    repeats: { type: 'string', default: '3' },
    'target-tasks': { type: 'string' },
    'ablation-rows': { type: 'string' },
    json: { type: 'string' },
  },
});
const quick = values.quick;
const seedsUpTo = (n) => Array.from({ length: n }, (_, i) => i + 1);
const seeds = seedsUpTo(Number(values.seeds ?? (quick ? 3 : 10)));
const gridBudget = Number(values.budget);
const longBudget = Number(values.long ?? (quick ? 3000 : 10000));
if (!['cpu', 'wall'].includes(values.clock)) throw new Error(`--clock is cpu or wall, not ${values.clock}`);
const cpuTime = values.clock === 'cpu';
const threads = cpuTime ? 1 : Number(values.threads);
const suites = positionals.length > 0 ? positionals : ['speed', 'grid', 'targets', 'ablation', 'traces', 'convergence'];
const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = new URL('../shared/', `file://${root}`);
const TRACE_PROCESSORS = 8;
const record = (run) => values.json && appendFileSync(values.json, `${JSON.stringify(run)}\n`);

console.log(`# Hybrid GA benchmark — ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(
  `suites: ${suites.join(', ')}; seeds 1-${seeds.length}; grid budget ${gridBudget} ms; long budget ${longBudget} ms; ` +
    `${cpuTime ? 'CPU-time budgets, 1 thread' : `wall-clock budgets, threads ${threads || 'auto'}`}; load at start ${load()}`,
);

/** One GA run against HEFT on the same problem; the schedule goes through the independent checker. */
async function gaRun(instance, { budget, seed = 1, variant = 'improved', tuning, population, onGeneration }) {
  const heftMakespan = makespanOf(heft(instance.problem));
  const started = performance.now();
  const options = { timeBudgetMs: budget, seed, variant, threads, ...(population ? { population } : {}) };
  const context = cpuTime ? detachedContext({ now: cpuClock }) : undefined;
  const result = await hybridGa(instance.problem, options, context, { tuning, onGeneration });
  const wallMs = performance.now() - started;
  const valid = checkSchedule(instance.workflow, instance.cluster, toAssignments(instance.problem, result.schedule)).valid;
  const run = {
    case: instance.name,
    variant,
    tuning: tuning?.label,
    seed,
    budget,
    clock: values.clock,
    heft: heftMakespan,
    makespan: result.makespan,
    improvement: (heftMakespan - result.makespan) / heftMakespan,
    wallMs,
    runMs: result.elapsedMs,
    generations: result.generations,
    decodesPerSecond: result.decodes / (result.elapsedMs / 1000),
    threads: result.threads,
    stoppedBy: result.stoppedBy,
    valid,
    load: load(),
  };
  if (!valid) console.log(`!! INVALID schedule: ${instance.name} ${variant}`);
  record(run);
  return run;
}

function summary(runs) {
  const improvements = runs.map((r) => r.improvement);
  return {
    mean: mean(improvements),
    worst: Math.min(...improvements),
    best: Math.max(...improvements),
    worseThanHeft: runs.filter((r) => r.makespan > r.heft).length,
    invalid: runs.filter((r) => !r.valid).length,
    seconds: mean(runs.map((r) => r.runMs)) / 1000,
    decodes: mean(runs.map((r) => r.decodesPerSecond)),
    generations: mean(runs.map((r) => r.generations)),
  };
}

const summaryCells = (s) => [pct(s.mean), pct(s.worst), pct(s.best), String(s.worseThanHeft), s.seconds.toFixed(2), fmt(s.decodes), Math.round(s.generations), load()];
const SUMMARY_HEADER = `| mean | worst | best | worse than HEFT | ${cpuTime ? 'CPU' : 'wall'} s/run | decodes/s | generations | load |`;

// --- grid ----------------------------------------------------------------------------------------------------
async function grid() {
  console.log(`\n## Grid: ${gridBudget / 1000} s per run, seeds 1-${seeds.length}, improvement of the makespan over HEFT\n`);
  console.log(`| tasks | CCR | β | variant ${SUMMARY_HEADER}`);
  console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const tasks of [50, 100, 300, 1000]) {
    for (const ccr of [0.1, 1, 5, 10]) {
      for (const heterogeneity of [0.5, 1.0]) {
        for (const variant of ['paper', 'improved']) {
          const runs = [];
          for (const seed of seeds) runs.push(await gaRun(randomCase({ tasks, ccr, heterogeneity, seed }), { budget: gridBudget, seed, variant }));
          console.log(`| ${tasks} | ${ccr} | ${heterogeneity} | ${variant} ${row(summaryCells(summary(runs)))}`);
        }
      }
    }
  }
}

// --- targets -------------------------------------------------------------------------------------------------
const TARGET_CELLS = [
  [100, 5, 'mean >= 15%, each >= 8%', (s) => s.mean >= 0.15 && s.worst >= 0.08],
  [100, 10, 'mean >= 18%, each >= 8%', (s) => s.mean >= 0.18 && s.worst >= 0.08],
  [1000, 5, 'mean >= 10%', (s) => s.mean >= 0.1],
];

async function targets() {
  const sizes = values['target-tasks']?.split(',').map(Number);
  const cells = TARGET_CELLS.filter(([tasks]) => !sizes || sizes.includes(tasks));
  console.log(`\n## Target cells: improved variant, ${longBudget / 1000} s per run, seeds 1-${seeds.length}\n`);
  console.log(`| tasks | CCR | β | target ${SUMMARY_HEADER} met |`);
  console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|:--:|');
  for (const [tasks, ccr, target, met] of cells) {
    for (const heterogeneity of [0.5, 1.0]) {
      const runs = [];
      for (const seed of seeds) runs.push(await gaRun(randomCase({ tasks, ccr, heterogeneity, seed }), { budget: longBudget, seed }));
      const s = summary(runs);
      console.log(`| ${tasks} | ${ccr} | ${heterogeneity} | ${target} ${row(summaryCells(s))} ${met(s) && s.worseThanHeft === 0 ? 'yes' : 'NO'} |`);
    }
  }
}

// --- ablation ------------------------------------------------------------------------------------------------
/** The improved variant without the sampled cost-aware earliest-finish solutions. */
const PLAIN_SEEDS = { initialConstructions: 0 };
/** The first improved variant's local search and restarts, before the additions measured after it. */
const FIRST_IMPROVED = { ...IMPROVED_TUNING, ...PLAIN_SEEDS, descentTargets: 2, walkers: 1, walkTieBreak: false, relabelMoves: false, restartAfter: 60, restartKickShare: 0.03 };
const ABLATION = [
  { label: 'paper (population 50)', variant: 'paper', tuning: PAPER_TUNING, population: 50 },
  { label: 'paper (population 10)', variant: 'paper', tuning: PAPER_TUNING, population: 10 },
  { label: '+ order mutation', tuning: { ...PAPER_TUNING, orderMutationRate: IMPROVED_TUNING.orderMutationRate } },
  {
    label: '+ GA refinements (segment crossover, tournament, elite 10%, distinct survivors, EFT seeds)',
    tuning: { ...FIRST_IMPROVED, descentTargets: 0, walkers: 0, walkBudgetPerTask: 0, restartAfter: 0 },
  },
  { label: '+ critical-path descent on the 2 best newcomers', tuning: { ...FIRST_IMPROVED, walkers: 0, walkBudgetPerTask: 0, restartAfter: 0 } },
  { label: '+ plateau walk on the best (equal makespan kept)', tuning: { ...FIRST_IMPROVED, restartAfter: 0 } },
  { label: '+ restarts (after 60 generations, 3% kicks)', tuning: FIRST_IMPROVED },
  { label: '+ processor exchanges and merges in the descent', tuning: { ...FIRST_IMPROVED, relabelMoves: true } },
  { label: '+ walk keeps equal makespans only without a worse finish-time sum', tuning: { ...FIRST_IMPROVED, relabelMoves: true, walkTieBreak: true } },
  { label: '+ 4 descents and 2 walkers per generation', tuning: { ...FIRST_IMPROVED, relabelMoves: true, walkTieBreak: true, descentTargets: 4, walkers: 2 } },
  { label: `+ restarts after ${IMPROVED_TUNING.restartAfter} generations, ${IMPROVED_TUNING.restartKickShare * 100}% kicks`, tuning: { ...IMPROVED_TUNING, ...PLAIN_SEEDS } },
  {
    label: `+ ${IMPROVED_TUNING.initialConstructions} cost-aware earliest-finish solutions sampled first, the best ${IMPROVED_TUNING.constructionsKept} kept = improved`,
    tuning: IMPROVED_TUNING,
  },
  { label: 'improved without incremental decoding', tuning: { ...IMPROVED_TUNING, incrementalDecoding: false } },
];

async function ablation() {
  const [first, last] = (values['ablation-rows'] ?? `1-${ABLATION.length}`).split('-').map(Number);
  const rows = ABLATION.slice(first - 1, last ?? first);
  for (const [tasks, budget, cellSeeds] of [
    [100, gridBudget, seeds],
    [1000, longBudget, seedsUpTo(Number(values['large-seeds'] ?? (quick ? 2 : 5)))],
  ]) {
    console.log(`\n## What each addition does: ${tasks} tasks, CCR 5, β 1, ${budget / 1000} s per run, seeds 1-${cellSeeds.length}\n`);
    console.log(`| configuration ${SUMMARY_HEADER}`);
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const config of rows) {
      const runs = [];
      for (const seed of cellSeeds) {
        const options = { budget, seed, variant: config.variant ?? 'improved', tuning: { ...config.tuning, label: config.label }, population: config.population ?? 10 };
        runs.push(await gaRun(randomCase({ tasks, ccr: 5, seed }), options));
      }
      console.log(`| ${config.label} ${row(summaryCells(summary(runs)))}`);
    }
  }
}

// --- traces --------------------------------------------------------------------------------------------------
function traceCases() {
  const wfformat = [
    '1000genome-chameleon-22ch-250k-001.json',
    'epigenomics-chameleon-ilmn-6seq-50k-001.json',
    'montage-chameleon-2mass-01d-001.json',
    'montage-chameleon-dss-15d-001.json',
    'seismology-chameleon-1000p-001.json',
  ].map((file) => {
    const { workflow, cluster } = importWfFormat(readFileSync(new URL(`data/wfinstances/${file}`, shared), 'utf8'));
    return { name: `${file} (own ${cluster.processors.length} machines)`, workflow, cluster };
  });
  const dax = ['CyberShake_100.xml', 'CyberShake_1000.xml'].map((file) => {
    const { workflow } = importDax(readFileSync(new URL(`data/wfinstances/dax/${file}`, shared), 'utf8'));
    // As the formats tests do: 8 generated processors of speed 1-2 on a 125 MB/s network.
    const cluster = generateCluster({ processors: TRACE_PROCESSORS, seed: file, speed: [1, 2], bandwidth: 125 });
    return { name: `${file} (8 generated processors)`, workflow, cluster };
  });
  return [...wfformat, ...dax].map((c) => ({ ...c, problem: compileProblem(c.workflow, c.cluster) }));
}

async function traces() {
  console.log(`\n## Real traces (WfCommons, Pegasus DAX): ${longBudget / 1000} s per run, seed 1\n`);
  console.log(`| trace | tasks | HEFT makespan | paper | improved | improved ${cpuTime ? 'CPU' : 'wall'} s/run | improved decodes/s | stopped by | load |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const instance of traceCases()) {
    const paper = await gaRun(instance, { budget: longBudget, variant: 'paper' });
    const improved = await gaRun(instance, { budget: longBudget });
    const cells = [pct(paper.improvement), pct(improved.improvement), (improved.runMs / 1000).toFixed(2), fmt(improved.decodesPerSecond), improved.stoppedBy, load()];
    console.log(row([instance.name, instance.problem.taskCount, paper.heft.toFixed(1), ...cells]));
  }
}

// --- convergence ---------------------------------------------------------------------------------------------
async function convergence() {
  const convergenceSeeds = seeds.slice(0, quick ? 2 : 5);
  console.log(`\n## Convergence: 100 tasks, CCR 5, β 1, ${longBudget / 1000} s, mean of best/HEFT over seeds 1-${convergenceSeeds.length}\n`);
  const timeGrid = Array.from({ length: 201 }, (_, i) => (i / 200) * (longBudget / 1000));
  const series = [];
  for (const variant of ['paper', 'improved']) {
    const curves = [];
    for (const seed of convergenceSeeds) {
      const instance = randomCase({ tasks: 100, ccr: 5, seed });
      const heftMakespan = makespanOf(heft(instance.problem));
      const points = [];
      await gaRun(instance, { budget: longBudget, seed, variant, onGeneration: (s) => points.push([s.elapsedMs / 1000, s.bestFitness / heftMakespan]) });
      curves.push(points);
    }
    // Best-so-far of each run sampled on a common time grid (1 before its first generation), then averaged.
    const sampled = timeGrid.map((x) => mean(curves.map((points) => points.filter(([t]) => t <= x).at(-1)?.[1] ?? 1)));
    series.push({ label: variant, points: timeGrid.map((x, i) => [x, sampled[i]]) });
    const at = (sec) => sampled[timeGrid.findIndex((x) => x >= sec)] ?? sampled.at(-1);
    console.log(`${variant}: best/HEFT ${[0.1, 0.5, 1, 2, 5, longBudget / 1000].map((s) => `${s}s ${at(s).toFixed(3)}`).join(', ')} (load ${load()})`);
  }
  const file = `${root}libs/schedulers/hybrid-ga/convergence.svg`;
  const clock = cpuTime ? 'CPU seconds (1 thread)' : 'seconds';
  const title = `Hybrid GA, 100 tasks, CCR 5, 8 processors: mean over ${convergenceSeeds.length} workflows`;
  writeFileSync(file, convergenceSvg({ title, xLabel: clock, yLabel: 'best makespan / HEFT makespan', series }));
  console.log('plot written to libs/schedulers/hybrid-ga/convergence.svg');
}

// --- optimum and scaling (their own modules) -----------------------------------------------------------------
async function optimum() {
  const optimumSeeds = seedsUpTo(Number(values.seeds ?? (quick ? 3 : 20)));
  await optimumSuite({ seeds: optimumSeeds, budgetMs: Number(values['optimum-budget']), exactLimitMs: Number(values['exact-limit']), cacheFile: `${root}tmp/ga-bench/optima.json`, onRun: record });
}

async function paper() {
  const fixtures = new URL('fixtures/topcuoglu2002/', shared);
  await paperExampleSuite({ seeds: seeds.slice(0, quick ? 3 : 10), budgetMs: Number(values['optimum-budget']), fixtures, onRun: record });
}

async function scaling() {
  await scalingSuite({ repeats: Number(values.repeats), budgetMs: longBudget, seeds: seeds.slice(0, quick ? 1 : 3), onRun: record });
}

const runners = { speed: speedSuite, grid, targets, ablation, traces, convergence, optimum, paper, scaling };
for (const suite of suites) {
  if (!runners[suite]) throw new Error(`unknown suite "${suite}"; known: ${Object.keys(runners).join(', ')}`);
  const started = performance.now();
  await runners[suite]();
  console.log(`\n(${suite}: ${((performance.now() - started) / 1000).toFixed(0)} s, load ${load()})`);
}
