import {
  checkSchedule,
  computeMetrics,
  detachedContext,
  makespanOf,
  priorityOrder,
  runScheduler,
  scheduleEarliestFinish,
  SchedulerOptionsError,
  toAssignments,
  upwardRanks,
  validateOptionsSchema,
  type ProgressEvent,
  type SchedulingProblem,
} from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomInstance } from '../testing/random-problem.js';
import { IMPROVED_TUNING } from './tuning.js';
import { hybridGa, hybridGaOptionsSchema, hybridGaPlugin } from './plugin.js';

/** HEFT from core's primitives (what the heft plugin's `heft()` is). */
function heftSchedule(problem: SchedulingProblem) {
  return scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
}

describe('hybrid-ga plugin', () => {
  it('has a valid options schema and metadata', () => {
    expect(validateOptionsSchema(hybridGaOptionsSchema)).toEqual([]);
    expect(hybridGaPlugin.metadata.name).toBe('hybrid-ga');
    expect(hybridGaPlugin.metadata.capabilities).toEqual({ progress: true, cancellable: true, deterministic: true });
  });

  it('is never worse than HEFT and every schedule passes the independent checker (both variants, both objectives)', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemParams({ maxTasks: 25 }),
        fc.constantFrom('improved', 'paper'),
        fc.constantFrom('makespan', 'averageTurnaround'),
        fc.integer({ min: 0, max: 1000 }),
        async (params, variant, objective, seed) => {
          const { problem, workflow, cluster } = randomInstance(params);
          const heft = heftSchedule(problem);
          const run = await runScheduler(hybridGaPlugin, problem, { population: 8, generations: 6, timeBudgetMs: 0, seed, variant, objective });
          // runScheduler has already run checkSchedule (it throws on an invalid schedule); check again explicitly.
          expect(checkSchedule(workflow, cluster, run.assignments).violations).toEqual([]);
          if (objective === 'makespan') expect(run.makespan).toBeLessThanOrEqual(makespanOf(heft));
          else expect(run.metrics.averageTurnaround).toBeLessThanOrEqual(computeMetrics(problem, heft).averageTurnaround * (1 + 1e-12));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives the same schedule for the same seed, and searches differently for another', async () => {
    const { problem } = randomInstance({ tasks: 80, processors: 4, ccr: 5, seed: 21, density: 0.05 });
    const options = { population: 10, generations: 15, timeBudgetMs: 0, seed: 5 };
    const a = await hybridGa(problem, options);
    const b = await hybridGa(problem, options);
    expect(toAssignments(problem, a.schedule)).toEqual(toAssignments(problem, b.schedule));
    expect(a.decodes).toBe(b.decodes);
    const c = await hybridGa(problem, { ...options, seed: 6 });
    expect(c.decodes === a.decodes && c.makespan === a.makespan).toBe(false);
  });

  it('improves on HEFT substantially when communication dominates', async () => {
    // Measured on this instance: improved 17% below HEFT, paper 1%.
    const { problem } = randomInstance({ tasks: 80, processors: 6, ccr: 5, seed: 6, density: 0.05 });
    const heft = makespanOf(heftSchedule(problem));
    const improved = await hybridGa(problem, { population: 10, generations: 60, timeBudgetMs: 0, seed: 1 });
    const paper = await hybridGa(problem, { population: 10, generations: 60, timeBudgetMs: 0, seed: 1, variant: 'paper' });
    expect(improved.makespan).toBeLessThan(0.9 * heft);
    expect(paper.makespan).toBeLessThanOrEqual(heft);
    expect(improved.makespan).toBeLessThan(paper.makespan);
    expect(improved.improvementOverHeft).toBeCloseTo((heft - improved.makespan) / heft, 12);
  });

  it('reports progress once per generation with what a client needs to watch it converge', async () => {
    const { problem } = randomInstance({ tasks: 40, processors: 3, ccr: 5, seed: 2, density: 0.08 });
    const events: ProgressEvent[] = [];
    const result = await hybridGa(problem, { population: 6, generations: 12, timeBudgetMs: 0 }, detachedContext({ reportProgress: (e) => events.push(e) }));
    expect(events).toHaveLength(12);
    expect(events.map((e) => e.data!['generation'])).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(Object.keys(events[0]!.data!).sort()).toEqual(['bestFitness', 'elapsedMs', 'generation', 'improvementOverHeft', 'meanFitness']);
    const fractions = events.map((e) => e.fraction!);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    const best = events.map((e) => e.data!['bestFitness'] as number);
    expect(best).toEqual([...best].sort((a, b) => b - a)); // never gets worse
    expect(best.at(-1)).toBe(result.bestFitness);
    for (const e of events) expect(e.data!['meanFitness'] as number).toBeGreaterThanOrEqual(e.data!['bestFitness'] as number);
  });

  it('stops on the time budget by the context clock (a fake clock here: no real waiting)', async () => {
    const { problem } = randomInstance({ tasks: 30, processors: 3, ccr: 1, seed: 3 });
    let clock = 0;
    const now = () => (clock += 100); // every reading advances 100 ms
    // Without the sampled constructions, whose rounds read the clock too (the next test).
    const tuning = { ...IMPROVED_TUNING, initialConstructions: 0 };
    const result = await hybridGa(problem, { population: 6, generations: 1_000_000, timeBudgetMs: 2000 }, detachedContext({ now }), { tuning });
    expect(result.stoppedBy).toBe('time');
    expect(result.generations).toBeGreaterThan(0);
    expect(result.generations).toBeLessThan(20);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2000);
  });

  it('ends in the sampled constructions when the time budget does, with the best schedule so far', async () => {
    const { problem, workflow, cluster } = randomInstance({ tasks: 30, processors: 3, ccr: 5, seed: 3 });
    let clock = 0;
    const now = () => (clock += 100); // every reading advances 100 ms: 200 constructions in rounds of 6 need 34
    const result = await hybridGa(problem, { population: 6, timeBudgetMs: 1000 }, detachedContext({ now }));
    expect(result.stoppedBy).toBe('time');
    expect(result.generations).toBe(0);
    expect(checkSchedule(workflow, cluster, toAssignments(problem, result.schedule)).valid).toBe(true);
    expect(result.makespan).toBeLessThanOrEqual(makespanOf(heftSchedule(problem)));
  });

  it('has no generation limit by default: the time budget ends the run', async () => {
    const { problem } = randomInstance({ tasks: 12, processors: 3, ccr: 5, seed: 4 });
    // A clock that stands still until 1,500 generations have run (the old default stopped at 1,000), then jumps.
    let generations = 0;
    const now = () => (generations >= 1500 ? 1e9 : 0);
    const result = await hybridGa(problem, { population: 4, threads: 1 }, detachedContext({ now, reportProgress: () => void generations++ }));
    expect(result.stoppedBy).toBe('time');
    expect(result.generations).toBe(1500);
  });

  it('refuses a run with neither a time budget nor a generation limit', async () => {
    const { problem } = randomInstance({ tasks: 5, processors: 2, ccr: 1, seed: 1 });
    await expect(hybridGa(problem, { timeBudgetMs: 0 })).rejects.toThrow(/needs a time budget or a generation limit/);
    await expect(runScheduler(hybridGaPlugin, problem, { timeBudgetMs: 0, generations: 0 })).rejects.toThrow(SchedulerOptionsError);
  });

  it('stops promptly on abort and returns the best schedule so far', async () => {
    const { problem, workflow, cluster } = randomInstance({ tasks: 60, processors: 4, ccr: 5, seed: 6, density: 0.05 });
    const controller = new AbortController();
    let generations = 0;
    const context = detachedContext({
      signal: controller.signal,
      reportProgress: () => {
        if (++generations === 3) controller.abort();
      },
    });
    const result = await hybridGa(problem, { population: 8, generations: 1_000_000, timeBudgetMs: 0 }, context);
    expect(result.stoppedBy).toBe('signal');
    expect(result.generations).toBe(3);
    expect(checkSchedule(workflow, cluster, toAssignments(problem, result.schedule)).valid).toBe(true);
    expect(result.makespan).toBeLessThanOrEqual(makespanOf(heftSchedule(problem)));

    const before = new AbortController();
    before.abort();
    const none = await hybridGa(problem, { population: 8 }, detachedContext({ signal: before.signal }));
    expect(none.generations).toBe(0);
    expect(none.makespan).toBeLessThanOrEqual(makespanOf(heftSchedule(problem)));
  });

  it('cuts a long local search short when the time is up, not at the end of its generation', async () => {
    const { problem } = randomInstance({ tasks: 200, processors: 4, ccr: 5, seed: 7, density: 0.03 });
    // A walk of 10,000 moves per task (2 million decodes) from the first stagnant generation on.
    const tuning = { ...IMPROVED_TUNING, walkAfter: 0, walkBudgetPerTask: 10_000, walkMinPerTask: 10_000, walkMaxPerTask: 10_000 };
    // A clock that advances 1 ms per reading: the search reads it every 32 candidates, so the 300-ms budget ends
    // the walk after some 10,000 candidates, not 2 million.
    let clock = 0;
    const context = detachedContext({ now: () => clock++ });
    const result = await hybridGa(problem, { timeBudgetMs: 300, threads: 1 }, context, { tuning });
    expect(result.stoppedBy).toBe('time');
    expect(result.decodes).toBeLessThan(100_000);
    expect(result.makespan).toBeLessThanOrEqual(makespanOf(heftSchedule(problem)));
  });

  it('validates its options through the contract', async () => {
    const { problem } = randomInstance({ tasks: 5, processors: 2, ccr: 1, seed: 1 });
    await expect(runScheduler(hybridGaPlugin, problem, { generation: 5 })).rejects.toThrow(/options\.generation: unknown option/);
    await expect(runScheduler(hybridGaPlugin, problem, { population: 1 })).rejects.toThrow(SchedulerOptionsError);
    await expect(runScheduler(hybridGaPlugin, problem, { objective: 'cost' })).rejects.toThrow(/must be one of makespan, averageTurnaround/);
    await expect(runScheduler(hybridGaPlugin, problem, { mutationRate: 2 })).rejects.toThrow(/between 0 and 1/);
    // Large enough that neither the lower bound nor an enumeration ends the run first.
    const larger = randomInstance({ tasks: 14, processors: 3, ccr: 5, seed: 1 }).problem;
    const run = await runScheduler(hybridGaPlugin, larger, { generations: 2, timeBudgetMs: 0 });
    expect(run.options).toMatchObject({ population: 0, variant: 'improved', objective: 'makespan', threads: 0, seed: 1 });
    expect(run.info).toMatchObject({ population: 10 });
    expect(run.info).toMatchObject({ generations: 2, stoppedBy: 'generations', threads: 1 });
  });

  it('handles a single task, a single processor and zero-cost workflows', async () => {
    for (const params of [
      { tasks: 1, processors: 3, ccr: 1, seed: 1 },
      { tasks: 12, processors: 1, ccr: 5, seed: 2 },
      { tasks: 15, processors: 3, ccr: 0, seed: 3, zeros: true },
    ]) {
      const { problem } = randomInstance(params);
      const run = await runScheduler(hybridGaPlugin, problem, { population: 4, generations: 5, timeBudgetMs: 0 });
      expect(run.makespan).toBeLessThanOrEqual(makespanOf(heftSchedule(problem)));
    }
  });
});
