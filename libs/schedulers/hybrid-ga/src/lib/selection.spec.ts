import { Random } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { rankSlots, selectSurvivors, tournament } from './selection.js';

const scores = (primary: number[], secondary = primary.map(() => 0)) => ({ primary, secondary });

describe('rankSlots', () => {
  it('sorts by primary, then secondary, then slot', () => {
    expect(rankSlots([0, 1, 2, 3], scores([5, 3, 3, 1], [0, 2, 1, 0]))).toEqual([3, 2, 1, 0]);
    expect(rankSlots([2, 1, 0], scores([1, 1, 1]))).toEqual([0, 1, 2]);
  });
});

describe('selectSurvivors', () => {
  const s = scores(Array.from({ length: 20 }, (_, i) => i));
  const ranked = rankSlots(Array.from({ length: 20 }, (_, i) => 19 - i), s);

  it('always keeps the elite and returns distinct slots', () => {
    for (let seed = 0; seed < 50; seed++) {
      const survivors = selectSurvivors(ranked, s, new Random(seed), { count: 10, elite: 2, distinct: false });
      expect(survivors).toHaveLength(10);
      expect(new Set(survivors).size).toBe(10);
      expect(survivors.slice(0, 2)).toEqual([0, 1]);
    }
  });

  it('with an elite of one, keeps the best', () => {
    const survivors = selectSurvivors(ranked, s, new Random(3), { count: 10, elite: 1, distinct: false });
    expect(survivors[0]).toBe(0);
  });

  it('favours better ranks (linear rank weights)', () => {
    const counts = new Array<number>(20).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const slot of selectSurvivors(ranked, s, new Random(seed), { count: 5, elite: 0, distinct: false })) counts[slot]!++;
    const top = counts.slice(0, 5).reduce((a, b) => a + b, 0);
    const bottom = counts.slice(15).reduce((a, b) => a + b, 0);
    expect(top).toBeGreaterThan(3 * bottom);
    expect(bottom).toBeGreaterThan(0); // not truncation: the worst can survive
  });

  it('with `distinct`, takes clones of a better individual only when nothing else is left', () => {
    const clones = scores([1, 1, 1, 1, 2, 3]);
    const order = rankSlots([0, 1, 2, 3, 4, 5], clones);
    const survivors = selectSurvivors(order, clones, new Random(1), { count: 3, elite: 1, distinct: true });
    expect(survivors.sort()).toEqual([0, 4, 5]);
    const more = selectSurvivors(order, clones, new Random(1), { count: 5, elite: 1, distinct: true });
    expect(more.slice(0, 3).sort()).toEqual([0, 4, 5]);
    expect(more).toHaveLength(5);
  });

  it('returns everyone when there are no more candidates than places', () => {
    expect(selectSurvivors([3, 1], s, new Random(1), { count: 4, elite: 1, distinct: false })).toEqual([3, 1]);
  });
});

describe('tournament', () => {
  it('picks the better-ranked of two random members', () => {
    const ranked = [7, 8, 9];
    let best = 0;
    for (let seed = 0; seed < 900; seed++) if (tournament(ranked, new Random(seed)) === 7) best++;
    expect(best / 900).toBeGreaterThan(0.45); // 5/9 in expectation
    expect(best / 900).toBeLessThan(0.65);
  });
});
