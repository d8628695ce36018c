import { makespanOf, Random, scheduleWithAssignment } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { randomInstance } from '../testing/random-problem.js';
import { constructionCount, jobSeed, SeedStream } from './ga.js';
import { createIndividual } from './individual.js';
import { constructionGuide, costAwareEarliestFinishSolution } from './initial-population.js';
import { hybridGa } from './plugin.js';
import { IMPROVED_TUNING, PAPER_TUNING } from './tuning.js';

describe('the cost-aware constructions sampled before generation 1', () => {
  it('are as many as the tuning allows, fewer on large problems, none in the paper variant', () => {
    // Each construction makes 1 + 5 passes over n tasks x m processors; at most 10,000,000 placements, 200 solutions.
    expect(constructionCount({ taskCount: 1000, processorCount: 8 }, IMPROVED_TUNING)).toBe(200); // 10M / 48,000 = 208
    expect(constructionCount({ taskCount: 10_000, processorCount: 8 }, IMPROVED_TUNING)).toBe(20); // 10M / 480,000 = 20.8
    expect(constructionCount({ taskCount: 100_000, processorCount: 64 }, IMPROVED_TUNING)).toBe(0); // one would place 38.4M
    expect(constructionCount({ taskCount: 1000, processorCount: 8 }, PAPER_TUNING)).toBe(0);
  });

  it('put their best into the population: one generation is at least as good as the best of them', async () => {
    const seed = 3;
    const { problem } = randomInstance({ tasks: 60, processors: 4, ccr: 5, seed: 11, density: 0.06 });
    // The constructions, redone from their streams (the run's seed, generation 0, their index).
    const { constructionRankNoise: rankNoise, constructionMaxPenalty: maxPenalty, constructionRefinements: refinements } = IMPROVED_TUNING;
    const guide = constructionGuide(problem, { rankNoise, maxPenalty, refinements, objective: 'makespan' });
    let bestConstruction = Infinity;
    for (let i = 0; i < constructionCount(problem, IMPROVED_TUNING); i++) {
      const into = createIndividual(problem.taskCount);
      costAwareEarliestFinishSolution(problem, guide, new Random(jobSeed(seed, 0, i, SeedStream.construction)), into);
      bestConstruction = Math.min(bestConstruction, makespanOf(scheduleWithAssignment(problem, into.order, into.processorOf)));
    }
    const options = { generations: 1, timeBudgetMs: 0, seed, threads: 1 };
    // Without them, one generation does not get there on this workflow, so the comparison below tests them.
    const without = await hybridGa(problem, options, undefined, { tuning: { ...IMPROVED_TUNING, initialConstructions: 0 } });
    expect(without.makespan).toBeGreaterThan(bestConstruction);
    const result = await hybridGa(problem, options);
    expect(result.makespan).toBeLessThanOrEqual(bestConstruction);
  });
});
