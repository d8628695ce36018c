import fc from 'fast-check';
import { getOperationAST, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_VARIABLES_KEY_LENGTH, MAX_VERDICTS_PER_OPERATION, OperationCostCache, variablesKey } from './operation-cost-cache.js';

const operationOf = (query: string): OperationDefinitionNode => getOperationAST(parse(query))!;

/** JSON values as a request body carries them (finite numbers: JSON has no others). */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const variables = fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 });

describe('variablesKey', () => {
  it('is the JSON text of small variables, and undefined past the limit', () => {
    fc.assert(
      fc.property(variables, fc.integer({ min: 0, max: 200 }), (vars, limit) => {
        // The reference: JSON.stringify, whose length decides whether the variables are small enough.
        const text = JSON.stringify(vars);
        expect(variablesKey(vars, limit)).toBe(text.length <= limit ? text : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('gives different keys for different variables (the key is their JSON text)', () => {
    fc.assert(
      fc.property(variables, variables, (a, b) => {
        const [ka, kb] = [variablesKey(a, 10_000), variablesKey(b, 10_000)];
        expect(ka === kb).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
    );
  });

  it('does not key what JSON would change or drop, nor a long string without reading it all', () => {
    expect(variablesKey({ when: new Date(0) })).toBeUndefined();
    expect(variablesKey({ gone: undefined })).toBeUndefined();
    expect(variablesKey({ n: Number.NaN })).toBeUndefined();
    expect(variablesKey({ document: 'x'.repeat(MAX_VARIABLES_KEY_LENGTH + 1) })).toBeUndefined();
    expect(variablesKey({ first: 50 })).toBe('{"first":50}');
  });
});

describe('OperationCostCache', () => {
  it('computes a cost once per operation and variables, and again for other variables or another operation', () => {
    const cache = new OperationCostCache<string>();
    const page = operationOf('query($n: Int!) { scheduleRuns(first: $n) { edges { cursor } } }');
    const other = operationOf('query($n: Int!) { scheduleRuns(first: $n) { edges { cursor } } }');
    let computed = 0;
    const compute = (cost: number) => () => {
      computed++;
      return cost;
    };
    expect(cache.cost(page, { n: 50 }, compute(51))).toBe(51);
    expect(cache.cost(page, { n: 50 }, compute(-1))).toBe(51);
    expect(computed).toBe(1);
    expect(cache.cost(page, { n: 2 }, compute(3))).toBe(3);
    expect(cache.cost(other, { n: 50 }, compute(7))).toBe(7);
    expect(computed).toBe(3);
  });

  it('keeps no failed computation and no verdict for large variables', () => {
    const cache = new OperationCostCache<string>();
    const op = operationOf('query($d: String!) { viewer { name } }');
    expect(() => cache.cost(op, { d: 1 }, () => { throw new Error('bad variables'); })).toThrow('bad variables');
    expect(cache.cost(op, { d: 1 }, () => 4)).toBe(4);
    const large = { d: 'x'.repeat(MAX_VARIABLES_KEY_LENGTH) };
    let computed = 0;
    cache.cost(op, large, () => ++computed);
    cache.cost(op, large, () => ++computed);
    expect(computed).toBe(2);
  });

  it('drops the oldest verdict of an operation past MAX_VERDICTS_PER_OPERATION', () => {
    const cache = new OperationCostCache<string>();
    const op = operationOf('{ viewer { name } }');
    for (let i = 0; i <= MAX_VERDICTS_PER_OPERATION; i++) cache.cost(op, { i }, () => i);
    // { i: 0 } was the oldest: computed again; { i: 1 } is still kept.
    expect(cache.cost(op, { i: 0 }, () => -1)).toBe(-1);
    expect(cache.cost(op, { i: MAX_VERDICTS_PER_OPERATION }, () => -1)).toBe(MAX_VERDICTS_PER_OPERATION);
  });

  it('computes a depth verdict once per operation, an undefined one included', () => {
    const cache = new OperationCostCache<string | undefined>();
    const op = operationOf('{ viewer { name } }');
    let computed = 0;
    expect(cache.depth(op, () => (computed++, undefined))).toBeUndefined();
    expect(cache.depth(op, () => (computed++, 'too deep'))).toBeUndefined();
    expect(computed).toBe(1);
  });
});
