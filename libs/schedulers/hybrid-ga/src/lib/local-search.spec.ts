import { compileProblem, Random, scheduleWithAssignment, type SchedulingProblem } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomInstance } from '../testing/random-problem.js';
import { isPrecedenceOrder, positionsOf } from './chromosome.js';
import { Decoder } from './decoder.js';
import { copyIndividual, createIndividual, type Individual } from './individual.js';
import type { Objective } from './objective.js';
import { randomRankSolution } from './initial-population.js';
import { LocalSearch } from './local-search.js';

function start(problem: SchedulingProblem, seed: number): Individual {
  const individual = createIndividual(problem.taskCount);
  randomRankSolution(problem, new Random(seed), individual);
  positionsOf(individual.order, individual.position);
  new Decoder(problem).decode(individual);
  return individual;
}

const measures = (problem: SchedulingProblem, individual: Individual) => {
  const schedule = scheduleWithAssignment(problem, individual.order, individual.processorOf);
  return { makespan: Math.max(0, ...schedule.finish), finishSum: schedule.finish.reduce((a, b) => a + b, 0), schedule };
};

describe('LocalSearch', () => {
  it.each(['makespan', 'averageTurnaround'] as Objective[])(
    'descent and walk never make the %s worse, and report the schedule they leave',
    (objective) => {
      fc.assert(
        fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), fc.boolean(), (params, seed, walk) => {
          const { problem } = randomInstance(params);
          const search = new LocalSearch(new Decoder(problem, { objective }));
          const individual = start(problem, seed);
          const before = measures(problem, individual);
          const result = walk ? search.walk(individual, new Random(seed), 300) : search.descend(individual, new Random(seed), 300);
          const after = measures(problem, individual);
          expect(isPrecedenceOrder(problem, individual.order)).toBe(true);
          expect(result.trials).toBeLessThanOrEqual(300);
          expect(result.makespan).toBe(after.makespan);
          expect(result.finishSum).toBeCloseTo(after.finishSum, 6);
          expect(Array.from(individual.finish)).toEqual(Array.from(after.schedule.finish));
          if (objective === 'makespan') expect(after.makespan).toBeLessThanOrEqual(before.makespan);
          else expect(after.finishSum).toBeLessThanOrEqual(before.finishSum * (1 + 1e-12));
        }),
        { numRuns: 60 },
      );
    },
  );

  it('improves a random solution of a communication-heavy workflow a lot', () => {
    const { problem } = randomInstance({ tasks: 60, processors: 4, ccr: 5, seed: 8, density: 0.05 });
    const search = new LocalSearch(new Decoder(problem));
    const individual = start(problem, 1);
    const before = measures(problem, individual).makespan;
    const result = search.descend(individual, new Random(1), 5000);
    expect(result.localOptimum).toBe(true);
    expect(result.makespan).toBeLessThan(0.7 * before);
  });

  it('gives the same result with and without incremental decoding and cutoffs (they only skip work)', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const a = start(problem, seed);
        const b = createIndividual(problem.taskCount);
        copyIndividual(a, b);
        new LocalSearch(new Decoder(problem), { incremental: true }).walk(a, new Random(seed), 200);
        new LocalSearch(new Decoder(problem), { incremental: false }).walk(b, new Random(seed), 200);
        expect(Array.from(a.order)).toEqual(Array.from(b.order));
        expect(Array.from(a.processorOf)).toEqual(Array.from(b.processorOf));
        new LocalSearch(new Decoder(problem), { incremental: true }).descend(a, new Random(seed), 200);
        new LocalSearch(new Decoder(problem), { incremental: false }).descend(b, new Random(seed), 200);
        expect(Array.from(a.order)).toEqual(Array.from(b.order));
        expect(Array.from(a.processorOf)).toEqual(Array.from(b.processorOf));
      }),
      {
        numRuns: 60,
        // Coincident zero-length tasks, listed in another order after a rollback and replay than after a full
        // decode: the critical chain once depended on that order.
        examples: [[{ tasks: 25, processors: 4, ccr: 1, seed: 400643, heterogeneousNetwork: true, zeros: true }, 600079]],
      },
    );
  });

  it('walks the critical chain through data-bound and processor-bound links', () => {
    // a -> b with a heavy transfer across processors; c waits for b on b's processor; d is off the chain.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', work: 5 },
          { id: 'b', work: 10 },
          { id: 'c', work: 10 },
          { id: 'd', work: 1 },
        ],
        edges: [
          { from: 'a', to: 'b', data: 20 },
          { from: 'a', to: 'd', data: 0 },
        ],
      },
      { processors: [{ id: 'p0' }, { id: 'p1' }] },
    );
    const at = (id: string) => problem.taskIndex.get(id)!;
    const individual = createIndividual(4);
    individual.order.set(['a', 'b', 'c', 'd'].map(at));
    individual.processorOf[at('a')] = 0;
    individual.processorOf[at('b')] = 1;
    individual.processorOf[at('c')] = 1;
    individual.processorOf[at('d')] = 0;
    // b starts on p1 at 5 + 20 = 25 (data-bound); c, placed after it, fits into p1's idle gap [0, 25), so the
    // makespan is b's finish, 35, and the chain is b <- a.
    const search = new LocalSearch(new Decoder(problem));
    expect(Array.from(search.criticalChainOf(individual), (t) => problem.taskIds[t])).toEqual(['b', 'a']);
    // Make c too long for the gap: it now runs after b and ends last: c <- b (processor) <- a (data).
    const longer = compileProblem(
      { ...problem.workflow, tasks: problem.workflow.tasks.map((t) => (t.id === 'c' ? { ...t, work: 30 } : t)) },
      problem.cluster,
    );
    const search2 = new LocalSearch(new Decoder(longer));
    expect(Array.from(search2.criticalChainOf(individual), (t) => longer.taskIds[t])).toEqual(['c', 'b', 'a']);
  });
});
