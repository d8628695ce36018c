import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCrossings, CycleError, layeredLayout, levelSummary, longestPathLevels, type DagInput } from './dag-layout.js';

/** Edges given as "a>b" pairs over tasks named by their index + 1 (n1 is task 0). */
function dag(taskCount: number, edges: string): DagInput {
  const pairs = edges.split(' ').filter(Boolean).map((e) => e.split('>').map((name) => Number(name.slice(1)) - 1) as [number, number]);
  return { taskCount, from: pairs.map((p) => p[0]), to: pairs.map((p) => p[1]) };
}

// The example of Topcuoglu, Hariri & Wu (2002), Fig. 2 (../shared/fixtures/topcuoglu2002).
const PAPER = dag(10, 'n1>n2 n1>n3 n1>n4 n1>n5 n1>n6 n2>n8 n2>n9 n3>n7 n4>n8 n4>n9 n5>n9 n6>n8 n7>n10 n8>n10 n9>n10');

/** Every pair of adjacent-level edges compared: the O(E²) definition of a crossing. */
function naiveCrossings(input: DagInput, level: ArrayLike<number>, position: ArrayLike<number>): number {
  const adjacent: [number, number, number][] = [];
  for (let k = 0; k < input.from.length; k++) {
    const a = input.from[k]!;
    const b = input.to[k]!;
    if (level[b] === level[a]! + 1) adjacent.push([level[a]!, position[a]!, position[b]!]);
  }
  let crossings = 0;
  for (let i = 0; i < adjacent.length; i++) {
    for (let j = i + 1; j < adjacent.length; j++) {
      const [la, ua, da] = adjacent[i]!;
      const [lb, ub, db] = adjacent[j]!;
      if (la === lb && (ua - ub) * (da - db) < 0) crossings++;
    }
  }
  return crossings;
}

/** Random DAGs: edges only from a lower to a higher index, so acyclic by construction. */
const randomDag = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 3 * n })
    .map((pairs) => {
      const unique = new Map<string, [number, number]>();
      for (const [a, b] of pairs) if (a !== b) unique.set(`${Math.min(a, b)}>${Math.max(a, b)}`, [Math.min(a, b), Math.max(a, b)]);
      const edges = [...unique.values()];
      return { taskCount: n, from: edges.map((e) => e[0]), to: edges.map((e) => e[1]) } as DagInput;
    }),
);

