// The hybrid GA (libs/schedulers/hybrid-ga) against HEFT: decoder speed, a grid of random workflows, the target
// cells with 10-second runs, the effect of each addition to the paper's GA, the real traces, and a convergence plot.
// Runs against the built packages: `NX_DAEMON=false npx nx run-many -t build` first.
//
// Usage: node tools/bench/ga-bench.mjs [suite...] [--quick] [--budget ms] [--seeds n] [--threads n] [--json file]
//   suites: speed grid targets ablation traces convergence (default: all)
//   --quick     3 seeds instead of 10 and shorter runs where the suite allows (a smoke run, not for the record)
//   --budget    time budget of a grid run in ms (default 2000; targets, traces and convergence use 10000)
//   --threads   the GA's `threads` option (default 0: automatic)
// Markdown tables go to stdout; --json appends one JSON line per run; the convergence plot is written to
// libs/schedulers/hybrid-ga/convergence.svg.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkSchedule, compileProblem, makespanOf, Random, scheduleWithAssignment, ProcessorTimelines, emptySchedule, toAssignments } from '@hetsched/core';
import { generateCluster, generateWorkflow, importDax, importWfFormat } from '@hetsched/formats';
import { heft } from '@hetsched/scheduler-heft';
import { createIndividual, Decoder, hybridGa, IMPROVED_TUNING, PAPER_TUNING, randomRankSolution } from '@hetsched/scheduler-hybrid-ga';
import { convergenceSvg } from './ga-plot.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    budget: { type: 'string', default: '2000' },
    seeds: { type: 'string' },
    threads: { type: 'string', default: '0' },
    json: { type: 'string' },
  },
});
const quick = values.quick;
const seedCount = Number(values.seeds ?? (quick ? 3 : 10));
const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
const gridBudget = Number(values.budget);
const longBudget = quick ? 3000 : 10000;
const threads = Number(values.threads);
const suites = positionals.length > 0 ? positionals : ['speed', 'grid', 'targets', 'ablation', 'traces', 'convergence'];
const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = new URL('../shared/', `file://${root}`);
const PROCESSORS = 8;

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

