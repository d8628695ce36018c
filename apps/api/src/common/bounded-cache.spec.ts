import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('behaves as a naive first-in-first-out list: set appends (or moves) the entry, drops the oldest past the capacity; delete forgets', () => {
    // Model: [id, value] pairs from oldest to newest set.
    const capacity = 3;
    const operation = fc.record({ kind: fc.constantFrom('get', 'set', 'delete'), id: fc.integer({ min: 0, max: 5 }).map(String), value: fc.integer() });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
        const cache = new BoundedCache<number>(capacity);
        let model: [string, number][] = [];
        for (const { kind, id, value } of operations) {
          const entry = model.find(([key]) => key === id);
          if (kind === 'get') {
            expect(cache.get(id)).toBe(entry?.[1]);
          } else if (kind === 'set') {
            cache.set(id, value);
            model = [...model.filter(([key]) => key !== id), [id, value]];
            if (model.length > capacity) model = model.slice(1);
          } else {
            cache.delete(id);
            model = model.filter(([key]) => key !== id);
          }
          expect(cache.size).toBe(model.length);
        }
      }),
    );
  });
});
