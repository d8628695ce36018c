import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.js';

describe('BatchLoader', () => {
  it('joins the loads of one tick into one batch, each key once, and caches results', async () => {
    const batches: string[][] = [];
    const loader = new BatchLoader<string, string>(async (keys) => {
      batches.push([...keys]);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const values = await Promise.all([loader.load('a'), loader.load('b'), loader.load('a'), loader.load('missing')]);
    expect(values).toEqual(['A', 'B', 'A', undefined]);
    expect(batches).toEqual([['a', 'b', 'missing']]);
    expect(await loader.load('b')).toBe('B');
    expect(batches).toHaveLength(1);
  });

  it('also batches loads made by resolvers whose parents resolved in the same tick', async () => {
    const batches: number[][] = [];
    const loader = new BatchLoader<number, number>(async (keys) => {
      batches.push([...keys]);
      return new Map(keys.map((k) => [k, k * 2]));
    });
    const parents = [1, 2, 3].map((n) => Promise.resolve(n));
    const values = await Promise.all(parents.map(async (parent) => loader.load(await parent)));
    expect(values).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits large batches and forgets failed keys so that a later load retries', async () => {
    let calls = 0;
    const loader = new BatchLoader<number, number>(async (keys) => {
      calls++;
      if (calls === 1) throw new Error('database hiccup');
      return new Map(keys.map((k) => [k, k]));
    }, 2);
    const first = await Promise.allSettled([loader.load(1), loader.load(2), loader.load(3)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(await loader.load(1)).toBe(1);
  });
});
