import { priorityOrder, Random, scheduleWithAssignment, upwardRanks, type SchedulingProblem } from '@hetsched/core';
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
      { numRuns: 150 },
    );
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