console.log(`# Hybrid GA benchmark — ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`suites: ${suites.join(', ')}; seeds ${seeds.join(',')}; grid budget ${gridBudget} ms; long budget ${longBudget} ms; threads ${threads || 'auto'}; load at start ${load()}`);

/** A random workflow after Topcuoglu et al. (2002) on 8 identical processors (heterogeneity is in the costs). */
function randomCase(tasks, ccr, heterogeneity, seed) {
  const cluster = generateCluster({ processors: PROCESSORS, seed });
  const workflow = generateWorkflow({ tasks, processors: cluster.processors.map((p) => p.id), ccr, heterogeneity, seed });
  return { name: `v${tasks} ccr${ccr} b${heterogeneity} s${seed}`, workflow, cluster, problem: compileProblem(workflow, cluster) };
}

/** One GA run against HEFT on the same problem; the schedule goes through the independent checker. */
async function gaRun(instance, { budget, seed = 1, variant = 'improved', tuning, population, onGeneration }) {
  const heftMakespan = makespanOf(heft(instance.problem));
  const started = performance.now();
  const options = { timeBudgetMs: budget, generations: 10_000_000, seed, variant, threads, ...(population ? { population } : {}) };
  const result = await hybridGa(instance.problem, options, undefined, { tuning, onGeneration });
  const wallMs = performance.now() - started;
  const valid = checkSchedule(instance.workflow, instance.cluster, toAssignments(instance.problem, result.schedule)).valid;
  const run = {
    case: instance.name,
    variant,
    tuning: tuning?.label,
    seed,
    budget,
    heft: heftMakespan,
    makespan: result.makespan,
    improvement: (heftMakespan - result.makespan) / heftMakespan,
    wallMs,
    generations: result.generations,
    decodesPerSecond: result.decodes / (result.elapsedMs / 1000),
    threads: result.threads,
    valid,
  };
  if (!valid) console.log(`!! INVALID schedule: ${instance.name} ${variant}`);
  if (values.json) appendFileSync(values.json, `${JSON.stringify(run)}\n`);
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
    seconds: mean(runs.map((r) => r.wallMs)) / 1000,
    decodes: mean(runs.map((r) => r.decodesPerSecond)),
    generations: mean(runs.map((r) => r.generations)),
  };
}

const row = (cells) => `| ${cells.join(' | ')} |`;
const summaryCells = (s) => [pct(s.mean), pct(s.worst), pct(s.best), String(s.worseThanHeft), s.seconds.toFixed(2), Math.round(s.decodes).toLocaleString('en'), Math.round(s.generations)];
const SUMMARY_HEADER = '| mean | worst | best | worse than HEFT | s/run | decodes/s | generations |';

// --- speed: decodes per second -------------------------------------------------------------------------------
async function speed() {
  console.log('\n## Decoder speed (one core; CPU time, so other load on the machine does not count)\n');
  console.log('| tasks | CCR | core scheduleWithAssignment /s | full decode, TypeScript /s | full decode /s (WebAssembly) | incremental re-decode, TypeScript /s (mean first change) | tryFrom + cutoff /s |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const tasks of [100, 1000]) {
    for (const ccr of [1, 5]) {
      const { problem } = randomCase(tasks, ccr, 1, 1);
      const n = problem.taskCount;
      const random = new Random(1);
      const pool = Array.from({ length: 32 }, () => {
        const individual = createIndividual(n);
        randomRankSolution(problem, random, individual);
        return individual;
      });
      const decoder = new Decoder(problem);
      if (!decoder.usesWasm) console.log('!! the WebAssembly decoder did not load: the full decode column is TypeScript');
      const typescriptDecoder = new Decoder(problem, { useWasm: false });
      for (const individual of pool) decoder.decode(individual);
      const timelines = new ProcessorTimelines(problem.processorCount, Math.ceil((2 * n) / problem.processorCount));
      const into = emptySchedule(n);
      const core = perSecond(() => {
        for (const individual of pool) scheduleWithAssignment(problem, individual.order, individual.processorOf, timelines, into);
        return pool.length;
      });
      const typescriptFull = perSecond(() => {
        for (const individual of pool) typescriptDecoder.decode(individual);
        return pool.length;
      });
      const full = perSecond(() => {
        for (const individual of pool) decoder.decode(individual);
        return pool.length;
      });
      // Children that share a random prefix with their parent (a one-point crossover with the improved exchange).
      const children = pool.map((parent, i) => {
        const child = createIndividual(n);
        const cut = random.int(1, n - 1);
        crossover(parent, pool[(i + 1) % pool.length], cut, child);
        return { parent, child, cut };
      });
      const incremental = perSecond(() => {
        for (const { parent, child, cut } of children) typescriptDecoder.decodeFrom(child, cut, parent);
        return children.length;
      });
      const meanCut = mean(children.map((c) => c.cut));
      // The local search's candidates: one task re-assigned, cut off once worse than the current schedule.
      const current = pool[0];
      decoder.decode(current);
      decoder.load(current);
      const cutoff = { primary: makespanOf(current), secondary: Infinity };
      const trial = createIndividual(n);
      const tries = perSecond(() => {
        for (let i = 0; i < 32; i++) {
          copy(current, trial);
          const t = random.int(0, n - 1);
          trial.processorOf[t] = (trial.processorOf[t] + 1 + random.int(0, problem.processorCount - 2)) % problem.processorCount;
          decoder.tryFrom(trial, current.position[t], cutoff);
        }
        return 32;
      });
      console.log(row([tasks, ccr, fmt(core), fmt(typescriptFull), fmt(full), `${fmt(incremental)} (${Math.round(meanCut)})`, fmt(tries)]));
    }
  }
}

function crossover(a, b, cut, child) {
  const n = a.order.length;
  const taken = new Uint8Array(n);
  for (let k = 0; k < cut; k++) {
    child.order[k] = a.order[k];
    taken[a.order[k]] = 1;
    child.processorOf[a.order[k]] = a.processorOf[a.order[k]];
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

function perSecond(work) {
  for (let i = 0; i < 20; i++) work(); // warm-up
  const start = process.cpuUsage();
  let done = 0;
  let elapsed = 0;
  while (elapsed < 1) {
    done += work();
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1e6;
  }
  return done / elapsed;
}

const fmt = (x) => Math.round(x).toLocaleString('en');

// --- grid ----------------------------------------------------------------------------------------------------
async function grid() {
  console.log(`\n## Grid: ${gridBudget / 1000} s per run, seeds ${seeds.join(',')}, improvement of the makespan over HEFT\n`);
  console.log(`| tasks | CCR | β | variant ${SUMMARY_HEADER}`);
  console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const tasks of [50, 100, 300, 1000]) {
    for (const ccr of [0.1, 1, 5, 10]) {
      for (const heterogeneity of [0.5, 1.0]) {
        for (const variant of ['paper', 'improved']) {
          const runs = [];
          for (const seed of seeds) runs.push(await gaRun(randomCase(tasks, ccr, heterogeneity, seed), { budget: gridBudget, seed, variant }));
          console.log(`| ${tasks} | ${ccr} | ${heterogeneity} | ${variant} ${row(summaryCells(summary(runs)))}`);
        }
      }
    }
  }
}

