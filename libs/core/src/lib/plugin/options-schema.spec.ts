import { describe, expect, it } from 'vitest';
import { SchedulerOptionsError, ValidationError } from '../errors.js';
import { MAX_OPTIONS_DEPTH, resolveOptions, validateOptionsSchema, type OptionsSchema } from './options-schema.js';

const schema: OptionsSchema = {
  type: 'object',
  properties: {
    generations: { type: 'integer', description: 'GA generations', default: 100, minimum: 1, maximum: 10_000 },
    crossover: { type: 'number', description: 'crossover rate', default: 0.8, minimum: 0, maximum: 1 },
    seed: { type: 'integer', description: 'random seed' },
    verbose: { type: 'boolean', description: 'log progress', default: false },
    selection: { type: 'string', description: 'selection rule', default: 'tournament', enum: ['tournament', 'roulette'] },
  },
  additionalProperties: false,
};

/** The issues of the SchedulerOptionsError that `resolveOptions` throws. */
function issuesOf(input: unknown, path?: string) {
  try {
    resolveOptions(schema, input, path);
  } catch (e) {
    expect(e).toBeInstanceOf(SchedulerOptionsError);
    expect(e).toBeInstanceOf(ValidationError);
    return (e as SchedulerOptionsError).issues;
  }
  throw new Error('resolveOptions accepted invalid options');
}

describe('resolveOptions', () => {
  it('fills in defaults and leaves options without a default undefined', () => {
    expect(resolveOptions(schema, {})).toEqual({ generations: 100, crossover: 0.8, seed: undefined, verbose: false, selection: 'tournament' });
    expect(resolveOptions(schema, undefined)).toEqual(resolveOptions(schema, {}));
    expect(resolveOptions(schema, null)).toEqual(resolveOptions(schema, {}));
  });

  it('keeps given values, including values at the bounds', () => {
    expect(resolveOptions(schema, { generations: 1, crossover: 1, seed: -5, verbose: true, selection: 'roulette' })).toEqual({
      generations: 1,
      crossover: 1,
      seed: -5,
      verbose: true,
      selection: 'roulette',
    });
    expect(resolveOptions(schema, { generations: 10_000, crossover: 0 })).toMatchObject({ generations: 10_000, crossover: 0 });
  });

  it('refuses a non-object', () => {
    expect(issuesOf([1, 2])).toEqual([{ severity: 'error', path: 'options', message: 'must be an object, got an array' }]);
    expect(issuesOf(5, 'input.options')).toEqual([{ severity: 'error', path: 'input.options', message: 'must be an object, got 5' }]);
  });

  it('refuses an unknown option, listing the known ones', () => {
    expect(issuesOf({ generation: 5 })).toEqual([
      { severity: 'error', path: 'options.generation', message: 'unknown option; known options: generations, crossover, seed, verbose, selection' },
    ]);
  });

  it('refuses option names inherited from Object.prototype as unknown', () => {
    // `"constructor" in properties` is true through the prototype; such a key is still no option of the schema.
    expect(issuesOf({ constructor: 1 }).map((i) => i.path)).toEqual(['options.constructor']);
    expect(issuesOf({ toString: 'x' }).map((i) => i.path)).toEqual(['options.toString']);
  });

  it('gives an option named like an Object.prototype member its default, not the inherited member', () => {
    const odd: OptionsSchema = { type: 'object', properties: { toString: { type: 'string' as const, description: 'odd', default: 'plain' } } };
    expect(resolveOptions(odd, {})).toEqual({ toString: 'plain' });
    expect(resolveOptions(odd, { toString: 'fancy' })).toEqual({ toString: 'fancy' });
  });

  it('says "(none)" when a scheduler takes no options', () => {
    expect(() => resolveOptions({ type: 'object', properties: {} }, { x: 1 })).toThrow('invalid options: options.x: unknown option; known options: (none)');
  });

  it.each([
    [{ generations: 2.5 }, 'options.generations', 'must be an integer, got 2.5'],
    [{ generations: 0 }, 'options.generations', 'must be between 1 and 10000, got 0'],
    [{ generations: '7' }, 'options.generations', 'must be a finite number, got "7"'],
    [{ crossover: Number.NaN }, 'options.crossover', 'must be a finite number, got NaN'],
    [{ crossover: 1.5 }, 'options.crossover', 'must be between 0 and 1, got 1.5'],
    [{ crossover: Number.POSITIVE_INFINITY }, 'options.crossover', 'must be a finite number, got Infinity'],
    [{ verbose: 'yes' }, 'options.verbose', 'must be true or false, got "yes"'],
    [{ selection: 'rank' }, 'options.selection', 'must be one of tournament, roulette, got "rank"'],
    [{ selection: 3 }, 'options.selection', 'must be a string, got 3'],
  ])('refuses %j', (input, path, message) => {
    expect(issuesOf(input)).toEqual([{ severity: 'error', path, message }]);
  });

  it('reports every bad option at once', () => {
    expect(issuesOf({ generations: -1, verbose: 1, nope: true }).map((i) => i.path)).toEqual(['options.nope', 'options.generations', 'options.verbose']);
  });

  it('writes only a lower or upper bound in the message when the other is absent', () => {
    const open: OptionsSchema = { type: 'object', properties: { x: { type: 'number', description: 'x', minimum: 2 }, y: { type: 'number', description: 'y', maximum: 3 } } };
    expect(() => resolveOptions(open, { x: 1 })).toThrow('options.x: must be between 2 and ∞, got 1');
    expect(() => resolveOptions(open, { y: 4 })).toThrow('options.y: must be between -∞ and 3, got 4');
  });
});

