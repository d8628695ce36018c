import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemCache, type ProblemReader } from './problem-cache.js';

/** A reader over fixed documents (sizes by id) that counts its reads; a document of size -1 does not exist. */
function fakeStore(sizes: Record<string, number>) {
  const reads: string[] = [];
  const bytes = (id: string) => (sizes[id] === undefined || sizes[id]! < 0 ? null : new Uint8Array(sizes[id]!).fill(id.charCodeAt(0)));
  const read: ProblemReader = async (workflowId, clusterId) => {
    reads.push(`${workflowId} ${clusterId}`);
    await Promise.resolve();
    return { workflow: bytes(workflowId), cluster: bytes(clusterId) };
  };
  return { reads, read };
}

describe('ProblemCache', () => {
  it('reads a problem once for concurrent and later runs of it, and hands every run the stored bytes', async () => {
    const store = fakeStore({ w: 3, c: 2 });
    const cache = new ProblemCache(store.read);
    const lookups = await Promise.all(Array.from({ length: 8 }, () => cache.get('w', 'c')));
    expect(store.reads).toEqual(['w c']);
    for (const lookup of lookups) expect(lookup).toEqual({ found: { workflow: new Uint8Array([119, 119, 119]), cluster: new Uint8Array([99, 99]) } });
    await cache.get('w', 'c');
    expect(store.reads).toEqual(['w c']);
  });

  it('keeps neither a missing document nor a failed read: the next run asks the store again', async () => {
    const store = fakeStore({ w: 1, c: 1, gone: -1 });
    const cache = new ProblemCache(store.read);
    expect(await cache.get('gone', 'c')).toEqual({ missing: 'workflow' });
    expect(await cache.get('w', 'gone')).toEqual({ missing: 'cluster' });
    expect(await cache.get('gone', 'c')).toEqual({ missing: 'workflow' });
    expect(store.reads).toEqual(['gone c', 'w gone', 'gone c']);
    expect(cache.size).toBe(0);

    let fail = true;
    const flaky = new ProblemCache(async (w, c) => {
      if (fail) throw new Error('connection terminated');
      return store.read(w, c);
    });
    await expect(flaky.get('w', 'c')).rejects.toThrow('connection terminated');
    expect(flaky.size).toBe(0);
    fail = false;
    expect(await flaky.get('w', 'c')).toHaveProperty('found');
    expect(flaky.size).toBe(1);
  });

  it('drops the least recently used problems beyond its limits, and never keeps one larger than the byte limit', async () => {
    // Problems of 1 + 1 = 2 bytes each, 3 at most by count.
    const store = fakeStore({ a: 1, b: 1, c: 1, d: 1, x: 1, big: 9 });
    const cache = new ProblemCache(store.read, { entries: 3, bytes: 8 });
    for (const w of ['a', 'b', 'c']) await cache.get(w, 'x');
    await cache.get('a', 'x'); // a is now the most recently used: b goes first
    await cache.get('d', 'x');
    expect(store.reads).toEqual(['a x', 'b x', 'c x', 'd x']);
    await cache.get('a', 'x');
    await cache.get('c', 'x');
    expect(store.reads).toHaveLength(4);
    await cache.get('b', 'x');
    expect(store.reads.at(-1)).toBe('b x');
    // 9 + 1 = 10 bytes > 8: read for each run, kept never, and it evicts nothing.
    await cache.get('big', 'x');
    await cache.get('big', 'x');
    expect(store.reads.slice(-2)).toEqual(['big x', 'big x']);
    expect(cache.size).toBe(3);
  });

  it('reads exactly what a naive least-recently-used list would have to read (property)', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await fc.assert(
      fc.asyncProperty(
        fc.record({ a: fc.integer({ min: -1, max: 6 }), b: fc.integer({ min: -1, max: 6 }), c: fc.integer({ min: 0, max: 6 }), d: fc.integer({ min: 0, max: 6 }), e: fc.integer({ min: 0, max: 6 }) }),
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 12 }),
        async (sizes, lookups, entries, bytes) => {
          const store = fakeStore(sizes);
          const cache = new ProblemCache(store.read, { entries, bytes });
          // The reference: a list in use order (least recent first) of kept problems and their sizes.
          let kept: { key: string; size: number }[] = [];
          for (const [w, c] of lookups) {
            const key = `${w} ${c}`;
            const readsBefore = store.reads.length;
            const lookup = await cache.get(w, c);
            const hit = kept.find((k) => k.key === key);
            expect(store.reads.length - readsBefore).toBe(hit ? 0 : 1);
            const exists = sizes[w as keyof typeof sizes] >= 0 && sizes[c as keyof typeof sizes] >= 0;
            expect('found' in lookup).toBe(exists);
            if (hit) kept = [...kept.filter((k) => k !== hit), hit];
            else if (exists) {
              const size = sizes[w as keyof typeof sizes] + sizes[c as keyof typeof sizes];
              if (size <= bytes) {
                kept.push({ key, size });
                const total = () => kept.reduce((sum, k) => sum + k.size, 0);
                while (kept.length > entries || total() > bytes) kept.splice(kept.findIndex((k) => k.key !== key), 1);
              }
            }
            expect(cache.size).toBe(kept.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