// --- targets -------------------------------------------------------------------------------------------------
async function targets() {
  console.log(`\n## Target cells: improved variant, ${longBudget / 1000} s per run, seeds ${seeds.join(',')}\n`);
  console.log(`| tasks | CCR | β | target ${SUMMARY_HEADER} met |`);
  console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|:--:|');
  const cells = [
    [100, 5, 'mean >= 15%, each >= 8%', (s) => s.mean >= 0.15 && s.worst >= 0.08],
    [100, 10, 'mean >= 18%, each >= 8%', (s) => s.mean >= 0.18 && s.worst >= 0.08],
    [1000, 5, 'mean >= 3%', (s) => s.mean >= 0.03],
  ];
  for (const [tasks, ccr, target, met] of cells) {
    for (const heterogeneity of [0.5, 1.0]) {
      const runs = [];
      for (const seed of seeds) runs.push(await gaRun(randomCase(tasks, ccr, heterogeneity, seed), { budget: longBudget, seed }));
      const s = summary(runs);
      console.log(`| ${tasks} | ${ccr} | ${heterogeneity} | ${target} ${row(summaryCells(s))} ${met(s) && s.worseThanHeft === 0 ? 'yes' : 'NO'} |`);
    }
  }
  console.log(`\n(load after: ${load()})`);
}

// --- ablation ------------------------------------------------------------------------------------------------
const ABLATION = [
  { label: 'paper (population 50)', variant: 'paper', tuning: PAPER_TUNING, population: 50 },
  { label: 'paper (population 10)', variant: 'paper', tuning: PAPER_TUNING, population: 10 },
  { label: '+ order mutation', tuning: { ...PAPER_TUNING, orderMutationRate: IMPROVED_TUNING.orderMutationRate } },
  {
    label: '+ GA refinements (segment crossover, tournament, elite 10%, distinct survivors, EFT seeds)',
    tuning: { ...IMPROVED_TUNING, descentTargets: 0, walkBudgetPerTask: 0, restartAfter: 0 },
  },
  { label: '+ critical-path descent on newcomers', tuning: { ...IMPROVED_TUNING, walkBudgetPerTask: 0, restartAfter: 0 } },
  { label: '+ plateau walk on the best', tuning: { ...IMPROVED_TUNING, restartAfter: 0 } },
  { label: '+ restarts = improved', tuning: IMPROVED_TUNING },
  { label: 'improved without incremental decoding', tuning: { ...IMPROVED_TUNING, incrementalDecoding: false } },
];