describe('validateOptionsSchema', () => {
  it('accepts a well-formed schema', () => {
    expect(validateOptionsSchema(schema)).toEqual([]);
    expect(validateOptionsSchema({ type: 'object', properties: {} })).toEqual([]);
  });

  it('refuses something that is not an object schema', () => {
    const message = 'the options schema must be {"type": "object", "properties": {...}}';
    expect(validateOptionsSchema(null)).toEqual([message]);
    expect(validateOptionsSchema({ type: 'array', properties: {} })).toEqual([message]);
    expect(validateOptionsSchema({ type: 'object' })).toEqual([message]);
  });

  it('names each faulty option', () => {
    expect(
      validateOptionsSchema({
        type: 'object',
        properties: {
          a: 5,
          b: { type: 'array', description: 'list' },
          c: { type: 'number' },
          d: { type: 'integer', description: 'd', default: 1.5 },
          e: { type: 'string', description: 'e', default: 'z', enum: ['x', 'y'] },
          f: { type: 'number', description: 'f', default: 10, maximum: 5 },
          g: { type: 'boolean', description: 'g', default: true },
          h: { type: 'set', description: 'h' },
          i: { type: 'object', description: 'i', properties: { j: { type: 'integer', description: 'j', default: -1, minimum: 0 } } },
          k: { type: 'array', description: 'k', items: { type: 'integer', minimum: 1 }, default: [0] },
        },
      }),
    ).toEqual([
      'option "a" must be an object',
      'option "b" is a list whose items are not {"type": "number" | "integer" | "string"}',
      'option "c" needs a description',
      'option "d" has an invalid default: invalid options: options.d: must be an integer, got 1.5',
      'option "e" has an invalid default: invalid options: options.e: must be one of x, y, got "z"',
      'option "f" has an invalid default: invalid options: options.f: must be between -∞ and 5, got 10',
      'option "h" has unsupported type "set" (number, integer, boolean, string, array or object)',
      'option "i.j" has an invalid default: invalid options: options.j: must be between 0 and ∞, got -1',
      'option "k" has an invalid default: invalid options: options.k[0]: must be between 1 and ∞, got 0',
    ]);
  });

  it('refuses objects nested deeper than MAX_OPTIONS_DEPTH', () => {
    let property: Record<string, unknown> = { type: 'integer', description: 'leaf' };
    for (let depth = 0; depth < MAX_OPTIONS_DEPTH; depth++) property = { type: 'object', description: `level ${depth}`, properties: { x: property } };
    expect(validateOptionsSchema({ type: 'object', properties: { x: property } })).toEqual([
      `option "x.x.x.x" nests objects deeper than ${MAX_OPTIONS_DEPTH} levels`,
    ]);
  });
});

describe('resolveOptions with lists and nested objects (training parameters)', () => {
  const training: OptionsSchema = {
    type: 'object',
    properties: {
      epochs: { type: 'integer', description: 'epochs', default: 20, minimum: 1, maximum: 200 },
      name: { type: 'string', description: 'name', maxLength: 5 },
      dataset: {
        type: 'object',
        description: 'examples',
        properties: {
          count: { type: 'integer', description: 'count', default: 200, minimum: 2 },
          ccrs: { type: 'array', description: 'CCRs', items: { type: 'number', minimum: 0 }, default: [0.1, 1], minItems: 1, maxItems: 3 },
        },
      },
    },
  };

  it('fills a missing group with its defaults and a given group key by key', () => {
    expect(resolveOptions(training, {})).toEqual({ epochs: 20, name: undefined, dataset: { count: 200, ccrs: [0.1, 1] } });
    expect(resolveOptions(training, { dataset: { ccrs: [5] } })).toEqual({ epochs: 20, name: undefined, dataset: { count: 200, ccrs: [5] } });
    expect(resolveOptions(training, { dataset: null })).toEqual(resolveOptions(training, {}));
  });

  it('names the item, the group key and the list length at fault', () => {
    expect(() => resolveOptions(training, { dataset: { ccrs: [1, -1, 'x', 2], size: 3 }, name: 'toolong' }, '$')).toThrow(SchedulerOptionsError);
    try {
      resolveOptions(training, { dataset: { ccrs: [1, -1, 'x', 2], size: 3 }, name: 'toolong' }, '$');
    } catch (e) {
      expect((e as SchedulerOptionsError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
        '$.name: must be at most 5 characters, got 7',
        '$.dataset.size: unknown option; known options: count, ccrs',
        '$.dataset.ccrs: must have between 1 and 3 items, got 4',
        '$.dataset.ccrs[1]: must be between 0 and ∞, got -1',
        '$.dataset.ccrs[2]: must be a finite number, got "x"',
      ]);
    }
  });

  it('refuses a list given as a scalar and a group given as a list', () => {
    expect(() => resolveOptions(training, { dataset: { ccrs: 1 } })).toThrow(/options\.dataset\.ccrs: must be a list, got 1/);
    expect(() => resolveOptions(training, { dataset: [1] })).toThrow(/options\.dataset: must be an object/);
  });
});
