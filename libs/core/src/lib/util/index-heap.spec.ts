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

  it('peeks at the next item without taking it, -1 when empty, and knows what it holds', () => {
    const heap = new IndexHeap(4, (a, b) => a > b);
    expect(heap.peek()).toBe(-1);
    heap.push(1);
    heap.push(3);
    expect([heap.peek(), heap.size, heap.has(3), heap.has(2)]).toEqual([3, 2, true, false]);
    expect(heap.pop()).toBe(3);
    expect([heap.peek(), heap.has(3)]).toEqual([1, false]);
  });

  it('refuses an item twice, a negative or fractional item, and an update of an item it does not hold', () => {
    const heap = new IndexHeap(4, (a, b) => a < b);
    heap.push(2);
    expect(() => heap.push(2)).toThrow('IndexHeap.push of 2, already in the heap');
    expect(() => heap.push(-1)).toThrow(RangeError);
    expect(() => heap.push(0.5)).toThrow(RangeError);
    expect(() => heap.update(1)).toThrow('IndexHeap.update of 1, not in the heap');
    expect(() => heap.update(9)).toThrow(RangeError);
  });

  it('keeps the first item by key, then index, on top through any sequence of key changes (update)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((m) => fc.tuple(fc.constant(m), fc.array(fc.tuple(fc.nat(m - 1), fc.integer({ min: 0, max: 5 })), { maxLength: 60 }))),
        ([m, changes]) => {
          const key = new Float64Array(m);
          const heap = IndexHeap.withAll(m, (a, b) => key[a]! < key[b]! || (key[a] === key[b] && a < b));
          expect(heap.size).toBe(m);
          const first = () => Array.from(key).reduce((best, k, p) => (k < key[best]! ? p : best), 0);
          expect(heap.peek()).toBe(0);
          for (const [p, value] of changes) {
            key[p] = value;
            heap.update(p);
            expect(heap.peek()).toBe(first());
          }
          // and pops everything in key order afterwards
          const sorted = Array.from({ length: m }, (_, p) => p).sort((a, b) => key[a]! - key[b]! || a - b);
          expect(Array.from({ length: m }, () => heap.pop())).toEqual(sorted);
        },
      ),
      { numRuns: 200 },
    );
  });
});
