// Thread scaling of the hybrid GA: the same run (a fixed number of generations, so the same jobs and, by the
// GA's design, the same schedule) on 1, 2 and all of the machine's cores, wall-clock; then the improvement over
// HEFT reached in a fixed wall-clock budget with each thread count. The core counts come from the machine, so the
// script reports a bigger machine's scaling as it is. Used by `node tools/bench/ga-bench.mjs scaling`.
import { availableParallelism, cpus } from 'node:os';
import { makespanOf } from '@hetsched/core';
import { heft } from '@hetsched/scheduler-heft';
import { hybridGa } from '@hetsched/scheduler-hybrid-ga';
import { cpuClock, load, pct, randomCase, row } from './ga-common.mjs';

/** Fixed-work runs: enough generations for a few seconds on one thread. */
const FIXED_WORK = [
  { tasks: 1000, ccr: 5, generations: 40 },
  { tasks: 300, ccr: 5, generations: 150 },
];

/** 1, 2 and every core the machine offers (fewer on a 1- or 2-core machine). */
export function threadCounts() {
  return [...new Set([1, 2, availableParallelism()])].filter((t) => t <= Math.max(1, availableParallelism())).sort((a, b) => a - b);
}

/**
 * @param {{ repeats: number, budgetMs: number, seeds: number[], onRun?: (run: object) => void }} settings
 */
export async function scalingSuite({ repeats, budgetMs, seeds, onRun }) {
  const counts = threadCounts();
  console.log(`\n## Thread scaling: ${availableParallelism()} cores available (${cpus()[0]?.model ?? 'unknown CPU'}), threads ${counts.join(', ')}\n`);
  console.log(`Same work (a generation limit, seed 1), wall clock, median of ${repeats}; speedup = time on 1 thread / time on k:\n`);
  console.log('| tasks | CCR | generations | threads | wall s | CPU s | speedup | efficiency | same schedule as 1 thread | load |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|:--:|---|');
  for (const work of FIXED_WORK) await fixedWork(work, counts, { repeats, onRun });
  console.log(`\nSame wall-clock budget (${budgetMs / 1000} s), improvement over HEFT, seeds ${seeds.join(',')}:\n`);
  console.log('| tasks | CCR | threads | mean improvement | per seed | generations (mean) | load |');
  console.log('|---:|---:|---:|---:|---|---:|---|');
  for (const threads of counts) await fixedTime({ tasks: 1000, ccr: 5 }, threads, { budgetMs, seeds, onRun });
}

async function fixedWork({ tasks, ccr, generations }, counts, { repeats, onRun }) {
  const { problem } = randomCase({ tasks, ccr, seed: 1 });
  let reference = null;
  let single = 0;
  for (const threads of counts) {
    const timings = [];
    let result = null;
    for (let r = 0; r < repeats; r++) {
      const wallStart = performance.now();
      const cpuStart = cpuClock();
      result = await hybridGa(problem, { generations, timeBudgetMs: 0, seed: 1, threads });
      timings.push({ wall: performance.now() - wallStart, cpu: cpuClock() - cpuStart });
    }
    const { wall, cpu } = timings.sort((a, b) => a.wall - b.wall)[Math.floor(timings.length / 2)];
    reference ??= result;
    if (threads === 1) single = wall;
    const same = result.makespan === reference.makespan && result.decodes === reference.decodes;
    const speedup = single / wall;
    onRun?.({ suite: 'scaling', tasks, ccr, generations, threads, wallMs: wall, cpuMs: cpu, makespan: result.makespan, load: load() });
    console.log(row([tasks, ccr, generations, result.threads, (wall / 1000).toFixed(2), (cpu / 1000).toFixed(2), `${speedup.toFixed(2)}x`, pct(speedup / threads, 0), same ? 'yes' : 'NO', load()]));
  }
}

async function fixedTime({ tasks, ccr }, threads, { budgetMs, seeds, onRun }) {
  const improvements = [];
  const generations = [];
  for (const seed of seeds) {
    const { problem } = randomCase({ tasks, ccr, seed });
    const heftMakespan = makespanOf(heft(problem));
    const result = await hybridGa(problem, { timeBudgetMs: budgetMs, seed, threads });
    improvements.push((heftMakespan - result.makespan) / heftMakespan);
    generations.push(result.generations);
    onRun?.({ suite: 'scaling-time', tasks, ccr, threads, seed, budgetMs, improvement: improvements.at(-1), generations: result.generations, load: load() });
  }
  const mean = improvements.reduce((a, b) => a + b, 0) / improvements.length;
  const meanGenerations = generations.reduce((a, b) => a + b, 0) / generations.length;
  console.log(row([tasks, ccr, threads, pct(mean), improvements.map((x) => pct(x)).join(' '), Math.round(meanGenerations), load()]));
}
