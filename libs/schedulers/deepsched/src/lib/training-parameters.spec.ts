import { resolveTrainingParameters, SchedulerOptionsError, validateOptionsSchema, type ValidationIssue } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepschedPlugin } from './plugin.js';
import { typedTrainingParameters } from './training-parameters.js';

const training = deepschedPlugin.training!;
const resolve = (raw: unknown) => resolveTrainingParameters(training, raw);

/** The issues a parameter set is refused with (none when it is accepted). */
function issuesOf(raw: unknown): ValidationIssue[] {
  try {
    resolve(raw);
    return [];
  } catch (error) {
    if (error instanceof SchedulerOptionsError) return error.issues;
    throw error;
  }
}

describe('the training parameters', () => {
  it('declare a schema core accepts, the artifact kind and the schedule option that names artifacts', () => {
    expect(validateOptionsSchema(training.parametersSchema)).toEqual([]);
    expect(training.artifactKind).toBe('deepsched-model');
    expect(training.artifactOption).toEqual({ name: 'model', builtIn: ['builtin'] });
    // The option exists in the scheduler's options, with the built-in value as its default.
    expect(deepschedPlugin.optionsSchema.properties['model']).toMatchObject({ type: 'string', default: 'builtin' });
  });

  it('default to the values training runs used before the capability (the run engine\'s defaults)', () => {
    // Written out from the run engine's DEFAULT_TRAINING_DATASET / DEFAULT_TRAINING_PARAMETERS they replace.
    expect(typedTrainingParameters(resolve({}))).toEqual({
      dataset: { seed: 1, count: 200, taskCounts: [20, 50, 100], ccrs: [0.1, 1, 5], heterogeneities: [0.25, 0.5, 1], processorCounts: [2, 4, 8] },
      epochs: 20,
      batchSize: 16,
      learningRate: 0.002,
      patience: 5,
      seed: 1,
      validationFraction: 0.2,
      name: null,
      network: {},
      from: null,
    });
    // A group given in part keeps the defaults of the rest.
    expect(typedTrainingParameters(resolve({ dataset: { count: 10 } })).dataset).toMatchObject({ count: 10, seed: 1, taskCounts: [20, 50, 100] });
    // null reads as absent (as the run engine did); a blank name is no name.
    expect(typedTrainingParameters(resolve({ epochs: null, name: '  ' }))).toMatchObject({ epochs: 20, name: null });
    expect(typedTrainingParameters(resolve({ name: '  nightly  ', network: { hidden: 8, autoregressive: true } }))).toMatchObject({
      name: 'nightly',
      network: { hidden: 8, autoregressive: true },
    });
  });

  // [path, smallest, largest, integer]: the run engine's TRAINING_BOUNDS, written out.
  const scalarBounds: [string, number, number, boolean][] = [
    ['dataset.seed', 0, 2 ** 31 - 1, true],
    ['dataset.count', 2, 2000, true],
    ['epochs', 1, 200, true],
    ['batchSize', 1, 256, true],
    ['learningRate', 1e-6, 0.1, false],
    ['patience', 1, 50, true],
    ['seed', 0, 2 ** 31 - 1, true],
    ['validationFraction', 0.05, 0.5, false],
    ['network.gruUnits', 1, 128, true],
  ];
  /** Parameters with `value` at `path` ("epochs" or "group.key"). */
  const withValue = (path: string, value: number): Record<string, unknown> => {
    const [group, key] = path.split('.');
    if (key === undefined) return { [group!]: value };
    // dataset.count at its largest needs small workflows to stay under the cross-field limit (2000 × 100 = 200,000).
    const small = group === 'dataset' ? { taskCounts: [100] } : {};
    return { [group!]: { ...small, [key]: value } };
  };

  it.each(scalarBounds)('bound %s to [%d, %d], naming the field', (path, min, max, integer) => {
    expect(issuesOf(withValue(path, min))).toEqual([]);
    expect(issuesOf(withValue(path, max))).toEqual([]);
    const step = integer ? 1 : min / 2;
    for (const bad of [min - step, max + (integer ? 1 : max)]) {
      expect(issuesOf(withValue(path, bad))).toEqual([expect.objectContaining({ path: `parameters.${path}`, message: `must be between ${min} and ${max}, got ${bad}` })]);
    }
    if (integer) expect(issuesOf(withValue(path, min + 0.5))[0]).toMatchObject({ path: `parameters.${path}`, message: expect.stringMatching(/must be an integer/) });
  });

  it('bounds the lists: 1 to 16 values, each within its range', () => {
    const list = (key: string, value: unknown) => issuesOf({ dataset: { [key]: value } });
    expect(list('taskCounts', [])[0]).toMatchObject({ path: 'parameters.dataset.taskCounts', message: 'must have between 1 and 16 items, got 0' });
    expect(list('ccrs', Array.from({ length: 17 }, () => 1))[0]).toMatchObject({ path: 'parameters.dataset.ccrs', message: 'must have between 1 and 16 items, got 17' });
    expect(list('taskCounts', [2, 500])).toEqual([]);
    expect(list('taskCounts', [20, 1])[0]).toMatchObject({ path: 'parameters.dataset.taskCounts[1]', message: 'must be between 2 and 500, got 1' });
    expect(list('processorCounts', [33])[0]).toMatchObject({ path: 'parameters.dataset.processorCounts[0]', message: 'must be between 2 and 32, got 33' });
    expect(list('heterogeneities', [0, 1.99])).toEqual([]);
    expect(list('heterogeneities', [2])[0]).toMatchObject({ path: 'parameters.dataset.heterogeneities[0]' });
    expect(list('ccrs', [0, 100.5])[0]).toMatchObject({ path: 'parameters.dataset.ccrs[1]', message: 'must be between 0 and 100, got 100.5' });
  });

  it('refuses unknown keys, a long name and a long model id', () => {
    expect(issuesOf({ epoch: 3 })[0]).toMatchObject({ path: 'parameters.epoch', message: expect.stringMatching(/^unknown option/) });
    expect(issuesOf({ dataset: { size: 3 } })[0]).toMatchObject({ path: 'parameters.dataset.size' });
    expect(issuesOf({ name: 'x'.repeat(101) })[0]).toMatchObject({ path: 'parameters.name', message: 'must be at most 100 characters, got 101' });
    expect(issuesOf({ from: 'x'.repeat(101) })[0]).toMatchObject({ path: 'parameters.from' });
  });

  it('limits count × the largest task count to 200,000, on dataset.count (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2000 }), fc.array(fc.integer({ min: 2, max: 500 }), { minLength: 1, maxLength: 16 }), (count, taskCounts) => {
        // The naive reference: the largest list value times the count.
        let largest = 0;
        for (const size of taskCounts) if (size > largest) largest = size;
        const issues = issuesOf({ dataset: { count, taskCounts } });
        if (count * largest <= 200_000) expect(issues).toEqual([]);
        else {
          expect(issues).toEqual([
            {
              severity: 'error',
              path: 'parameters.dataset.count',
              message: `count × the largest task count (dataset.taskCounts) must be at most 200000, got ${count} × ${largest} = ${count * largest}`,
            },
          ]);
        }
      }),
      { numRuns: 200, seed: 12 },
    );
    // At the edge, by hand: 400 × 500 = 200,000 passes, 401 × 500 = 200,500 does not.
    expect(issuesOf({ dataset: { count: 400, taskCounts: [500] } })).toEqual([]);
    expect(issuesOf({ dataset: { count: 401, taskCounts: [20, 500] } })).toHaveLength(1);
  });

  it('refuses a network shape for a continued model, which keeps its own', () => {
    expect(issuesOf({ from: 'builtin' })).toEqual([]);
    expect(issuesOf({ from: 'builtin', network: { fusion: 8 } })).toEqual([
      { severity: 'error', path: 'parameters.network.fusion', message: 'a continued model (from "builtin") keeps its own network shape; leave network out' },
    ]);
  });
});
