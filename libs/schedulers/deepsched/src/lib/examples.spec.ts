import { checkSchedule, makespanOf, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heftOf } from '../testing/support.js';
import { checkGeneratedSpread, exampleSeed, generatedRecipe, generatedRecipes, generateTrainingExamples, type GeneratedSpread } from './examples.js';

const spread: GeneratedSpread = { count: 12, taskCounts: [10, 20], ccrs: [0.1, 1, 10], heterogeneities: [0.1, 1], processorCounts: [2, 3, 5] };

describe('generated examples', () => {
  it('are deterministic for a seed and differ for another', () => {
    const a = generateTrainingExamples(7, spread);
    const b = generateTrainingExamples(7, spread);
    expect(a.map((e) => e.source)).toEqual(b.map((e) => e.source));
    expect(a.map((e) => JSON.stringify(e.workflow))).toEqual(b.map((e) => JSON.stringify(e.workflow)));
    expect(generateTrainingExamples(8, spread).map((e) => e.source)).not.toEqual(a.map((e) => e.source));
  });

  it('are labelled with HEFT (core\'s list scheduler in upward-rank order), valid, on the requested sizes', () => {
    for (const example of generateTrainingExamples(7, spread)) {
      const reference = heftOf(example.problem);
      expect(Array.from(example.target.processorOf)).toEqual(Array.from(reference.processorOf));
      expect(Array.from(example.target.finish)).toEqual(Array.from(reference.finish));
      expect(checkSchedule(example.workflow, example.cluster, toAssignments(example.problem, example.target)).valid).toBe(true);
      expect([2, 3, 5]).toContain(example.problem.processorCount);
      expect([10, 20]).toContain(example.problem.taskCount);
      expect(makespanOf(example.target)).toBeGreaterThan(0);
    }
  });

  it('span the listed values', () => {
    const recipes = generatedRecipes(7, { ...spread, count: 200 });
    const seen = (key: 'ccr' | 'heterogeneity' | 'processors' | 'tasks') => new Set(recipes.map((r) => r[key]));
    expect(seen('ccr')).toEqual(new Set([0.1, 1, 10]));
    expect(seen('heterogeneity')).toEqual(new Set([0.1, 1]));
    expect(seen('processors')).toEqual(new Set([2, 3, 5]));
    expect(seen('tasks')).toEqual(new Set([10, 20]));
  });

  it('make any one recipe alone from its own seed; a larger count keeps the first ones (property)', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 31 - 1), fc.integer({ min: 1, max: 30 }), (seed, count) => {
        const all = generatedRecipes(seed, { ...spread, count });
        const index = seed % count;
        expect(generatedRecipe(seed, spread, index)).toEqual(all[index]);
        expect(all[index]!.seed).toBe(exampleSeed(seed, index));
        expect(generatedRecipes(seed, { ...spread, count: count + 3 }).slice(0, count)).toEqual(all);
      }),
      { numRuns: 50, seed: 3 },
    );
  });

  it('refuse a bad spread, naming the field', () => {
    expect(() => checkGeneratedSpread({ ...spread, ccrs: [] })).toThrow('generated.ccrs must be a non-empty list of non-negative numbers');
    expect(() => checkGeneratedSpread({ ...spread, heterogeneities: [2] })).toThrow('generated.heterogeneities must hold numbers in [0, 2), got 2');
    expect(() => checkGeneratedSpread({ ...spread, count: -1 }, 'dataset spec: generated.')).toThrow('dataset spec: generated.count must be a non-negative integer, got -1');
    expect(() => generatedRecipes(1, { ...spread, processorCounts: [0] })).toThrow('generated.processorCounts must hold positive integers, got 0');
  });
});
