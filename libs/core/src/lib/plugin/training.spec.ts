import { describe, expect, it } from 'vitest';
import { SchedulerOptionsError, ValidationError } from '../errors.js';
import type { SchedulerPlugin, TrainingCapability } from './scheduler-plugin.js';
import { resolveTrainingParameters, trainingOf } from './training.js';

const training: TrainingCapability = {
  parametersSchema: {
    type: 'object',
    properties: {
      count: { type: 'integer', description: 'examples', default: 10, minimum: 1 },
      size: { type: 'integer', description: 'tasks per example', default: 10, minimum: 1 },
    },
  },
  artifactKind: 'toy-model',
  // A limit the schema cannot say: the product of two fields.
  checkParameters: (p) => ((p['count'] as number) * (p['size'] as number) > 100 ? [{ severity: 'error', path: '$.count', message: 'count × size must be at most 100' }] : []),
  train: async () => ({ artifact: null, info: {} }),
};

describe('resolveTrainingParameters', () => {
  it('fills defaults and applies the plugin’s cross-field check, with paths under the given root', () => {
    expect(resolveTrainingParameters(training, { count: 5 })).toEqual({ count: 5, size: 10 });
    expect(() => resolveTrainingParameters(training, { count: 50 }, 'input.parameters')).toThrow(SchedulerOptionsError);
    expect(() => resolveTrainingParameters(training, { count: 50 }, 'input.parameters')).toThrow(/input\.parameters\.count: count × size must be at most 100/);
  });

  it('reports schema problems before the cross-field check runs', () => {
    expect(() => resolveTrainingParameters(training, { count: 0 })).toThrow(/parameters\.count: must be between 1/);
  });
});

describe('trainingOf', () => {
  const plugin = { metadata: { name: 'plain' } } as SchedulerPlugin;
  it('gives the capability of a learning scheduler and refuses one that does not learn', () => {
    expect(trainingOf({ ...plugin, training } as SchedulerPlugin)).toBe(training);
    expect(() => trainingOf(plugin)).toThrow(ValidationError);
    expect(() => trainingOf(plugin)).toThrow(/scheduler "plain" does not learn/);
  });
});
