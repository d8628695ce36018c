import { fileURLToPath } from 'node:url';
import { checkSchedule, makespanOf, toAssignments } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import type { DatasetSpec } from './dataset-spec.js';
import { exampleRecipes, generateExample, generateExamples } from './examples.js';

const tracesDir = fileURLToPath(new URL('../../../../../../shared/data/wfinstances/', import.meta.url));
const tiny: DatasetSpec = { seed: 7, generated: { count: 12, taskCounts: [10, 20], ccrs: [0.1, 1, 10], heterogeneities: [0.1, 1], processorCounts: [2, 3, 5] } };

describe('generateExamples', () => {
  it('is deterministic for a seed and differs for another', () => {
    const a = generateExamples(tiny);
    const b = generateExamples(tiny);
    expect(a.map((e) => e.source)).toEqual(b.map((e) => e.source));
    expect(a.map((e) => JSON.stringify(e.workflow))).toEqual(b.map((e) => JSON.stringify(e.workflow)));
    const other = generateExamples({ ...tiny, seed: 8 });
    expect(other.map((e) => e.source)).not.toEqual(a.map((e) => e.source));
  });

  it('labels every example with a valid HEFT schedule on a cluster of the requested size', () => {
    for (const example of generateExamples(tiny)) {
      const check = checkSchedule(example.workflow, example.cluster, toAssignments(example.problem, example.target));
      expect(check.valid).toBe(true);
      expect([2, 3, 5]).toContain(example.problem.processorCount);
      expect([10, 20]).toContain(example.problem.taskCount);
      expect(makespanOf(example.target)).toBeGreaterThan(0);
    }
  });

  it('spans the listed values', () => {
    const recipes = exampleRecipes({ ...tiny, generated: { ...tiny.generated, count: 200 } });
    const seen = (key: 'ccr' | 'heterogeneity' | 'processors' | 'tasks') => new Set(recipes.map((r) => (r.kind === 'generated' ? r[key] : undefined)));
    expect(seen('ccr')).toEqual(new Set([0.1, 1, 10]));
    expect(seen('heterogeneity')).toEqual(new Set([0.1, 1]));
    expect(seen('processors')).toEqual(new Set([2, 3, 5]));
    expect(seen('tasks')).toEqual(new Set([10, 20]));
  });

  it('regenerates any one example alone from its sub-seed, and a larger count keeps the first examples', () => {
    const all = generateExamples(tiny);
    const alone = generateExample(tiny, 9);
    expect(alone.source).toBe(all[9]!.source);
    expect(JSON.stringify(alone.workflow)).toBe(JSON.stringify(all[9]!.workflow));
    expect(Array.from(alone.target.processorOf)).toEqual(Array.from(all[9]!.target.processorOf));
    const more = generateExamples({ ...tiny, generated: { ...tiny.generated, count: 14 } });
    expect(more.slice(0, 12).map((e) => e.source)).toEqual(all.map((e) => e.source));
    expect(() => generateExample(tiny, 12)).toThrow(/index 12 is out of range: the spec makes 12 examples/);
  });

  // Parsing every trace (a few MB of JSON) takes seconds on a loaded machine: a minute's timeout.
  it('puts each real trace on its own machines (when it lists two or more) and on generated clusters', () => {
    const spec: DatasetSpec = { ...tiny, generated: { ...tiny.generated, count: 0 }, tracesDir, traceProcessorCounts: [4] };
    const recipes = exampleRecipes(spec);
    const files = new Set(recipes.map((r) => (r.kind === 'trace' ? r.file : '')));
    expect(files).toContain('dax/CyberShake_100.xml');
    expect(files).toContain('montage-chameleon-2mass-01d-001.json');
    // montage 2mass ran on one machine: only the generated cluster; CyberShake is a DAX: no machines.
    expect(recipes.filter((r) => r.kind === 'trace' && r.file === 'montage-chameleon-2mass-01d-001.json')).toHaveLength(1);
    expect(recipes.filter((r) => r.kind === 'trace' && r.file === 'seismology-chameleon-1000p-001.json')).toHaveLength(2);
    const index = recipes.findIndex((r) => r.kind === 'trace' && r.file === 'dax/CyberShake_100.xml');
    const example = generateExample(spec, index);
    expect(example.problem.taskCount).toBe(100);
    expect(example.problem.processorCount).toBe(4);
    expect(example.source).toMatch(/^trace:dax\/CyberShake_100\.xml on 4 generated processors seed=\d+$/);
  }, 60_000);

  it('refuses a bad spec naming the field', () => {
    expect(() => generateExamples({ ...tiny, generated: { ...tiny.generated, ccrs: [] } })).toThrow(/generated\.ccrs must be a non-empty list/);
    expect(() => generateExamples({ ...tiny, generated: { ...tiny.generated, heterogeneities: [2] } })).toThrow(/generated\.heterogeneities must hold numbers in \[0, 2\), got 2/);
    expect(() => generateExamples({ ...tiny, tracesDir: '/nonexistent-traces' })).toThrow(/traces folder \/nonexistent-traces: no such folder/);
  });
});
