import { Random } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomInstance } from '../testing/random-problem.js';
import { firstDifference, isPrecedenceOrder, positionsOf } from './chromosome.js';
import { createIndividual } from './individual.js';
import { randomRankSolution } from './initial-population.js';
import {
  moveInOrder,
  mutateOrder,
  mutateProcessors,
  orderCrossover,
  precedenceWindow,
  processorCrossoverBySegment,
  processorCrossoverByTask,
} from './operators.js';

describe('orderCrossover', () => {
  it("keeps parent A's prefix, then B's order, and stays a precedence order", () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const random = new Random(seed);
        const a = createIndividual(n);
        const b = createIndividual(n);
        randomRankSolution(problem, random, a);
        randomRankSolution(problem, random, b);
        const cut = random.int(0, n);
        const child = new Int32Array(n);
        orderCrossover([a.order, b.order], cut, child, new Uint8Array(n));
        expect(isPrecedenceOrder(problem, child)).toBe(true);
        expect(Array.from(child.subarray(0, cut))).toEqual(Array.from(a.order.subarray(0, cut)));
        const rest = new Set(child.subarray(cut));
        expect(Array.from(child.subarray(cut))).toEqual(Array.from(b.order).filter((t) => rest.has(t)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('processor crossovers', () => {
  const a = Int32Array.from([0, 0, 0, 0, 0]);
  const b = Int32Array.from([1, 1, 1, 1, 1]);

  it('by task index (paper): tasks below the cut from A, the others from B', () => {
    const child = new Int32Array(5);
    processorCrossoverByTask([a, b], 2, child);
    expect(Array.from(child)).toEqual([0, 0, 1, 1, 1]);
  });

  it("by order segment (improved): the child's tasks after the cut take B's processors", () => {
    const child = new Int32Array(5);
    processorCrossoverBySegment([a, b], Int32Array.from([3, 1, 4, 0, 2]), 2, child);
    // positions 0-1 hold tasks 3 and 1 (from A), the rest from B
    expect(Array.from(child)).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('mutateProcessors', () => {
  it('moves each chosen task to another processor and reports the first position changed', () => {
    const { problem } = randomInstance({ tasks: 200, processors: 4, ccr: 1, seed: 1 });
    const individual = createIndividual(200);
    randomRankSolution(problem, new Random(1), individual);
    positionsOf(individual.order, individual.position);
    const before = Int32Array.from(individual.processorOf);
    const first = mutateProcessors(individual, 4, 0.1, new Random(7));
    let changed = 0;
    let earliest = 200;
    for (let t = 0; t < 200; t++) {
      if (individual.processorOf[t] === before[t]) continue;
      changed++;
      earliest = Math.min(earliest, individual.position[t]!);
    }
    expect(changed).toBeGreaterThan(5);
    expect(changed).toBeLessThan(40);
    expect(first).toBe(earliest);
    expect(individual.processorOf.every((p) => p >= 0 && p < 4)).toBe(true);
  });

  it('does nothing with one processor or a zero rate', () => {
    const individual = createIndividual(3);
    expect(mutateProcessors(individual, 1, 1, new Random(1))).toBe(3);
    expect(mutateProcessors(individual, 4, 0, new Random(1))).toBe(3);
  });

  it('with rate 1 changes every task (never re-draws its own processor)', () => {
    const individual = createIndividual(50);
    positionsOf(Int32Array.from({ length: 50 }, (_, i) => i), individual.position);
    mutateProcessors(individual, 2, 1, new Random(3));
    expect(individual.processorOf.every((p) => p === 1)).toBe(true);
  });
});

describe('order moves', () => {
  it('moveInOrder shifts the tasks between and keeps positions in step', () => {
    const order = Int32Array.from([0, 1, 2, 3, 4]);
    const position = positionsOf(order);
    moveInOrder(order, position, 3, 1);
    expect(Array.from(order)).toEqual([0, 3, 1, 2, 4]);
    expect(Array.from(position)).toEqual(Array.from(positionsOf(order)));
    moveInOrder(order, position, 0, 4);
    expect(Array.from(order)).toEqual([3, 1, 2, 4, 0]);
    expect(Array.from(position)).toEqual(Array.from(positionsOf(order)));
  });

  it('mutateOrder keeps precedence, moves one task inside its window and reports where the change starts', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const random = new Random(seed);
        const individual = createIndividual(n);
        randomRankSolution(problem, random, individual);
        positionsOf(individual.order, individual.position);
        const before = { order: Int32Array.from(individual.order), processorOf: Int32Array.from(individual.processorOf) };
        const first = mutateOrder(problem, individual, individual.position, random);
        expect(isPrecedenceOrder(problem, individual.order)).toBe(true);
        expect(Array.from(individual.position)).toEqual(Array.from(positionsOf(individual.order)));
        expect(first).toBe(firstDifference(individual, before));
      }),
      { numRuns: 200 },
    );
  });

  it('precedenceWindow spans from after the last predecessor to before the first successor', () => {
    const { problem } = randomInstance({ tasks: 40, processors: 2, ccr: 1, seed: 4, density: 0.1 });
    const individual = createIndividual(40);
    randomRankSolution(problem, new Random(4), individual);
    const position = positionsOf(individual.order);
    for (let t = 0; t < 40; t++) {
      const { lo, hi } = precedenceWindow(problem, position, t);
      expect(lo).toBeLessThanOrEqual(position[t]!);
      expect(hi).toBeGreaterThanOrEqual(position[t]!);
      for (const to of [lo, hi]) {
        const order = Int32Array.from(individual.order);
        moveInOrder(order, positionsOf(order), position[t]!, to);
        expect(isPrecedenceOrder(problem, order)).toBe(true);
      }
    }
  });
});
