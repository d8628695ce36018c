import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcessorHeap } from './processor-heap.js';
import { TaskHeap } from './task-heap.js';

describe('TaskHeap', () => {
  it('gives tasks back in `before` order, peeking at the next one, beyond its initial capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 80 }), fc.array(fc.boolean(), { maxLength: 160 }), (keys, pops) => {
        const heap = new TaskHeap((a, b) => keys[a]! < keys[b]! || (keys[a] === keys[b] && a < b));
        const inside: number[] = [];
        let next = 0;
        const byKey = (a: number, b: number) => keys[a]! - keys[b]! || a - b;
        for (const pop of pops) {
          if (pop && inside.length > 0) {
            inside.sort(byKey);
            expect(heap.peek()).toBe(inside[0]);
            expect(heap.pop()).toBe(inside.shift());
          } else if (next < keys.length) {
            heap.push(next);
            inside.push(next++);
          }
          expect(heap.size).toBe(inside.length);
        }
        if (inside.length === 0) expect(heap.peek()).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to pop when empty', () => {
    expect(() => new TaskHeap(() => true).pop()).toThrow(RangeError);
  });
});

describe('ProcessorHeap', () => {
  it('keeps the first processor by key, then index, on top through any sequence of key changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((m) => fc.tuple(fc.constant(m), fc.array(fc.tuple(fc.nat(m - 1), fc.integer({ min: 0, max: 5 })), { maxLength: 60 }))),
        ([m, changes]) => {
          const key = new Float64Array(m);
          const heap = new ProcessorHeap(m, (a, b) => key[a]! < key[b]! || (key[a] === key[b] && a < b));
          const first = () => Array.from(key).reduce((best, k, p) => (k < key[best]! ? p : best), 0);
          expect(heap.top()).toBe(0);
          for (const [p, value] of changes) {
            key[p] = value;
            heap.update(p);
            expect(heap.top()).toBe(first());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
