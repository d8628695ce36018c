import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexHeap } from './index-heap.js';

describe('IndexHeap', () => {
  it('pops the item that must come first by its comparator', () => {
    const key = [5, 1, 4, 1, 3];
    const heap = new IndexHeap(5, (a, b) => key[a]! < key[b]! || (key[a] === key[b] && a < b));
    for (const i of [0, 1, 2, 3, 4]) heap.push(i);
    expect(heap.size).toBe(5);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([1, 3, 4, 2, 0]);
    expect(heap.size).toBe(0);
  });

  it('throws on pop when empty', () => {
    const heap = new IndexHeap(2, (a, b) => a < b);
    expect(() => heap.pop()).toThrow(RangeError);
    heap.push(1);
    heap.pop();
    expect(() => heap.pop()).toThrow('IndexHeap.pop on an empty heap');
  });

  it('throws on push beyond its capacity instead of losing the item', () => {
    const heap = new IndexHeap(2, (a, b) => a < b);
    heap.push(3);
    heap.push(1);
    expect(() => heap.push(2)).toThrow(RangeError);
    expect(heap.size).toBe(2);
    expect([heap.pop(), heap.pop()]).toEqual([1, 3]);
  });

  it('agrees with a stable sort under any interleaving of pushes and pops', () => {
    // ops: a number pushes the next index (with that key), null pops
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { freq: 3 }), { maxLength: 80 }), (ops) => {
        const keys: number[] = [];
        const heap = new IndexHeap(ops.length, (a, b) => keys[a]! > keys[b]! || (keys[a] === keys[b] && a < b));
        const reference: number[] = [];
        for (const op of ops) {
          if (op === null) {
            if (reference.length === 0) continue;
            reference.sort((a, b) => keys[b]! - keys[a]! || a - b);
            expect(heap.pop()).toBe(reference.shift());
          } else {
            keys.push(op);
            heap.push(keys.length - 1);
            reference.push(keys.length - 1);
          }
          expect(heap.size).toBe(reference.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
