import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  communicationTime,
  compileProblem,
  makespanOf,
  meanCosts,
  priorityOrder,
  Random,
  scheduleEarliestFinish,
  scheduleWithAssignment,
  toAssignments,
  upwardRanks,
  type Assignment,
  type Schedule,
  type SchedulingProblem,
  type ClusterSpec,
  type WorkflowSpec,
} from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomInstance } from '../testing/random-problem.js';
import { isPrecedenceOrder } from './chromosome.js';
import { couplingFactors } from './coupling.js';
import { createIndividual } from './individual.js';
import {
  assignedUpwardRanks,
  constructionGuide,
  costAwareEarliestFinishSolution,
  couplingSolution,
  heftChromosome,
  randomOrderEarliestFinishSolution,
  randomRankSolution,
} from './initial-population.js';

/** The improved variant's construction settings (noise 0.3, penalty up to 3, 5 refinements). */
const guideFor = (problem: SchedulingProblem) => constructionGuide(problem, { rankNoise: 0.3, maxPenalty: 3, refinements: 5, objective: 'makespan' });

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
          (r: Random, into: ReturnType<typeof createIndividual>) => costAwareEarliestFinishSolution(problem, guideFor(problem), r, into),
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

/**
 * Naive upward ranks of an assignment, by the definition and memoised recursion over successors (no topological
 * order): rank(t) = cost of t on its processor + max over successors s of (transfer between their processors + rank(s)).
 */
function naiveAssignedRanks(problem: SchedulingProblem, processorOf: ArrayLike<number>): number[] {
  const { taskCount: n, processorCount: m, cost, succOffsets, succTasks, succData } = problem;
  const memo: (number | undefined)[] = new Array(n);
  const rank = (t: number): number => {
    const known = memo[t];
    if (known !== undefined) return known;
    let longest = 0;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      longest = Math.max(longest, communicationTime(problem, succData[i]!, processorOf[t]!, processorOf[s]!) + rank(s));
    }
    return (memo[t] = cost[t * m + processorOf[t]!]! + longest);
  };
  return Array.from({ length: n }, (_, t) => rank(t));
}

describe('cost-aware earliest-finish solutions', () => {
  it('are HEFT\'s chromosome without noise, penalty or refinements', () => {
    // Weights scaled by uniform(1, 1) = 1 are the mean costs, so V1 is HEFT's rank order; a penalty weight
    // uniform(0, 0) = 0 adds nothing to any finish time, so V2 is HEFT's earliest-finish choice.
    fc.assert(
      fc.property(problemParams({ maxTasks: 40 }), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const into = createIndividual(problem.taskCount);
        const guide = constructionGuide(problem, { rankNoise: 0, maxPenalty: 0, refinements: 0, objective: 'makespan' });
        costAwareEarliestFinishSolution(problem, guide, new Random(seed), into);
        const heft = heftChromosome(problem);
        expect(Array.from(into.order)).toEqual(Array.from(heft.order));
        expect(Array.from(into.processorOf)).toEqual(Array.from(heft.processorOf));
      }),
      { numRuns: 60 },
    );
  });

  it('keep the best of their passes, each an earliest-finish schedule on the ranks of the one before', () => {
    fc.assert(
      fc.property(problemParams({ maxTasks: 40 }), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const { taskCount: n, processorCount: m, cost } = problem;
        const into = createIndividual(n);
        costAwareEarliestFinishSolution(problem, guideFor(problem), new Random(seed), into);
        // The reference redoes the passes from the same draws: n weight factors, then the penalty weight.
        const random = new Random(seed);
        const weights = Float64Array.from(meanCosts(problem), (w) => w * random.uniform(1 - 0.3, 1 + 0.3));
        const penalty = random.uniform(0, 3);
        const lookahead = new Float64Array(n * m);
        for (let t = 0; t < n; t++) {
          const cheapest = Math.min(...Array.from({ length: m }, (_, p) => cost[t * m + p]!));
          for (let p = 0; p < m; p++) lookahead[t * m + p] = penalty * (cost[t * m + p]! - cheapest);
        }
        const passes: Schedule[] = [scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem, weights)), { lookahead })];
        for (let pass = 1; pass <= 5; pass++) {
          const ranks = Float64Array.from(naiveAssignedRanks(problem, passes[pass - 1]!.processorOf));
          passes.push(scheduleEarliestFinish(problem, priorityOrder(problem, ranks), { lookahead }));
        }
        const decoded = scheduleWithAssignment(problem, into.order, into.processorOf);
        expect(makespanOf(decoded)).toBe(Math.min(...passes.map(makespanOf)));
      }),
      { numRuns: 60 },
    );
  });

  it('rank an assignment by its own costs and transfers (upward ranks of the schedule made)', () => {
    fc.assert(
      fc.property(problemParams({ maxTasks: 40 }), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance({ ...params, heterogeneousNetwork: true });
        const random = new Random(seed);
        const processorOf = Int32Array.from({ length: problem.taskCount }, () => random.int(0, problem.processorCount - 1));
        const ranks = Array.from(assignedUpwardRanks(problem, processorOf));
        const expected = naiveAssignedRanks(problem, processorOf);
        ranks.forEach((r, t) => expect(r).toBeCloseTo(expected[t]!, 9));
      }),
      { numRuns: 80 },
    );
  });
});
