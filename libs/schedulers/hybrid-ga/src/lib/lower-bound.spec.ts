import { compileProblem, Random, type ClusterSpec } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomIndividual, randomInstance } from '../testing/random-problem.js';
import { Decoder } from './decoder.js';
import { objectiveLowerBound } from './lower-bound.js';
import { hybridGa } from './plugin.js';

const twoProcessors: ClusterSpec = { processors: [{ id: 'p0' }, { id: 'p1' }], network: { bandwidth: 1, latency: 0 } };

describe('objectiveLowerBound', () => {
  // a -> b (a heavy transfer, free when they share a processor) and an independent c; costs on (p0, p1).
  const problem = compileProblem(
    {
      tasks: [
        { id: 'a', costs: { p0: 2, p1: 3 } },
        { id: 'b', costs: { p0: 4, p1: 1 } },
        { id: 'c', costs: { p0: 5, p1: 6 } },
      ],
      edges: [{ from: 'a', to: 'b', data: 100 }],
    },
    twoProcessors,
  );

  it('is the longer of the cheapest critical path and the cheapest work per processor (makespan)', () => {
    // Path a -> b at cheapest costs: 2 + 1 = 3; c alone: 5. Work: (2 + 1 + 5) / 2 = 4. Bound: max(3, 5, 4) = 5.
    expect(objectiveLowerBound(problem, 'makespan')).toBe(5);
  });

  it('is the mean of the cheapest chain finishes (average turnaround)', () => {
    // Earliest finishes at cheapest costs with free transfers: a 2, b 2 + 1 = 3, c 5; mean 10 / 3.
    expect(objectiveLowerBound(problem, 'averageTurnaround')).toBeCloseTo(10 / 3, 12);
  });

  it('is never above the measures of any decoded schedule', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const decoder = new Decoder(problem);
        const random = new Random(seed);
        const makespanBound = objectiveLowerBound(problem, 'makespan');
        const turnaroundBound = objectiveLowerBound(problem, 'averageTurnaround');
        for (let i = 0; i < 5; i++) {
          const individual = randomIndividual(problem, random);
          decoder.decode(individual);
          expect(decoder.makespan).toBeGreaterThanOrEqual(makespanBound * (1 - 1e-12));
          expect(decoder.finishSum / problem.taskCount).toBeGreaterThanOrEqual(turnaroundBound * (1 - 1e-12));
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('ends a run as soon as the best schedule meets it, however long the budget', async () => {
    // Four independent tasks of cost 5 on two identical processors: bound max(5, 20 / 2) = 10, which HEFT's schedule
    // (two tasks per processor) attains in generation 0.
    const independent = compileProblem({ tasks: ['w', 'x', 'y', 'z'].map((id) => ({ id, work: 5 })), edges: [] }, twoProcessors);
    const result = await hybridGa(independent, { timeBudgetMs: 3_600_000, threads: 1 });
    expect(result.stoppedBy).toBe('optimal');
    expect(result.generations).toBe(0);
    expect(result.makespan).toBe(10);
    expect(result.lowerBound).toBe(10);
  });
});