async function ablation() {
  for (const [tasks, budget, cellSeeds] of [
    [100, gridBudget, seeds],
    [1000, longBudget, seeds.slice(0, quick ? 2 : 5)],
  ]) {
    console.log(`\n## What each addition does: ${tasks} tasks, CCR 5, β 1, ${budget / 1000} s per run, seeds ${cellSeeds.join(',')}\n`);
    console.log(`| configuration ${SUMMARY_HEADER}`);
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const config of ABLATION) {
      const runs = [];
      for (const seed of cellSeeds) {
        runs.push(
          await gaRun(randomCase(tasks, 5, 1, seed), {
            budget,
            seed,
            variant: config.variant ?? 'improved',
            tuning: { ...config.tuning, label: config.label },
            population: config.population ?? 10,
          }),
        );
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
    const cluster = generateCluster({ processors: PROCESSORS, seed: file, speed: [1, 2], bandwidth: 125 });
    return { name: `${file} (8 generated processors)`, workflow, cluster };
  });
  return [...wfformat, ...dax].map((c) => ({ ...c, problem: compileProblem(c.workflow, c.cluster) }));
}

async function traces() {
  console.log(`\n## Real traces (WfCommons, Pegasus DAX): ${longBudget / 1000} s per run, seed 1\n`);
  console.log('| trace | tasks | HEFT makespan | paper | improved | improved s/run | improved decodes/s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const instance of traceCases()) {
    const paper = await gaRun(instance, { budget: longBudget, variant: 'paper' });
    const improved = await gaRun(instance, { budget: longBudget });
    console.log(
      row([instance.name, instance.problem.taskCount, paper.heft.toFixed(1), pct(paper.improvement), pct(improved.improvement), (improved.wallMs / 1000).toFixed(2), fmt(improved.decodesPerSecond)]),
    );
  }
}

// --- convergence ---------------------------------------------------------------------------------------------
async function convergence() {
  const convergenceSeeds = seeds.slice(0, quick ? 2 : 5);
  console.log(`\n## Convergence: 100 tasks, CCR 5, β 1, ${longBudget / 1000} s, mean of best/HEFT over seeds ${convergenceSeeds.join(',')}\n`);
  const grid = Array.from({ length: 201 }, (_, i) => (i / 200) * (longBudget / 1000));
  const series = [];
  for (const variant of ['paper', 'improved']) {
    const curves = [];
    for (const seed of convergenceSeeds) {
      const instance = randomCase(100, 5, 1, seed);
      const heftMakespan = makespanOf(heft(instance.problem));
      const points = [];
      await gaRun(instance, { budget: longBudget, seed, variant, onGeneration: (s) => points.push([s.elapsedMs / 1000, s.bestFitness / heftMakespan]) });
      curves.push(points);
    }
    // Best-so-far of each run sampled on a common time grid (1 before its first generation), then averaged.
    const sampled = grid.map((x) => mean(curves.map((points) => points.filter(([t]) => t <= x).at(-1)?.[1] ?? 1)));
    series.push({ label: `${variant}`, points: grid.map((x, i) => [x, sampled[i]]) });
    const at = (sec) => sampled[grid.findIndex((x) => x >= sec)] ?? sampled.at(-1);
    console.log(`${variant}: best/HEFT ${[0.1, 0.5, 1, 2, 5, longBudget / 1000].map((s) => `${s}s ${at(s).toFixed(3)}`).join(', ')}`);
  }
  const file = `${root}libs/schedulers/hybrid-ga/convergence.svg`;
  writeFileSync(
    file,
    convergenceSvg({
      title: `Hybrid GA, 100 tasks, CCR 5, 8 processors: mean over ${convergenceSeeds.length} workflows`,
      xLabel: 'seconds',
      yLabel: 'best makespan / HEFT makespan',
      series,
    }),
  );
  console.log(`plot written to libs/schedulers/hybrid-ga/convergence.svg`);
}

const runners = { speed, grid, targets, ablation, traces, convergence };
for (const suite of suites) {
  if (!runners[suite]) throw new Error(`unknown suite "${suite}"; known: ${Object.keys(runners).join(', ')}`);
  const started = performance.now();
  await runners[suite]();
  console.log(`\n(${suite}: ${((performance.now() - started) / 1000).toFixed(0)} s, load ${load()})`);
}
