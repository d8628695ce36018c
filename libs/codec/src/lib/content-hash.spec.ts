import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largeWorkflow } from '../testing/fixtures.js';
import { contentHash } from './content-hash.js';

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, { value: reverseKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe('contentHash', () => {
  it('ignores key order, and only key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(contentHash('t', reverseKeys(value))).toBe(contentHash('t', value));
        expect(contentHash('t', value)).toBe(contentHash('t', JSON.parse(JSON.stringify(value))));
      }),
    );
  });

  it('tells different JSON documents apart', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b) && JSON.stringify(reverseKeys(a)) !== JSON.stringify(b));
        // equal up to key order only if their sorted-key forms match; compare those
        const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : x));
        fc.pre(canonical(a) !== canonical(b));
        expect(contentHash('t', a)).not.toBe(contentHash('t', b));
      }),
    );
  });

  it('follows JSON: -0 is 0, undefined properties are absent, undefined elements are null', () => {
    expect(contentHash('t', { a: -0 })).toBe(contentHash('t', { a: 0 }));
    expect(contentHash('t', { a: 1, b: undefined })).toBe(contentHash('t', { a: 1 }));
    expect(contentHash('t', [undefined])).toBe(contentHash('t', [null]));
    expect(contentHash('t', { a: [1, 2] })).not.toBe(contentHash('t', { a: [2, 1] }));
    expect(contentHash('t', { a: '1' })).not.toBe(contentHash('t', { a: 1 }));
    expect(contentHash('t', {})).not.toBe(contentHash('t', []));
    expect(contentHash('workflow', {})).not.toBe(contentHash('cluster', {}));
  });

  it('notices one changed cost among millions', () => {
    const spec = largeWorkflow({ tasks: 5_000, processors: 64 });
    const before = contentHash('workflow', spec);
    spec.tasks[4_321]!.costs!['p17'] = spec.tasks[4_321]!.costs!['p17']! + 1e-9;
    expect(contentHash('workflow', spec)).not.toBe(before);
  });
});
