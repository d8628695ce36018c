// The hybrid GA against proven optima: small random workflows (16-22 tasks, 3-4 processors, CCR 1 and 5) solved
// by the exact scheduler (libs/schedulers/exact, branch and bound), the GA's gap to the optimum and HEFT's.
// The optima are cached in tmp/ga-bench/optima.json (git-ignored), so a re-run only runs the GA.
//
// Used by `node tools/bench/ga-bench.mjs optimum` (see there for the options).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { compileProblem, detachedContext, makespanOf } from '@hetsched/core';
import { heft } from '@hetsched/scheduler-heft';
import { hybridGa } from '@hetsched/scheduler-hybrid-ga';
import { cpuClock, load, mean, pct, randomCase, row } from './ga-common.mjs';

/** The grid of the issue: tasks x processors x CCR, heterogeneity 1. */
export const OPTIMUM_CELLS = [16, 22].flatMap((tasks) => [3, 4].flatMap((processors) => [1, 5].map((ccr) => ({ tasks, processors, ccr }))));
/** A GA makespan within this relative distance of the optimum counts as optimal (sums in another order). */
const SAME = 1e-9;

/**
 * @param {{ seeds: number[], budgetMs: number, exactLimitMs: number, cacheFile: string, onRun?: (run: object) => void }} settings
 *   budgetMs: the GA's budget in CPU milliseconds (single thread); exactLimitMs: the exact scheduler's, per problem.
 */
