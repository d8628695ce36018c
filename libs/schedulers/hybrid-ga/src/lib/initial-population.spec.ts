import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  compileProblem,
  priorityOrder,
  Random,
  scheduleEarliestFinish,
  scheduleWithAssignment,
  toAssignments,
  upwardRanks,
  type Assignment,
  type ClusterSpec,
  type WorkflowSpec,
} from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomInstance } from '../testing/random-problem.js';
import { isPrecedenceOrder } from './chromosome.js';
import { couplingFactors } from './coupling.js';
import { createIndividual } from './individual.js';
import { couplingSolution, heftChromosome, randomOrderEarliestFinishSolution, randomRankSolution } from './initial-population.js';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/topcuoglu2002/', import.meta.url));
const load = <T>(name: string): T => JSON.parse(readFileSync(fixtures + name, 'utf8')) as T;

describe('heftChromosome', () => {
  it("decodes to HEFT's published schedule of Topcuoglu et al. (2002), makespan 80", () => {
    const problem = compileProblem(load<WorkflowSpec>('workflow.json'), load<ClusterSpec>('cluster.json'));
    const expected = load<{ makespan: number; assignments: Assignment[] }>('expected-heft.json');
    const { order, processorOf } = heftChromosome(problem);
    const assignments = toAssignments(problem, scheduleWithAssignment(problem, order, processorOf));
    const byTask = (list: Assignment[]) => [...list].sort((a, b) => a.task.localeCompare(b.task));
    expect(byTask(assignments)).toEqual(byTask(expected.assignments));
    expect(Math.max(...assignments.map((a) => a.finish))).toBe(80);
  });

  it("decodes to HEFT's schedule (rank order, earliest-finish processors) on any workflow", () => {
    fc.assert(
      fc.property(problemParams(), (params) => {
        const { problem } = randomInstance(params);
        const heft = scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
        const { order, processorOf } = heftChromosome(problem);
        const decoded = scheduleWithAssignment(problem, order, processorOf);
        expect(Array.from(decoded.start)).toEqual(Array.from(heft.start));
        expect(Array.from(decoded.finish)).toEqual(Array.from(heft.finish));
      }),
      { numRuns: 100 },
    );
  });
});

describe('random-rank and coupling solutions', () => {
  it('are valid chromosomes, the same for the same stream and different for others', () => {
    fc.assert(
      fc.property(problemParams({ maxTasks: 40 }), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const coupling = couplingFactors(problem);
        const heftOrder = heftChromosome(problem).order;
        for (const make of [
          (r: Random, into: ReturnType<typeof createIndividual>) => randomRankSolution(problem, r, into),
          (r: Random, into: ReturnType<typeof createIndividual>) => couplingSolution(problem, { coupling, heftOrder }, r, into),
          (r: Random, into: ReturnType<typeof createIndividual>) => randomOrderEarliestFinishSolution(problem, r, into),
        ]) {
          const a = createIndividual(n);
          const b = createIndividual(n);
          make(new Random(seed), a);
          make(new Random(seed), b);
          expect(isPrecedenceOrder(problem, a.order)).toBe(true);
          expect(a.processorOf.every((p) => p >= 0 && p < problem.processorCount)).toBe(true);
          expect(Array.from(a.order)).toEqual(Array.from(b.order));
          expect(Array.from(a.processorOf)).toEqual(Array.from(b.processorOf));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('random-rank orders vary with the stream; coupling solutions keep HEFT\'s order', () => {
    const { problem } = randomInstance({ tasks: 60, processors: 4, ccr: 5, seed: 2, density: 0.05 });
    const orders = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const into = createIndividual(problem.taskCount);
      randomRankSolution(problem, new Random(seed), into);
      orders.add(into.order.join(','));
    }
    expect(orders.size).toBeGreaterThan(5);
    const into = createIndividual(problem.taskCount);
    const heft = heftChromosome(problem);
    couplingSolution(problem, { coupling: couplingFactors(problem), heftOrder: heft.order }, new Random(1), into);
    expect(Array.from(into.order)).toEqual(Array.from(heft.order));
  });

  it('a coupling solution puts a task whose inputs dwarf its cost on its strongest predecessor\'s processor', () => {
    // A chain of cheap tasks joined by heavy transfers: CF = 1000, follow probability 0.999.
    const tasks = Array.from({ length: 30 }, (_, i) => ({ id: `t${i}`, work: 1 }));
    const edges = tasks.slice(1).map((t, i) => ({ from: `t${i}`, to: t.id, data: 1000 }));
    const problem = compileProblem({ tasks, edges }, { processors: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    const into = createIndividual(30);
    couplingSolution(problem, { coupling: couplingFactors(problem), heftOrder: heftChromosome(problem).order }, new Random(5), into);
    expect(new Set(into.processorOf).size).toBe(1);
  });
});
