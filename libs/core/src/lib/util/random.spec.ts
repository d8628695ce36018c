import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

const take = (random: Random, count: number) => Array.from({ length: count }, () => random.nextUint32());

describe('Random', () => {
  it('gives the same stream for the same seed, number or string', () => {
    expect(take(new Random(42), 20)).toEqual(take(new Random(42), 20));
    expect(take(new Random('experiment-7'), 20)).toEqual(take(new Random('experiment-7'), 20));
  });

  it('gives different streams for different seeds', () => {
    const streams = [new Random(1), new Random(2), new Random(3), new Random('a'), new Random('b'), new Random()].map((r) => take(r, 4).join());
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('draws 32-bit unsigned integers and fractions in [0, 1)', () => {
    const random = new Random(7);
    for (let i = 0; i < 2000; i++) {
      const u = random.nextUint32();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('is roughly uniform: mean near 1/2, every integer of a small range drawn about equally', () => {
    const random = new Random(2024);
    let sum = 0;
    const counts = new Array<number>(10).fill(0);
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      sum += random.next();
      counts[random.int(0, 9)]!++;
    }
    expect(Math.abs(sum / draws - 0.5)).toBeLessThan(0.01);
    for (const c of counts) expect(Math.abs(c - draws / 10)).toBeLessThan(draws / 10 / 8);
  });

  it('int(min, max) covers both ends and nothing else; uniform(min, max) stays in [min, max)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 5 }), (seed, min, width) => {
        const random = new Random(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 200; i++) {
          const k = random.int(min, min + width);
          expect(Number.isInteger(k) && k >= min && k <= min + width).toBe(true);
          seen.add(k);
          const u = random.uniform(min, min + width + 0.5);
          expect(u >= min && u < min + width + 0.5).toBe(true);
        }
        expect(seen.size).toBe(width + 1);
      }),
      { numRuns: 50 },
    );
  });

  it('chance(p) is never true at 0 and always at 1', () => {
    const random = new Random(3);
    for (let i = 0; i < 200; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
    }
  });

  it('shuffle is an in-place permutation, reproducible by seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 30 }), fc.integer(), (items, seed) => {
        const copy = [...items];
        const shuffled = new Random(seed).shuffle(copy);
        expect(shuffled).toBe(copy);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        expect(new Random(seed).shuffle([...items])).toEqual(shuffled);
      }),
      { numRuns: 100 },
    );
  });

  it('shuffle reaches every permutation of three items', () => {
    const random = new Random(11);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) seen.add(random.shuffle([1, 2, 3]).join());
    expect(seen.size).toBe(6);
  });

  it('fork gives a reproducible stream unlike its parent', () => {
    const parent = new Random(5);
    const child = parent.fork();
    const again = new Random(5).fork();
    expect(take(child, 10)).toEqual(take(again, 10));
    expect(take(new Random(5).fork(), 10)).not.toEqual(take(new Random(5), 10));
    expect(take(parent, 10)).not.toEqual(take(new Random(5).fork(), 10));
  });
});
