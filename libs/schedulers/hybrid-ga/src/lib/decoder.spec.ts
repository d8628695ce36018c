import { compileProblem, priorityOrder, Random, scheduleWithAssignment, upwardRanks, type SchedulingProblem } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomIndividual, randomInstance } from '../testing/random-problem.js';
import { firstDifference, isPrecedenceOrder, positionsOf } from './chromosome.js';
import { Decoder, successorTails } from './decoder.js';
import { copyIndividual, createIndividual, type Individual } from './individual.js';
import { mutateOrder, mutateProcessors, orderCrossover, processorCrossoverBySegment } from './operators.js';

function expectSameSchedule(problem: SchedulingProblem, individual: Individual): void {
  const reference = scheduleWithAssignment(problem, individual.order, individual.processorOf);
  expect(Array.from(individual.start)).toEqual(Array.from(reference.start));
  expect(Array.from(individual.finish)).toEqual(Array.from(reference.finish));
}

function makespanOf(individual: Individual): number {
  return individual.finish.reduce((a, b) => Math.max(a, b), 0);
}

/** Task indices of the gap case, in the order of its workflow's tasks (compileProblem keeps that order). */
const [A, B, T] = [0, 1, 2];
/** B's cost: any positive one (only its start, the end of T's gap, matters). */
const BLOCKER_COST = 1;

/**
 * The fast-check counterexample (seed -814986956, path "53": 28 tasks, task 9 ready at 260.83000000000004 with
 * cost 6.15 before an interval starting at 266.98) shrunk to three tasks on two processors, network of
 * bandwidth 1 and no latency. A runs on p0 over [0, a]; B (edge A→B carrying e) is ready on p1 at S = a + e and
 * starts there; T (edge A→T carrying b), decoded after B on p1, is ready at x = a + b < S and costs d, so it
 * goes into the gap [0, S] iff x + d <= S (core's rule), and after B otherwise. Order A, B, T; processors
 * 0, 1, 1.
 */
function gapCase({ a, b, e, d }: { a: number; b: number; e: number; d: number }): { problem: SchedulingProblem; individual: Individual } {
  const both = (cost: number) => ({ p0: cost, p1: cost });
  const problem = compileProblem(
    {
      tasks: [
        { id: 'A', costs: both(a) },
        { id: 'B', costs: both(BLOCKER_COST) },
        { id: 'T', costs: both(d) },
      ],
      edges: [
        { from: 'A', to: 'B', data: e },
        { from: 'A', to: 'T', data: b },
      ],
    },
    { processors: [{ id: 'p0' }, { id: 'p1' }], network: { bandwidth: 1, latency: 0 } },
  );
  const individual = createIndividual(3);
  individual.order.set([A, B, T]);
  individual.processorOf.set([0, 1, 1]);
  positionsOf(individual.order, individual.position);
  return { problem, individual };
}

