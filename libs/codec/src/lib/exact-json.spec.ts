import type { WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactDifference } from '../testing/exact-equal.js';
import { fromExactJson, MAX_EXACT_JSON_DEPTH, parseExact, stringifyExact, toExactJson } from './exact-json.js';
import { decodeWorkflow, encodeWorkflow } from './workflow-codec.js';

/** `levels` nested containers: objects `{"n": ...}` or arrays `[...]`, alternating when `mixed`, around `innermost`. */
function nested(levels: number, innermost: unknown, kind: 'object' | 'array' | 'mixed' = 'object'): unknown {
  let value = innermost;
  for (let i = 0; i < levels; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 1);
    value = asArray ? [value] : { n: value };
  }
  return value;
}

const TOO_DEEP = new RegExp(`nested deeper than ${MAX_EXACT_JSON_DEPTH} levels`);

describe('exact JSON: the depth limit', () => {
  it('stores and reads back exactly 1,000 levels, markers included', () => {
    for (const innermost of [1, -0, Number.NaN, { $ref: undefined }]) {
      // `innermost` is an object for the last case: then 999 wrappers make 1,000 containers.
      const levels = typeof innermost === 'object' ? MAX_EXACT_JSON_DEPTH - 1 : MAX_EXACT_JSON_DEPTH;
      const value = nested(levels, innermost, 'mixed');
      const back = parseExact(stringifyExact(value));
      expect(exactDifference(back, value)).toBeNull();
      expect(exactDifference(fromExactJson(toExactJson(value)), value)).toBeNull();
    }
  });

  it('refuses 1,001 levels with a TypeError that gives the path, whether markers are needed or not', () => {
    for (const innermost of [1, Number.NaN]) {
      const value = nested(MAX_EXACT_JSON_DEPTH + 1, innermost);
      expect(() => stringifyExact(value)).toThrow(TypeError);
      // The 1,001st container is the value of the 1,000th "n".
      expect(() => toExactJson(value)).toThrow(`cannot store a value nested deeper than 1000 levels (at $${'.n'.repeat(100)}…)`);
    }
  });

  it('refuses 5,000 and 100,000 levels (issue #14: the store overflowed the stack) with the same clear error', () => {
    for (const levels of [5000, 20_000]) {
      for (const kind of ['object', 'array'] as const) {
        const value = nested(levels, 0, kind);
        expect(() => stringifyExact(value)).toThrow(TOO_DEEP);
      }
    }
  });

  it('reads text of any depth without overflowing: past twice the limit is refused, with markers or without', () => {
    // Reading allows 2,000 levels, so that a value stored at the limit reads back inside a larger document.
    const TOO_DEEP_TO_READ = /cannot read a value nested deeper than 2000 levels/;
    const plain = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(() => parseExact(plain)).toThrow(TOO_DEEP_TO_READ);
    const marked = `${'{"$$x":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    expect(() => parseExact(marked)).toThrow(TOO_DEEP_TO_READ);
    expect(() => fromExactJson(JSON.parse(marked))).toThrow(TOO_DEEP_TO_READ);
    // At the read limit, both read; one more level is refused.
    expect(parseExact(`${'['.repeat(2000)}${']'.repeat(2000)}`)).toEqual(nested(1999, [], 'array'));
    expect(() => parseExact(`${'['.repeat(2001)}${']'.repeat(2001)}`)).toThrow(TOO_DEEP_TO_READ);
    expect(parseExact(`${'{"$$x":'.repeat(2000)}1${'}'.repeat(2000)}`)).toEqual(JSON.parse(`${'{"$x":'.repeat(2000)}1${'}'.repeat(2000)}`));
    expect(() => parseExact(`${'{"$$x":'.repeat(2001)}1${'}'.repeat(2001)}`)).toThrow(TOO_DEEP_TO_READ);
  });

  it('accepts a value iff its nesting is at most the limit, for random shapes around it', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_EXACT_JSON_DEPTH - 5, max: MAX_EXACT_JSON_DEPTH + 5 }), fc.constantFrom('object', 'array', 'mixed'), fc.boolean(), (levels, kind, marker) => {
        const value = nested(levels, marker ? -0 : 'leaf', kind as 'object' | 'array' | 'mixed');
        if (levels <= MAX_EXACT_JSON_DEPTH) expect(exactDifference(parseExact(stringifyExact(value)), value)).toBeNull();
        else expect(() => stringifyExact(value)).toThrow(TOO_DEEP);
      }),
      { numRuns: 60 },
    );
  });

  it('the document codec refuses a task extra too deep to store with the same error, never a stack overflow', () => {
    const spec = (levels: number): WorkflowSpec => ({ tasks: [{ id: 'a', work: 1, extra: nested(levels, 1) }], edges: [] });
    expect(() => encodeWorkflow(spec(5000))).toThrow(TOO_DEEP);
    // 64 levels, what validation lets through, round-trips exactly; so does an extra of 1,000 nested objects, the
    // codec's own limit, inside the document's header; 1,001 is refused.
    for (const levels of [64, MAX_EXACT_JSON_DEPTH]) {
      const ok = spec(levels);
      expect(exactDifference(decodeWorkflow(encodeWorkflow(ok)), ok)).toBeNull();
    }
    expect(() => encodeWorkflow(spec(MAX_EXACT_JSON_DEPTH + 1))).toThrow(TOO_DEEP);
  });
});

describe('ids are data in the stored documents', () => {
  it('round-trips tasks, processors and cost keys named like Object.prototype members, "__proto__" as an own key', () => {
    const odd = ['constructor', '__proto__', 'toString', 'hasOwnProperty', '$ref'];
    // From JSON text, so that "__proto__" is an own key as the readers give it.
    const costs = `{${odd.map((id, i) => `"${id}": ${i + 1}`).join(', ')}}`;
    const spec = JSON.parse(
      `{"tasks": [${odd.map((id) => `{"id": "${id}", "costs": ${costs}}`).join(', ')}], "edges": [{"from": "__proto__", "to": "constructor", "data": 2}]}`,
    ) as WorkflowSpec;
    const back = decodeWorkflow(encodeWorkflow(spec));
    expect(exactDifference(back, spec)).toBeNull();
    const costsBack = back.tasks[1]!.costs!;
    expect(Object.keys(costsBack)).toEqual(odd);
    expect(Object.hasOwn(costsBack, '__proto__') && costsBack['__proto__']).toBe(2);
    expect(Object.getPrototypeOf(costsBack)).toBe(Object.prototype);
  });
});