describe('longestPathLevels', () => {
  it('levels the paper example as drawn in its Fig. 2', () => {
    // n1 is the entry; n2..n6 are its children; n7 (after n3), n8 (after n2, n4, n6) and n9 (after n2, n4, n5)
    // are one level further; n10 joins n7, n8 and n9.
    expect([...longestPathLevels(PAPER)]).toEqual([0, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
  });

  it('puts a task below its deepest parent, not its shallowest', () => {
    // n1 > n2 > n3 and the shortcut n1 > n3: n3 is at level 2, not 1.
    expect([...longestPathLevels(dag(3, 'n1>n2 n2>n3 n1>n3'))]).toEqual([0, 1, 2]);
  });

  it('refuses a cycle, naming the tasks on it or behind it', () => {
    // n1 > n2 > n3 > n2: n1 is freed; n2 and n3 never are, nor n4 behind them.
    const cyclic = dag(4, 'n1>n2 n2>n3 n3>n2 n3>n4');
    expect(() => longestPathLevels(cyclic)).toThrow(CycleError);
    try {
      longestPathLevels(cyclic);
    } catch (error) {
      expect((error as CycleError).taskIndices).toEqual([1, 2, 3]);
    }
  });

  it('is tight: every edge goes down, and every non-entry task has a parent exactly one level up', () => {
    fc.assert(
      fc.property(randomDag, (input) => {
        const level = longestPathLevels(input);
        const hasTightParent = new Array<boolean>(input.taskCount).fill(false);
        const hasParent = new Array<boolean>(input.taskCount).fill(false);
        for (let k = 0; k < input.from.length; k++) {
          const a = input.from[k]!;
          const b = input.to[k]!;
          expect(level[b]).toBeGreaterThan(level[a]!);
          hasParent[b] = true;
          if (level[b] === level[a]! + 1) hasTightParent[b] = true;
        }
        for (let t = 0; t < input.taskCount; t++) expect(hasParent[t] ? hasTightParent[t] : level[t] === 0).toBe(true);
      }),
    );
  });
});

describe('layeredLayout', () => {
  it('untangles a crossed pair', () => {
    // Level 0: n1, n2; level 1: n3, n4 with n1 > n4 and n2 > n3: in index order the two edges cross once;
    // swapping n3 and n4 (each under its parent) removes the crossing.
    const input = dag(4, 'n1>n4 n2>n3');
    const layout = layeredLayout(input);
    expect(countCrossings(input, layout.level, [0, 1, 0, 1])).toBe(1);
    expect(layout.crossings).toBe(0);
    expect(layout.levels).toEqual([[0, 1], [3, 2]]);
  });

  it('draws the paper example with the one crossing it cannot avoid', () => {
    const layout = layeredLayout(PAPER);
    expect(layout.levels.map((tasks) => tasks.length)).toEqual([1, 5, 3, 1]);
    expect(layout.crossings).toBe(naiveCrossings(PAPER, layout.level, layout.position));
    // n2 and n4 both send to n8 and n9: whichever of each pair is left, n2 > n9 and n4 > n8 (or the mirror) cross,
    // so at least 1. One crossing is reachable: n3 n6 n2 n4 n5 over n7 n8 n9 crosses only there; levels 0-1 and
    // 2-3 have a single task on one side and cannot cross.
    expect(layout.crossings).toBe(1);
  });

  it('gives each level a permutation, counts crossings as the naive definition does, and never does worse than index order', () => {
    fc.assert(
      fc.property(randomDag, (input) => {
        const layout = layeredLayout(input);
        for (const [l, tasks] of layout.levels.entries()) {
          expect([...tasks].sort((a, b) => a - b)).toEqual([...layout.level.keys()].filter((t) => layout.level[t] === l));
          tasks.forEach((t, i) => expect(layout.position[t]).toBe(i));
        }
        expect(layout.crossings).toBe(naiveCrossings(input, layout.level, layout.position));
        const indexOrder = new Int32Array(input.taskCount);
        const seen = new Map<number, number>();
        for (let t = 0; t < input.taskCount; t++) {
          indexOrder[t] = seen.get(layout.level[t]!) ?? 0;
          seen.set(layout.level[t]!, indexOrder[t]! + 1);
        }
        expect(layout.crossings).toBeLessThanOrEqual(naiveCrossings(input, layout.level, indexOrder));
      }),
    );
  });
});

describe('levelSummary', () => {
  it('counts tasks and edges per level', () => {
    // Level 0: n1 with 5 edges down. Level 1: n2..n6 with n2>n8, n2>n9, n3>n7, n4>n8, n4>n9, n5>n9, n6>n8 = 7.
    // Level 2: n7, n8, n9, one edge each to n10. Level 3: n10.
    expect(levelSummary(PAPER)).toEqual([
      { level: 0, tasks: 1, toNext: 5, skipping: 0 },
      { level: 1, tasks: 5, toNext: 7, skipping: 0 },
      { level: 2, tasks: 3, toNext: 3, skipping: 0 },
      { level: 3, tasks: 1, toNext: 0, skipping: 0 },
    ]);
    // n1 > n3 skips level 1 in n1 > n2 > n3 + n1 > n3.
    expect(levelSummary(dag(3, 'n1>n2 n2>n3 n1>n3'))[0]).toEqual({ level: 0, tasks: 1, toNext: 1, skipping: 1 });
  });
});
