import { scheduleWithAssignment, type SchedulingProblem } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomInstance } from '../testing/random-problem.js';
import { isPrecedenceOrder } from './chromosome.js';
import { exhaustiveSearch } from './exhaustive.js';
import type { Objective } from './objective.js';
import { hybridGa } from './plugin.js';

/** The objective's primary measure of a decoded schedule: the makespan, or the sum of finish times. */
function primaryOf(problem: SchedulingProblem, order: ArrayLike<number>, processorOf: ArrayLike<number>, objective: Objective): number {
  const { finish } = scheduleWithAssignment(problem, Int32Array.from(order), Int32Array.from(processorOf));
  return objective === 'makespan' ? finish.reduce((a, b) => Math.max(a, b), 0) : finish.reduce((a, b) => a + b, 0);
}

/** Naive reference: every permutation that is a precedence order, with every processor vector, decoded by core. */
function bruteForceOptimum(problem: SchedulingProblem, objective: Objective): number {
  const n = problem.taskCount;
  const m = problem.processorCount;
  let best = Infinity;
  const permutations = (prefix: number[]): number[][] =>
    prefix.length === n ? [prefix] : Array.from({ length: n }, (_, t) => t).filter((t) => !prefix.includes(t)).flatMap((t) => permutations([...prefix, t]));
  for (const order of permutations([]).filter((candidate) => isPrecedenceOrder(problem, candidate))) {
    for (let code = 0; code < m ** n; code++) {
      const processorOf = Array.from({ length: n }, (_, t) => Math.floor(code / m ** t) % m);
      best = Math.min(best, primaryOf(problem, order, processorOf, objective));
    }
  }
  return best;
}

describe('exhaustiveSearch', () => {
  it('finds the optimum of a brute force over every chromosome, or proves the incumbent optimal', () => {
    fc.assert(
      fc.property(
        problemParams({ maxTasks: 5, maxProcessors: 3 }),
        fc.constantFrom<Objective>('makespan', 'averageTurnaround'),
        fc.double({ min: 1, max: 1.5, noNaN: true }),
        (params, objective, slack) => {
          const { problem } = randomInstance(params);
          const optimum = bruteForceOptimum(problem, objective);
          // An incumbent somewhat above the optimum, or exactly at it (then nothing strictly better exists).
          const incumbent = slack < 1.1 ? optimum : optimum * slack;
          const outcome = exhaustiveSearch(problem, objective, incumbent, 10_000_000);
          expect(outcome).not.toBeNull();
          // Sums of finish times may differ in the last bits with the order of summation: compare to 1e-9.
          const { better } = outcome!;
          if (better === null) {
            expect(optimum).toBeGreaterThanOrEqual(incumbent * (1 - 1e-9));
          } else {
            expect(isPrecedenceOrder(problem, better.order)).toBe(true);
            expect(primaryOf(problem, better.order, better.processorOf, objective)).toBeCloseTo(optimum, 9);
          }
          if (optimum < incumbent * (1 - 1e-9)) expect(better).not.toBeNull();
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);

  it('gives up (null) when the budget runs out before the enumeration ends', () => {
    const { problem } = randomInstance({ tasks: 12, processors: 4, ccr: 5, seed: 3 });
    expect(exhaustiveSearch(problem, 'makespan', Infinity, 1000)).toBeNull();
  });

  it('ends a run on a small problem with the proven optimum, whatever the time budget', async () => {
    const { problem } = randomInstance({ tasks: 5, processors: 2, ccr: 5, seed: 8 });
    const optimum = bruteForceOptimum(problem, 'makespan');
    const result = await hybridGa(problem, { timeBudgetMs: 3_600_000, threads: 1 });
    expect(result.stoppedBy).toBe('optimal');
    expect(result.generations).toBe(0);
    expect(result.makespan).toBe(optimum);
  }, 60_000);
});
