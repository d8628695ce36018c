import { compileProblem, Random, scheduleWithAssignment, makespanOf, type ClusterSpec, type SchedulingProblem, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { randomInstance } from '../testing/random-problem.js';
import { createIndividual } from './individual.js';
import { couplingFactors, followProbability } from './coupling.js';
import { couplingSolution, heftChromosome } from './initial-population.js';

const twoProcessors: ClusterSpec = { processors: [{ id: 'p0' }, { id: 'p1' }], network: { bandwidth: 1, latency: 0 } };

/** a -> b (data 50), a -> c (data 5), a -> e (data 20); b, c -> d (data 10 each); e is an exit task. */
const forkJoin: WorkflowSpec = {
  tasks: [
    { id: 'a', work: 10 },
    { id: 'b', work: 10 },
    { id: 'c', work: 10 },
    { id: 'd', work: 20 },
    { id: 'e', work: 40 },
  ],
  edges: [
    { from: 'a', to: 'b', data: 50 },
    { from: 'a', to: 'c', data: 5 },
    { from: 'a', to: 'e', data: 20 },
    { from: 'b', to: 'd', data: 10 },
    { from: 'c', to: 'd', data: 10 },
  ],
};

describe('couplingFactors', () => {
  const problem = compileProblem(forkJoin, twoProcessors);
  const { factor, strongestPredecessor } = couplingFactors(problem);
  const at = (id: string) => problem.taskIndex.get(id)!;

  it('is CF(i) = mean over predecessors j of c̄(j,i) / NS_j, divided by w̄_i', () => {
    // a has 3 successors: κ(a,b) = 50/3, κ(a,c) = 5/3, κ(a,e) = 20/3; b and c have one successor each.
    expect(factor[at('b')]).toBeCloseTo(50 / 3 / 10, 12);
    expect(factor[at('c')]).toBeCloseTo(5 / 3 / 10, 12);
    expect(factor[at('e')]).toBeCloseTo(20 / 3 / 40, 12);
    // d joins two edges of 10 from single-successor tasks: mean κ = 10, w̄ = 20.
    expect(factor[at('d')]).toBeCloseTo(10 / 20, 12);
    expect(factor[at('a')]).toBe(0);
  });

  it('names the predecessor with the strongest edge (first listed on ties), none for entry tasks', () => {
    expect(strongestPredecessor[at('a')]).toBe(-1);
    expect(strongestPredecessor[at('b')]).toBe(at('a'));
    expect(strongestPredecessor[at('d')]).toBe(at('b'));
  });

  it('is dimensionless: scaling every cost and data volume leaves it unchanged', () => {
    const scaled: WorkflowSpec = {
      tasks: forkJoin.tasks.map((t) => ({ ...t, work: t.work! * 7 })),
      edges: forkJoin.edges.map((e) => ({ ...e, data: e.data! * 7 })),
    };
    const again = couplingFactors(compileProblem(scaled, twoProcessors)).factor;
    for (let t = 0; t < problem.taskCount; t++) expect(again[t]).toBeCloseTo(factor[t]!, 12);
  });

  it('grows with the data the task receives and shrinks with its own cost and its predecessors\' fan-out', () => {
    const variant = (data: number, work: number, siblings: number) => {
      const tasks = [{ id: 'a', work: 10 }, { id: 'x', work }, ...Array.from({ length: siblings - 1 }, (_, i) => ({ id: `s${i}`, work: 10 }))];
      const edges = [{ from: 'a', to: 'x', data }, ...Array.from({ length: siblings - 1 }, (_, i) => ({ from: 'a', to: `s${i}`, data: 1 }))];
      const p = compileProblem({ tasks, edges }, twoProcessors);
      return couplingFactors(p).factor[p.taskIndex.get('x')!]!;
    };
    expect(variant(40, 10, 1)).toBeGreaterThan(variant(20, 10, 1));
    expect(variant(40, 10, 1)).toBeGreaterThan(variant(40, 20, 1));
    expect(variant(40, 10, 1)).toBeGreaterThan(variant(40, 10, 4));
  });

  it('follows with probability CF / (1 + CF)', () => {
    expect(followProbability(0)).toBe(0);
    expect(followProbability(1)).toBe(0.5);
    expect(followProbability(9)).toBeCloseTo(0.9, 12);
    expect(followProbability(Infinity)).toBe(1);
  });
});

/** Communication time actually paid by a schedule: transfers between tasks on different processors. */
function paidCommunication(problem: SchedulingProblem, processorOf: Int32Array): number {
  let total = 0;
  for (let t = 0; t < problem.taskCount; t++) {
    for (let i = problem.predOffsets[t]!; i < problem.predOffsets[t + 1]!; i++) {
      if (processorOf[problem.predTasks[i]!] !== processorOf[t]) total += problem.predData[i]!;
    }
  }
  return total;
}

describe('what the coupling factor is for (§3.2: separating strongly coupled tasks costs communication)', () => {
  it('separating a task from its predecessor costs more makespan the higher its coupling factor', () => {
    const problem = compileProblem(forkJoin, twoProcessors);
    const { factor } = couplingFactors(problem);
    const order = heftChromosome(problem).order;
    const at = (id: string) => problem.taskIndex.get(id)!;
    const allOnP0 = new Int32Array(problem.taskCount);
    const separated = (id: string) => {
      const processorOf = Int32Array.from(allOnP0);
      processorOf[at(id)] = 1;
      return makespanOf(scheduleWithAssignment(problem, order, processorOf)) - makespanOf(scheduleWithAssignment(problem, order, allOnP0));
    };
    expect(factor[at('b')]).toBeGreaterThan(factor[at('c')]!);
    expect(separated('b')).toBeGreaterThan(separated('c'));
  });

  it.each([
    // Measured: 38% and 45% less communication paid, 37% and 48% shorter makespans.
    [5, 0.3],
    [10, 0.4],
  ])('at CCR %d, coupling solutions pay far less communication and finish earlier than random processors', (ccr, minimumGain) => {
    let couplingPaid = 0;
    let randomPaid = 0;
    let couplingMakespan = 0;
    let randomMakespan = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const { problem } = randomInstance({ tasks: 60, processors: 4, ccr, seed, density: 0.05 });
      const coupling = couplingFactors(problem);
      // The same order for both; "random" is a coupling solution that never follows (all factors 0).
      const noCoupling = { factor: new Float64Array(problem.taskCount), strongestPredecessor: coupling.strongestPredecessor };
      const order = heftChromosome(problem).order;
      const random = new Random(seed);
      for (let i = 0; i < 20; i++) {
        for (const [which, source] of [
          ['coupling', coupling],
          ['random', noCoupling],
        ] as const) {
          const chromosome = createIndividual(problem.taskCount);
          couplingSolution(problem, { coupling: source, heftOrder: order }, random, chromosome);
          const makespan = makespanOf(scheduleWithAssignment(problem, chromosome.order, chromosome.processorOf));
          const paid = paidCommunication(problem, chromosome.processorOf);
          if (which === 'coupling') {
            couplingPaid += paid;
            couplingMakespan += makespan;
          } else {
            randomPaid += paid;
            randomMakespan += makespan;
          }
        }
      }
    }
    expect(couplingPaid).toBeLessThan(0.7 * randomPaid);
    expect(couplingMakespan).toBeLessThan((1 - minimumGain) * randomMakespan);
  });

  it('at CCR 0.1 it rarely follows, so it keeps the load spread like random processors do', () => {
    const { problem } = randomInstance({ tasks: 60, processors: 4, ccr: 0.1, seed: 3 });
    const { factor } = couplingFactors(problem);
    const followed = Array.from(factor).map(followProbability);
    expect(followed.reduce((a, b) => a + b, 0) / followed.length).toBeLessThan(0.15);
  });
});