export async function optimumSuite({ seeds, budgetMs, exactLimitMs, cacheFile, onRun }) {
  const optima = new OptimumCache(cacheFile, exactLimitMs);
  const cacheName = relative(process.cwd(), cacheFile);
  console.log(`\n## Gap to the optimum: GA ${budgetMs / 1000} s CPU per run (1 thread), seeds ${seeds[0]}-${seeds.at(-1)}; optima by the exact scheduler (${exactLimitMs / 1000} s CPU limit each, cached in ${cacheName})\n`);
  console.log('| tasks | processors | CCR | proven optima | GA mean gap | GA worst gap | GA at optimum | HEFT mean gap | HEFT at optimum | GA below optimum | load |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const all = [];
  const unproven = [];
  for (const cell of OPTIMUM_CELLS) {
    const runs = [];
    for (const seed of seeds) {
      const instance = randomCase({ ...cell, seed });
      const optimum = await optima.solve(instance);
      const run = await gapRun(instance, optimum.makespan, { seed, budgetMs });
      if (optimum.optimal) runs.push(run);
      else unproven.push({ ...run, lowerBound: optimum.lowerBound });
      onRun?.({ suite: 'optimum', ...cell, ...run, proven: optimum.optimal, lowerBound: optimum.lowerBound });
    }
    all.push(...runs);
    console.log(row([cell.tasks, cell.processors, cell.ccr, `${runs.length}/${seeds.length}`, ...gapCells(runs), load()]));
  }
  console.log(row(['all', '', '', `${all.length}/${seeds.length * OPTIMUM_CELLS.length}`, ...gapCells(all), load()]));
  reportUnproven(unproven);
  optima.report();
}

/**
 * The problems the exact scheduler could not prove are left out of the table above, and they are the hard ones: a
 * sample of proven optima only would flatter the GA. Here the GA against the exact scheduler's best schedule (an
 * upper bound on the optimum) and its proven lower bound on them.
 */
function reportUnproven(runs) {
  if (runs.length === 0) return;
  const better = runs.filter((r) => r.gap < -SAME).length;
  const same = runs.filter((r) => Math.abs(r.gap) <= SAME).length;
  const toBound = runs.map((r) => (r.makespan - r.lowerBound) / r.lowerBound);
  console.log(
    `\nNot proven by the exact scheduler (${runs.length}: ${runs.map((r) => r.case.replace(/ b1/, '')).join(', ')}): the GA is below its best schedule on ${better}, ` +
      `equal on ${same}, above on ${runs.length - better - same} (mean ${pct(mean(runs.map((r) => r.gap)), 2)}); ` +
      `GA above the exact scheduler's lower bound by ${pct(mean(toBound), 1)} on average (at most ${pct(Math.max(...toBound), 1)}).`,
  );
}

/** One GA run (CPU-time budget, one thread) and HEFT on a problem of known optimum. */
async function gapRun(instance, optimum, { seed, budgetMs }) {
  const heftMakespan = makespanOf(heft(instance.problem));
  const result = await hybridGa(instance.problem, { timeBudgetMs: budgetMs, seed, threads: 1 }, detachedContext({ now: cpuClock }));
  return {
    case: instance.name,
    optimum,
    makespan: result.makespan,
    gap: (result.makespan - optimum) / optimum,
    heftGap: (heftMakespan - optimum) / optimum,
    stoppedBy: result.stoppedBy,
    cpuMs: result.elapsedMs,
  };
}

function gapCells(runs) {
  const atOptimum = (gap) => gap <= SAME;
  const share = (gaps) => `${gaps.filter(atOptimum).length}/${gaps.length}`;
  // A GA makespan a rounding below the optimum (other sums) counts as the optimum, not as a negative gap.
  const gaps = runs.map((r) => (Math.abs(r.gap) <= SAME ? 0 : r.gap));
  const heftGaps = runs.map((r) => r.heftGap);
  return [pct(mean(gaps), 2), pct(Math.max(...gaps), 2), share(gaps), pct(mean(heftGaps), 1), share(heftGaps), String(gaps.filter((g) => g < -SAME).length)];
}

/**
 * Optima by case name. A proven optimum is kept whatever the limit; a case the exact scheduler could not prove is
 * solved again when a later run allows it more time.
 */
class OptimumCache {
  constructor(file, limitMs) {
    this.file = file;
    this.limitMs = limitMs;
    this.solved = 0;
    this.entries = {};
    try {
      this.entries = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // No cache yet.
    }
  }

  async solve(instance) {
    const cached = this.entries[instance.name];
    if (cached && (cached.optimal || cached.limitMs >= this.limitMs)) return cached;
    const { solveExact } = await exactScheduler();
    const started = cpuClock();
    const result = await solveExact(instance.problem, { timeLimitMs: this.limitMs, now: cpuClock });
    const entry = { makespan: result.makespan, lowerBound: result.lowerBound, optimal: result.optimal, limitMs: this.limitMs, cpuMs: Math.round(cpuClock() - started), exact: exactVersion() };
    this.entries[instance.name] = entry;
    this.solved++;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(this.entries, null, 1)}\n`);
    return entry;
  }

  report() {
    const entries = Object.values(this.entries);
    const unproven = entries.filter((e) => !e.optimal).length;
    console.log(`\n(${this.solved} optima solved in this run; cache: ${entries.length} cases, ${unproven} not proven within their limit and left out)`);
  }
}

/** The exact scheduler, loaded on first need: only this suite uses it. */
async function exactScheduler() {
  try {
    return await import('@hetsched/scheduler-exact');
  } catch (error) {
    throw new Error(`the optimum suite needs the exact scheduler: npx nx build scheduler-exact (${error.message})`);
  }
}

function exactVersion() {
  return createRequire(import.meta.url)('@hetsched/scheduler-exact/package.json').version;
}

/**
 * The HEFT paper's example (Topcuoglu et al. 2002, fig. 2: 10 tasks, 3 processors; HEFT 80): the GA with default
 * options but a CPU-time budget, seeds as given, against the exact scheduler's proven optimum.
 * @param {{ seeds: number[], budgetMs: number, fixtures: URL, onRun?: (run: object) => void }} settings
 */
export async function paperExampleSuite({ seeds, budgetMs, fixtures, onRun }) {
  const read = (name) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
  const problem = compileProblem(read('workflow.json'), read('cluster.json'));
  const { solveExact } = await exactScheduler();
  const exact = await solveExact(problem, { timeLimitMs: 60_000, now: cpuClock });
  const heftMakespan = makespanOf(heft(problem));
  console.log(`\n## The HEFT paper's example (Topcuoglu et al. 2002, 10 tasks, 3 processors): HEFT ${heftMakespan}, exact scheduler ${exact.makespan} (${exact.optimal ? 'proven optimal' : 'not proven'})\n`);
  console.log(`GA with default options, ${budgetMs / 1000} s CPU budget (1 thread):\n`);
  console.log('| seed | GA makespan | optimal | first reached after (CPU ms, generation) | stopped by | CPU ms | generations | load |');
  console.log('|---:|---:|:--:|---|---|---:|---:|---|');
  for (const seed of seeds) {
    let reached = null;
    const onGeneration = (stats) => {
      if (reached === null && stats.bestFitness <= exact.makespan * (1 + SAME)) reached = stats;
    };
    const result = await hybridGa(problem, { timeBudgetMs: budgetMs, seed, threads: 1 }, detachedContext({ now: cpuClock }), { onGeneration });
    onRun?.({ suite: 'paper', seed, makespan: result.makespan, optimum: exact.makespan, stoppedBy: result.stoppedBy, cpuMs: result.elapsedMs, reachedMs: reached?.elapsedMs });
    const optimal = Math.abs(result.makespan - exact.makespan) <= SAME * exact.makespan;
    // Reached before generation 1 (HEFT or the initial solutions) when no generation reports it first.
    const when = optimal ? (reached ? `${reached.elapsedMs.toFixed(1)} ms, ${reached.generation}` : 'initial population') : '-';
    console.log(row([seed, result.makespan, optimal ? 'yes' : 'NO', when, result.stoppedBy, Math.round(result.elapsedMs), result.generations, load()]));
  }
}
