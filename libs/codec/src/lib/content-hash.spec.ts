import { createHash } from 'node:crypto';
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

/**
 * The hash of a string, or of an array of strings, written out by hand from the definition above contentHash: the
 * structure stream is a STRING tag (4), the length in UTF-16 code units (u32, little-endian) and the code units
 * (UTF-16LE), for the domain label and then each string, an array being an ARRAY tag (5) and its length first; the
 * numbers stream is empty; the hash is SHA-256 over the two streams' SHA-256 digests.
 */
function referenceStringsHash(domain: string, value: string | string[]): string {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const str = (s: string) => [Buffer.from([4]), u32(s.length), Buffer.from(s, 'utf16le')];
  const structure = [...str(`hetsched:${domain}:v1`), ...(Array.isArray(value) ? [Buffer.from([5]), u32(value.length), ...value.flatMap(str)] : str(value))];
  return createHash('sha256').update(sha256(Buffer.concat(structure))).update(sha256(Buffer.alloc(0))).digest('hex');
}

describe('contentHash of strings', () => {
  it('writes every string as its UTF-16 code units, lone surrogates and long strings included', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 80 }));
    fc.assert(
      fc.property(fc.oneof(text, fc.array(text, { maxLength: 20 })), (value) => {
        expect(contentHash('t', value)).toBe(referenceStringsHash('t', value));
      }),
      { numRuns: 1_000 },
    );
  });

  it('crosses the 64 KiB chunk boundary with short strings exactly', () => {
    // 10,000 strings of 5 code units: 10,000 x (1 + 4 + 10) bytes = 150,000 bytes, over two chunk flushes.
    const ids = Array.from({ length: 10_000 }, (_, i) => `\ud800${String(i % 10_000).padStart(4, '0')}`.slice(0, 5));
    expect(contentHash('t', ids)).toBe(referenceStringsHash('t', ids));
    expect(contentHash('t', ['x'.repeat(40_000), 'é'])).toBe(referenceStringsHash('t', ['x'.repeat(40_000), 'é']));
  });
});
