import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskHeap } from './task-heap.js';

describe('TaskHeap', () => {
  it('gives tasks back by primary key ascending, secondary descending, then index, beyond its initial capacity', () => {
    // Few distinct keys, so that ties on both keys are common.
    const keys = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })), { maxLength: 80 });
    fc.assert(
      fc.property(keys, fc.array(fc.boolean(), { maxLength: 160 }), (keyPairs, pops) => {
        const heap = new TaskHeap();
        const inside: number[] = [];
        let next = 0;
        const order = (a: number, b: number) => keyPairs[a]![0] - keyPairs[b]![0] || keyPairs[b]![1] - keyPairs[a]![1] || a - b;
        for (const pop of pops) {
          if (pop && inside.length > 0) {
            inside.sort(order);
            expect(heap.peek()).toBe(inside[0]);
            expect(heap.peekPrimary()).toBe(keyPairs[inside[0]!]![0]);
            expect(heap.pop()).toBe(inside.shift());
          } else if (next < keyPairs.length) {
            heap.push(next, keyPairs[next]![0], keyPairs[next]![1]);
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
    expect(() => new TaskHeap().pop()).toThrow(RangeError);
  });
});