describe('Decoder', () => {
  it("gives core's scheduleWithAssignment schedule bit for bit (insertion, zero costs, zero data, links)", () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const decoder = new Decoder(problem);
        const random = new Random(seed);
        for (let i = 0; i < 3; i++) {
          const individual = randomIndividual(problem, random);
          expect(decoder.decode(individual)).toBe(true);
          expectSameSchedule(problem, individual);
          expect(decoder.makespan).toBe(makespanOf(individual));
          expect(decoder.finishSum).toBeCloseTo(individual.finish.reduce((a, b) => a + b, 0), 9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('decodes HEFT order with HEFT-like processors identically when reused many times', () => {
    const { problem } = randomInstance({ tasks: 200, processors: 6, ccr: 5, seed: 11 });
    const decoder = new Decoder(problem);
    const individual = createIndividual(problem.taskCount);
    individual.order.set(priorityOrder(problem, upwardRanks(problem)));
    const random = new Random(3);
    for (let round = 0; round < 20; round++) {
      for (let t = 0; t < problem.taskCount; t++) individual.processorOf[t] = random.int(0, problem.processorCount - 1);
      decoder.decode(individual);
      expectSameSchedule(problem, individual);
    }
  });

  it('grows a processor\'s list past its first capacity (every task on one processor of many)', () => {
    const { problem } = randomInstance({ tasks: 300, processors: 6, ccr: 1, seed: 12 });
    const decoder = new Decoder(problem);
    const individual = randomIndividual(problem, new Random(1));
    individual.processorOf.fill(5);
    decoder.decode(individual);
    expectSameSchedule(problem, individual);
    individual.processorOf.fill(0);
    decoder.decode(individual);
    expectSameSchedule(problem, individual);
  });

  it.each([
    ['TypeScript: replays the prefix', false],
    ['WebAssembly: decodes in full', true],
  ])('re-decodes a child from its first difference with the parent exactly as from scratch (%s)', (_, useWasm) => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const decoder = new Decoder(problem, { useWasm });
        const random = new Random(seed);
        const a = randomIndividual(problem, random);
        const b = randomIndividual(problem, random);
        decoder.decode(a);
        const child = createIndividual(n);
        const cut = random.int(0, n);
        orderCrossover([a.order, b.order], cut, child.order, new Uint8Array(n));
        processorCrossoverBySegment([a.processorOf, b.processorOf], child.order, cut, child.processorOf);
        positionsOf(child.order, child.position);
        // The segment crossover leaves the child equal to parent a up to the cut; mutation may change it earlier.
        expect(firstDifference(child, a)).toBeGreaterThanOrEqual(cut);
        mutateProcessors(child, problem.processorCount, 0.1, random);
        const first = firstDifference(child, a);
        decoder.decodeFrom(child, first, a);
        expectSameSchedule(problem, child);
        expect(Array.from(child.position)).toEqual(Array.from(positionsOf(child.order)));
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['full decodes in TypeScript', false],
    ['full decodes in WebAssembly, timelines handed over', true],
  ])('tries candidates from the loaded solution: complete ones are exact, stopped ones really are worse (%s)', (_, useWasm) => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const decoder = new Decoder(problem, { useWasm });
        const random = new Random(seed);
        const current = randomIndividual(problem, random);
        decoder.decode(current);
        decoder.load(current);
        const reference = createIndividual(n);
        const trial = createIndividual(n);
        for (let i = 0; i < 12; i++) {
          copyIndividual(current, trial);
          let first = n;
          if (random.chance(0.5)) first = Math.min(first, mutateProcessors(trial, problem.processorCount, 0.2, random));
          else first = Math.min(first, mutateOrder(problem, trial, trial.position, random));
          if (first === n) continue;
          const cutoff = random.chance(0.5) ? null : { primary: makespanOf(current), secondary: Infinity };
          const complete = decoder.tryFrom(trial, first, cutoff);
          copyIndividual(trial, reference);
          scheduleWithAssignment(problem, reference.order, reference.processorOf, undefined, {
            processorOf: new Int32Array(n),
            start: reference.start,
            finish: reference.finish,
          });
          if (complete) {
            expect(Array.from(trial.finish)).toEqual(Array.from(reference.finish));
            // Sometimes make it the new base, as the local search does after an accepted move.
            if (random.chance(0.5)) {
              copyIndividual(trial, current);
              decoder.decode(current);
              decoder.load(current);
            }
          } else {
            expect(makespanOf(reference)).toBeGreaterThan(cutoff!.primary);
          }
        }
      }),
      // The example is the case seed -814986956 found (a gap exactly a task's cost; see gapCase).
      { numRuns: 150, examples: [[{ tasks: 28, processors: 5, ccr: 1, seed: 238178, heterogeneousNetwork: false, zeros: false }, 767725]] },
    );
  });

  describe.each([
    ['TypeScript', false],
    ['WebAssembly', true],
  ])('fits a task into a gap exactly its length by start + duration <= end, as core does (%s)', (_, useWasm) => {
    it.each([
      // x = 0.1 + 0.2 = 0.30000000000000004, S = 0.1 + 0.4 = 0.5, x + 0.2 = 0.5 <= S: T starts at x, in the gap
      // (S - x = 0.19999999999999996 < 0.2: the old test missed the gap and started T at B's finish).
      ['fits although end - start < duration', { a: 0.1, b: 0.2, e: 0.4, d: 0.2 }, true],
      // x = 0.1 + 0.6 = 0.7, S = 0.1 + 2.8 = 2.9, x + 2.2 = 2.9000000000000004 > S: T starts at B's finish S + 1
      // (S - x = 2.2 >= 2.2: the old test put T in the gap, overlapping B by one ulp).
      ['does not fit although end - start >= duration', { a: 0.1, b: 0.6, e: 2.8, d: 2.2 }, false],
    ])('%s', (_name, times, fits) => {
      const { a, b, e, d } = times;
      const [x, gapEnd] = [a + b, a + e];
      // The case is a floating-point tie: the two ways of comparing disagree.
      expect(x + d <= gapEnd).toBe(fits);
      expect(gapEnd - x >= d).toBe(!fits);
      const expectedStart = [0, gapEnd, fits ? x : gapEnd + BLOCKER_COST];
      const { problem, individual } = gapCase(times);
      expect(Array.from(scheduleWithAssignment(problem, individual.order, individual.processorOf).start)).toEqual(expectedStart);

      const decoder = new Decoder(problem, { useWasm });
      expect(decoder.decode(individual)).toBe(true);
      expect(Array.from(individual.start)).toEqual(expectedStart);
      // The same placement from a loaded solution that had T on p0 (tryFrom at T's position).
      const loaded = createIndividual(3);
      copyIndividual(individual, loaded);
      loaded.processorOf[T] = 0;
      decoder.decode(loaded);
      decoder.load(loaded);
      const trial = createIndividual(3);
      copyIndividual(loaded, trial);
      trial.processorOf[T] = 1;
      expect(decoder.tryFrom(trial, trial.position[T]!, null)).toBe(true);
      expect(Array.from(trial.start)).toEqual(expectedStart);
    });
  });

  it('stops at the cutoff early and counts what it placed', () => {
    const { problem } = randomInstance({ tasks: 300, processors: 4, ccr: 5, seed: 5 });
    const decoder = new Decoder(problem);
    const individual = randomIndividual(problem, new Random(1));
    decoder.decode(individual);
    const full = decoder.makespan;
    const before = decoder.placements;
    expect(decoder.decode(individual, { primary: full / 4, secondary: Infinity })).toBe(false);
    expect(decoder.placements - before).toBeLessThan(problem.taskCount);
    expect(decoder.decode(individual, { primary: full, secondary: Infinity })).toBe(true);
  });

  it('bounds the rest of any schedule by the successor tails', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const tails = successorTails(problem);
        const individual = randomIndividual(problem, new Random(seed));
        new Decoder(problem).decode(individual);
        const makespan = makespanOf(individual);
        for (let t = 0; t < problem.taskCount; t++) expect(individual.finish[t]! + tails[t]!).toBeLessThanOrEqual(makespan * (1 + 1e-12));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps random-rank orders precedence orders', () => {
    const { problem } = randomInstance({ tasks: 80, processors: 3, ccr: 1, seed: 9 });
    const random = new Random(2);
    for (let i = 0; i < 10; i++) expect(isPrecedenceOrder(problem, randomIndividual(problem, random).order)).toBe(true);
  });
});
