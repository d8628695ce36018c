import { compileProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { loadWeights, LocalOrRemote, LowerBound, tailBounds, waterLevel } from './bounds.js';
import { PartialSchedule } from './partial-schedule.js';
import { previousIdenticalProcessor } from './symmetry.js';

describe('LocalOrRemote', () => {
  it('takes the best split of neighbours between the processor and elsewhere', () => {
    // (remote, serial, release) = (20, 3, 5), (19, 3, 6), (18, 1, 0); kept ones run one after another, each from
    // its release: J(L) = max over i in L of release_i + Σ serial of those in L released at or after i.
    //   none kept: 20;  the first: max(19, 5 + 3) = 19;  the first two: max(18, 5 + 3 + 3, 6 + 3) = 18;
    //   all three: max(0 + 1 + 3 + 3, 5 + 6, 6 + 3) = 11.  Least: 11 (a plain sum from the earliest release, 7,
    //   or the latest single finish, 9, would say less).
    const split = new LocalOrRemote(3);
    split.add(19, 3, 6);
    split.add(18, 1, 0);
    split.add(20, 3, 5);
    expect(split.least()).toBe(11);
    split.clear();
    expect(split.least()).toBe(0);
  });
});

describe('waterLevel', () => {
  it('fills processors in order of availability', () => {
    // free 0, 2, 10 and work 6: with two processors (6 + 0 + 2) / 2 = 4 ≤ 10, so 4.
    // With work 20: (20 + 2) / 2 = 11 > 10, so all three: (20 + 12) / 3 = 32 / 3.
    const free = Float64Array.of(10, 0, 2);
    const ones = Float64Array.of(1, 1, 1);
    expect(waterLevel(free, ones, 6, new Int32Array(3))).toBe(4);
    expect(waterLevel(free, ones, 20, new Int32Array(3))).toBe(32 / 3);
  });

  it('weights processors: slope Σ λ, offset Σ λ·free', () => {
    // λ = (1, 3), free (4, 0), work 6: p1 alone gives 6 / 3 = 2 ≤ 4; work 18: 18 / 3 = 6 > 4, so (18 + 4) / 4 = 5.5.
    expect(waterLevel(Float64Array.of(4, 0), Float64Array.of(1, 3), 6, new Int32Array(2))).toBe(2);
    expect(waterLevel(Float64Array.of(4, 0), Float64Array.of(1, 3), 18, new Int32Array(2))).toBe(5.5);
  });
});

describe('lower bounds on small problems', () => {
  it('tail: a fork keeps its longer branch and sends the shorter one away', () => {
    // a → b, a → c with data 4, latency 1, bandwidth 2 (a transfer takes 3); b costs 3, c costs 5, a 2.
    // From a on either processor: both branches elsewhere 3 + 5 = 8; both kept 3 + 5 = 8; c kept and b away
    // max(5, 3 + 3) = 6; b kept and c away max(3, 8) = 8. So tail(a) = 6, and the exits have tail 0.
    const problem = compileProblem(
      { tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 3 }, { id: 'c', work: 5 }], edges: [{ from: 'a', to: 'b', data: 4 }, { from: 'a', to: 'c', data: 4 }] },
      { processors: [{ id: 'x' }, { id: 'y' }], network: { latency: 1, bandwidth: 2 } },
    );
    expect(Array.from(tailBounds(problem))).toEqual([6, 6, 0, 0, 0, 0]);
    // Root bound: a starts at 0, ends at 2, then 6 more: 8 (load: (2 + 3 + 5) / 2 = 5). The optimum is 8 too:
    // a, c on x until 7 and b on y from 2 + 3 = 5 until 8.
    expect(new LowerBound(problem, tailBounds(problem)).of(new PartialSchedule(problem), 0)).toBe(8);
  });

  it('load: speed weights give Σ work / Σ speed on processors differing in speed only', () => {
    // Speeds 1 and 4, independent tasks of work 4 and 8: costs 4, 8 on p and 1, 2 on q. Equal weights: least
    // costs (1 + 2) / 2 = 1.5. Speed weights 2^round(-log2 12) = 1/16 and 2^round(-log2 3) = 1/4 (ratio 4, the
    // speeds'): Σ min λ·cost = 1/4 + 1/2 = 3/4 over slope 1/16 + 1/4 = 5/16 gives 12/5 = 2.4 = 12 work / 5 speed.
    // The longest least cost is 2. So the root bound is 2.4.
    const problem = compileProblem(
      { tasks: [{ id: 'a', work: 4 }, { id: 'b', work: 8 }], edges: [] },
      { processors: [{ id: 'p', speed: 1 }, { id: 'q', speed: 4 }] },
    );
    expect(loadWeights(problem).map((w) => Array.from(w))).toEqual([
      [1, 1],
      [1 / 16, 1 / 4],
    ]);
    expect(new LowerBound(problem, tailBounds(problem)).of(new PartialSchedule(problem), 0)).toBe(2.4);
  });
});

describe('previousIdenticalProcessor', () => {
  it('pairs processors with equal costs and equal links to every third processor', () => {
    // a, b, d of speed 1 and c of speed 2; the link a–d has latency 5, all others the defaults.
    // b vs a: their links to d differ (0 vs 5). c: another speed. d vs b: links to a differ. d vs a: links to
    // b and c agree (their own link does not matter): identical.
    const problem = compileProblem(
      { tasks: [{ id: 't', work: 2 }], edges: [] },
      { processors: [{ id: 'a' }, { id: 'b' }, { id: 'c', speed: 2 }, { id: 'd' }], network: { links: [{ between: ['a', 'd'], latency: 5 }] } },
    );
    expect(Array.from(previousIdenticalProcessor(problem))).toEqual([-1, -1, -1, 0]);
  });
});
