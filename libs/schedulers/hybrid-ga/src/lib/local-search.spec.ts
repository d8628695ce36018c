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
    60_000,
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

  it('escapes a local optimum of single-task moves by moving a whole processor\'s tasks', () => {
    // a -> b with 100 units of data; both cost 5 on p0 and 10 on p1, and both start on p1: makespan 10 + 10 = 20.
    // Moving one task to p0 alone pays the transfer (a on p0: b starts at 5 + 100; b on p0: it starts at 10 + 100),
    // and re-ordering changes nothing, so no single move improves. Both on p0 (an exchange of p0 and p1, or p1
    // merged into p0): 5 + 5 = 10.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', costs: { p0: 5, p1: 10 } },
          { id: 'b', costs: { p0: 5, p1: 10 } },
        ],
        edges: [{ from: 'a', to: 'b', data: 100 }],
      },
      { processors: [{ id: 'p0' }, { id: 'p1' }], network: { bandwidth: 1, latency: 0 } },
    );
    const onP1 = () => {
      const individual = createIndividual(2);
      individual.order.set([problem.taskIndex.get('a')!, problem.taskIndex.get('b')!]);
      individual.processorOf.fill(1);
      positionsOf(individual.order, individual.position);
      return individual;
    };
    const single = new LocalSearch(new Decoder(problem), { relabelMoves: false }).descend(onP1(), new Random(1), 100);
    expect(single.makespan).toBe(20);
    expect(single.localOptimum).toBe(true);
    const relabelled = onP1();
    const result = new LocalSearch(new Decoder(problem)).descend(relabelled, new Random(1), 100);
    expect(result.makespan).toBe(10);
    expect(Array.from(relabelled.processorOf)).toEqual([0, 0]);
  });

  it('walks without making the other measure worse either, unless told to drift on equal objectives', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const tieBreak = start(problem, seed);
        const drift = createIndividual(problem.taskCount);
        copyIndividual(tieBreak, drift);
        const before = measures(problem, tieBreak);
        const kept = new LocalSearch(new Decoder(problem)).walk(tieBreak, new Random(seed), 300);
        expect(kept.makespan).toBeLessThanOrEqual(before.makespan);
        if (kept.makespan === before.makespan) expect(kept.finishSum).toBeLessThanOrEqual(before.finishSum * (1 + 1e-12));
        const drifted = new LocalSearch(new Decoder(problem), { walkTieBreak: false }).walk(drift, new Random(seed), 300);
        expect(drifted.makespan).toBeLessThanOrEqual(before.makespan);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('gives the same search whichever decoder runs the candidates (WebAssembly or TypeScript)', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<Objective>('makespan', 'averageTurnaround'), (params, seed, objective) => {
        const { problem } = randomInstance(params);
        const a = start(problem, seed);
        const b = createIndividual(problem.taskCount);
        copyIndividual(a, b);
        const wasm = new LocalSearch(new Decoder(problem, { objective }));
        const plain = new LocalSearch(new Decoder(problem, { objective, useWasm: false }));
        for (const step of ['walk', 'descend'] as const) {
          const resultA = wasm[step](a, new Random(seed), 200);
          const resultB = plain[step](b, new Random(seed), 200);
          expect(resultA).toEqual(resultB);
          expect(Array.from(a.order)).toEqual(Array.from(b.order));
          expect(Array.from(a.processorOf)).toEqual(Array.from(b.processorOf));
          expect(Array.from(a.finish)).toEqual(Array.from(b.finish));
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

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
