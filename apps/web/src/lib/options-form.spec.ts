import { describe, expect, it } from 'vitest';
import { boundsHint, describeFields, initialValues, labelOf, readOptions } from './options-form.js';

// A schema in the shape core's OptionsSchema publishes (written here by hand): scalars with bounds and defaults, an
// enum, a list, a nested group with a list of its own.
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    population: { type: 'integer', default: 0, minimum: 0, maximum: 2000, description: 'Individuals per generation.' },
    crossoverRate: { type: 'number', default: 0.9, minimum: 0, maximum: 1, description: 'Crossover probability.' },
    objective: { type: 'string', default: 'makespan', enum: ['makespan', 'averageTurnaround'], description: 'What to minimise.' },
    verbose: { type: 'boolean', default: false, description: 'Say more.' },
    name: { type: 'string', maxLength: 5, description: 'A name.' },
    dataset: {
      type: 'object',
      description: 'Examples.',
      properties: {
        count: { type: 'integer', default: 200, minimum: 2, maximum: 2000, description: 'How many.' },
        taskCounts: { type: 'array', items: { type: 'integer', minimum: 2, maximum: 500 }, default: [20, 50, 100], minItems: 1, maxItems: 16, description: 'Sizes.' },
      },
    },
  },
};

describe('describeFields', () => {
  it('describes each property with its kind, bounds, default and description, groups nested', () => {
    const fields = describeFields(SCHEMA);
    expect(fields.map((f) => [f.path, f.kind])).toEqual([
      ['population', 'integer'],
      ['crossoverRate', 'number'],
      ['objective', 'enum'],
      ['verbose', 'boolean'],
      ['name', 'string'],
      ['dataset', 'group'],
    ]);
    expect(fields[0]).toMatchObject({ label: 'population', minimum: 0, maximum: 2000, default: 0, description: 'Individuals per generation.' });
    expect(fields[2]!.choices).toEqual(['makespan', 'averageTurnaround']);
    expect(fields[5]!.fields!.map((f) => [f.path, f.kind])).toEqual([
      ['dataset.count', 'integer'],
      ['dataset.taskCounts', 'list'],
    ]);
    expect(fields[5]!.fields![1]).toMatchObject({ item: { kind: 'integer', minimum: 2, maximum: 500 }, minItems: 1, maxItems: 16 });
  });

  it('has no fields for a scheduler without options, and a JSON field for a shape it cannot render', () => {
    expect(describeFields({ type: 'object', properties: {} })).toEqual([]);
    expect(describeFields({})).toEqual([]);
    expect(describeFields({ type: 'object', properties: { odd: { type: 'null', description: '?' } } })[0]!.kind).toBe('json');
  });

  it('labels camelCase keys as words', () => {
    expect(labelOf('timeBudgetMs')).toBe('time budget ms');
    expect(labelOf('seed')).toBe('seed');
  });
});

describe('initialValues and readOptions', () => {
  const fields = describeFields(SCHEMA);

  it('starts from the defaults and reads them back as the same options', () => {
    const values = initialValues(fields);
    expect(values).toEqual({
      population: '0',
      crossoverRate: '0.9',
      objective: 'makespan',
      verbose: false,
      name: '',
      'dataset.count': '200',
      'dataset.taskCounts': '20, 50, 100',
    });
    // The empty name is left out (no default); everything else comes back typed.
    expect(readOptions(fields, values)).toEqual({
      options: { population: 0, crossoverRate: 0.9, objective: 'makespan', verbose: false, dataset: { count: 200, taskCounts: [20, 50, 100] } },
      errors: {},
    });
  });

  it('leaves out empty inputs and empty groups', () => {
    const values = { ...initialValues(fields), population: ' ', crossoverRate: '', objective: '', 'dataset.count': '', 'dataset.taskCounts': '' };
    expect(readOptions(fields, values).options).toEqual({ verbose: false });
  });

  it('reports each bad value at its field, with the rule it breaks', () => {
    const values = {
      ...initialValues(fields),
      population: '2001',
      crossoverRate: 'lots',
      objective: 'speed',
      name: 'toolong',
      'dataset.count': '2.5',
      'dataset.taskCounts': '20, 600',
    };
    expect(readOptions(fields, values).errors).toEqual({
      population: 'must be between 0 and 2000, got 2001',
      crossoverRate: 'must be a finite number, got "lots"',
      objective: 'must be one of makespan, averageTurnaround, got "speed"',
      name: 'must be at most 5 characters, got 7',
      'dataset.count': 'must be an integer, got 2.5',
      'dataset.taskCounts': 'item 2: must be between 2 and 500, got 600',
    });
  });

  it('checks list lengths, and reads lists separated by commas or spaces', () => {
    const values = { ...initialValues(fields), 'dataset.taskCounts': Array.from({ length: 17 }, () => '10').join(',') };
    expect(readOptions(fields, values).errors['dataset.taskCounts']).toBe('must have between 1 and 16 items, got 17');
    const spaced = { ...initialValues(fields), 'dataset.taskCounts': '10 20,30' };
    expect(readOptions(fields, spaced).options['dataset']).toEqual({ count: 200, taskCounts: [10, 20, 30] });
  });
});

describe('boundsHint', () => {
  it('says the bounds in a few words', () => {
    const fields = describeFields(SCHEMA);
    expect(boundsHint(fields[0]!)).toBe('0 to 2000');
    expect(boundsHint(fields[4]!)).toBe('at most 5 characters');
    expect(boundsHint(fields[5]!.fields![1]!)).toBe('1-16 items, each 2 to 500');
    expect(boundsHint(fields[3]!)).toBe('');
  });
});
