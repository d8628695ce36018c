import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentCost, documentTransfer, randomProblem } from '../../../test/support/random-problem.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { downwardRanks, largestMagnitude, meanCosts, priorityOrder, rankKey, rankKeys, readyListOrder, upwardRanks } from './ranks.js';
import { compileProblem, type SchedulingProblem } from './scheduling-problem.js';

/** The sample DAG of Topcuoglu, Hariri & Wu (2002), Fig. 2, on three processors. */
const paperWorkflow: WorkflowSpec = {
  tasks: [
    [14, 16, 9],
    [13, 19, 18],
    [11, 13, 19],
    [13, 8, 17],
    [12, 13, 10],
    [13, 16, 9],
    [7, 15, 11],
    [5, 11, 14],
    [18, 12, 20],
    [21, 7, 16],
  ].map(([p1, p2, p3], i) => ({ id: `n${i + 1}`, costs: { p1: p1 as number, p2: p2 as number, p3: p3 as number } })),
  edges: (
    [
      [1, 2, 18],
      [1, 3, 12],
      [1, 4, 9],
      [1, 5, 11],
      [1, 6, 14],
      [2, 8, 19],
      [2, 9, 16],
      [3, 7, 23],
      [4, 8, 27],
      [4, 9, 23],
      [5, 9, 13],
      [6, 8, 15],
      [7, 10, 17],
      [8, 10, 11],
      [9, 10, 13],
    ] as const
  ).map(([a, b, data]) => ({ from: `n${a}`, to: `n${b}`, data })),
};
const paper = compileProblem(paperWorkflow, { processors: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }] });

const names = (problem: SchedulingProblem, order: Int32Array) => Array.from(order, (t) => problem.taskIds[t]);
const chainProblem = (workflow: WorkflowSpec) => compileProblem(workflow, { processors: [{ id: 'p' }, { id: 'q' }] });

describe('ranks on the paper example (values from its Table 2)', () => {
  it('w̄ is the mean cost over processors', () => {
    expect(meanCosts(paper)[0]).toBeCloseTo(13, 12);
    expect(meanCosts(paper)[5]).toBeCloseTo(38 / 3, 12);
  });

  it('upward ranks', () => {
    const published = [108.0, 77.0, 80.0, 80.0, 69.0, 63.333, 42.667, 35.667, 44.333, 14.667];
    Array.from(upwardRanks(paper)).forEach((rank, t) => expect(rank).toBeCloseTo(published[t] as number, 2));
  });

  it('downward ranks', () => {
    const published = [0.0, 31.0, 25.0, 22.0, 24.0, 27.0, 62.333, 66.667, 63.667, 93.333];
    Array.from(downwardRanks(paper)).forEach((rank, t) => expect(rank).toBeCloseTo(published[t] as number, 2));
  });

  it('orders by decreasing upward rank; n3 and n4 tie at 80 and keep input order', () => {
    expect(names(paper, priorityOrder(paper, upwardRanks(paper)))).toEqual(['n1', 'n3', 'n4', 'n2', 'n5', 'n6', 'n9', 'n7', 'n8', 'n10']);
  });
});

describe('upwardRanks / downwardRanks options', () => {
  // a -> b with data 6 on two processors joined by bandwidth 2, latency 1: c̄ = 1 + 6 / 2 = 4
  const problem = compileProblem(
    { tasks: [{ id: 'a', costs: { p: 2, q: 4 } }, { id: 'b', work: 5 }], edges: [{ from: 'a', to: 'b', data: 6 }] },
    { processors: [{ id: 'p' }, { id: 'q' }], network: { bandwidth: 2, latency: 1 } },
  );

  it('adds c̄ = L̄ + data / B̄ along an edge', () => {
    expect(Array.from(upwardRanks(problem))).toEqual([3 + 4 + 5, 5]);
    expect(Array.from(downwardRanks(problem))).toEqual([0, 3 + 4]);
  });

  it('drops communication on request and accepts other task costs', () => {
    expect(Array.from(upwardRanks(problem, meanCosts(problem), false))).toEqual([8, 5]);
    expect(Array.from(upwardRanks(problem, Float64Array.of(1, 10)))).toEqual([1 + 4 + 10, 10]);
    expect(Array.from(downwardRanks(problem, Float64Array.of(1, 10)))).toEqual([0, 1 + 4]);
  });

  it('ignores communication on a single processor', () => {
    const solo = compileProblem(problem.workflow, { processors: [{ id: 'p' }], network: { bandwidth: 2, latency: 1 } });
    expect(Array.from(upwardRanks(solo))).toEqual([2 + 5, 5]);
  });
});

describe('priorityOrder', () => {
  const independent = (n: number) => chainProblem({ tasks: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, work: 1 })), edges: [] });

  it('sorts independent tasks by decreasing priority', () => {
    const p = independent(4);
    expect(Array.from(priorityOrder(p, Float64Array.of(1, 4, 3, 2)))).toEqual([1, 2, 3, 0]);
  });

  it('breaks exact ties by input order', () => {
    const p = independent(5);
    expect(Array.from(priorityOrder(p, Float64Array.of(2, 5, 2, 5, 2)))).toEqual([1, 3, 0, 2, 4]);
  });

  it('treats priorities that differ only by floating-point noise as ties', () => {
    const p = independent(3);
    // 0.1 + 0.2 = 0.30000000000000004: the same rank reached by two summation orders
    expect(Array.from(priorityOrder(p, Float64Array.of(0.3, 0.1 + 0.2, 0.3)))).toEqual([0, 1, 2]);
    expect(Array.from(priorityOrder(p, Float64Array.of(80, 80.00000000000001, 79.99999999999999)))).toEqual([0, 1, 2]);
    // ...but not real differences
    expect(Array.from(priorityOrder(p, Float64Array.of(80, 80.0000001, 79.9999999)))).toEqual([1, 0, 2]);
  });

  it('puts a predecessor first when a zero-cost successor ties its rank, even when the successor comes first in the input', () => {
    // input order: b, a; edge a -> b; every cost 0 and no data: both ranks 0.
    const p = chainProblem({ tasks: [{ id: 'b', work: 0 }, { id: 'a', work: 0 }], edges: [{ from: 'a', to: 'b' }] });
    const ranks = upwardRanks(p);
    expect(ranks[0]).toBe(ranks[1]);
    expect(names(p, priorityOrder(p, ranks))).toEqual(['a', 'b']);
  });

  it('stays a precedence order when a successor has the higher priority', () => {
    const p = chainProblem({ tasks: [{ id: 'z', work: 1 }, { id: 'y', work: 1 }, { id: 'x', work: 1 }], edges: [{ from: 'x', to: 'y' }, { from: 'y', to: 'z' }] });
    expect(names(p, priorityOrder(p, Float64Array.of(9, 5, 1)))).toEqual(['x', 'y', 'z']);
  });

  it('orders very small priorities too (no overflow when scaling them)', () => {
    const p = independent(4);
    expect(Array.from(priorityOrder(p, Float64Array.of(1e-300, 3e-300, 0, 2e-300)))).toEqual([1, 3, 0, 2]);
    expect(Array.from(priorityOrder(p, Float64Array.of(5e-324, 0, 1e-323, 5e-324)))).toEqual([2, 0, 3, 1]);
    expect(Array.from(priorityOrder(p, Float64Array.of(1e300, 3e300, 0, 2e300)))).toEqual([1, 3, 0, 2]);
  });

  it('handles all-zero and negative priorities', () => {
    const p = independent(3);
    expect(Array.from(priorityOrder(p, new Float64Array(3)))).toEqual([0, 1, 2]);
    expect(Array.from(priorityOrder(p, Float64Array.of(-3, -1, -2)))).toEqual([1, 2, 0]);
  });
});

describe('rankKeys', () => {
  it('scales by the largest magnitude and keeps 12 significant digits: rounding noise ties, real differences do not', () => {
    // largest 80: 80 -> 1e12; 80.00000000000001 / 80 = 1 + 1.8e-16 -> 1e12 as well; 40 -> 5e11; -80 -> -1e12
    expect(Array.from(rankKeys(Float64Array.of(80, 80.00000000000001, 40, -80)))).toEqual([1e12, 1e12, 5e11, -1e12]);
    expect(largestMagnitude([3, -7, 5])).toBe(7);
    expect(rankKey(80.0000001, 80)).toBeGreaterThan(rankKey(80, 80));
  });

  it('gives 0 to everything when every rank is 0, and scales tiny ranks without overflow', () => {
    expect(Array.from(rankKeys(new Float64Array(3)))).toEqual([0, 0, 0]);
    expect(largestMagnitude([])).toBe(0);
    // 5e-324 / 1e-323 = 0.5: the division comes first, so nothing overflows to Infinity
    expect(Array.from(rankKeys(Float64Array.of(5e-324, 1e-323)))).toEqual([5e11, 1e12]);
  });

  it('gives 0 and -0 the same key (a counterexample the property found: [0, -5e-324, -0])', () => {
    const keys = rankKeys(Float64Array.of(0, -5e-324, -0));
    expect(Object.is(keys[0], keys[2])).toBe(true);
    expect(keys[1]).toBe(-1e12);
    // A negative rank that rounds to nothing beside the largest is a 0 key too, not -0.
    expect(Object.is(rankKeys(Float64Array.of(1, -1e-13))[1], 0)).toBe(true);
  });

  it('orders as the ranks do wherever they differ by more than 1e-12 of the largest (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const keys = rankKeys(Float64Array.from(values));
        const largest = Math.max(...values.map(Math.abs));
        for (let a = 0; a < values.length; a++) {
          for (let b = 0; b < values.length; b++) {
            if (values[a]! - values[b]! > 1e-11 * largest) expect(keys[a]).toBeGreaterThan(keys[b]!);
            if (values[a] === values[b]) expect(keys[a]).toBe(keys[b]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Reference ready list, naive: repeatedly take the ready task of highest priority, ties to the lowest index.
 * Only used with integer priorities, which the implementation's rounding keeps distinct and exact.
 */
function referenceReadyList(n: number, edges: readonly [number, number][], priority: readonly number[]): number[] {
  const done = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let t = 0; t < n; t++) {
      if (done[t] || edges.some(([a, b]) => b === t && !done[a])) continue;
      if (best === -1 || (priority[t] as number) > (priority[best] as number)) best = t;
    }
    done[best] = true;
    order.push(best);
  }
  return order;
}

describe('readyListOrder', () => {
  it('calls ready when a task becomes ready and listed as it is taken, before its successors become ready', () => {
    // a -> c, b -> c, c -> d; the comparator prefers higher indices, yet c waits for both a and b.
    const p = chainProblem({
      tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 1 })),
      edges: [
        { from: 'a', to: 'c', data: 0 },
        { from: 'b', to: 'c', data: 0 },
        { from: 'c', to: 'd', data: 0 },
      ],
    });
    const calls: string[] = [];
    const order = readyListOrder(p, (x, y) => x > y, { ready: (t) => calls.push(`ready ${t}`), listed: (t) => calls.push(`listed ${t}`) });
    expect(Array.from(order)).toEqual([1, 0, 2, 3]);
    expect(calls).toEqual(['ready 0', 'ready 1', 'listed 1', 'listed 0', 'ready 2', 'listed 2', 'ready 3', 'listed 3']);
  });
});

describe('priorityOrder (property)', () => {
  const dagWithPriorities = fc.integer({ min: 1, max: 10 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { selector: ([a, b]) => `${a}>${b}`, maxLength: 20 }).map((pairs) =>
        // orient by a random relabelling so that input order is not topological
        pairs.filter(([a, b]) => a !== b).map(([a, b]): [number, number] => ((a * 7 + 3) % 11 < (b * 7 + 3) % 11 ? [a, b] : [b, a])),
      ),
      priority: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
    }),
  );

  it('is the greedy ready list: a precedence order, highest priority first, ties by input order', () => {
    fc.assert(
      fc.property(dagWithPriorities, ({ n, edges, priority }) => {
        const unique = [...new Map(edges.map((e) => [`${e[0]}>${e[1]}`, e])).values()];
        const workflow: WorkflowSpec = {
          tasks: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, work: 1 })),
          edges: unique.map(([a, b]) => ({ from: `t${a}`, to: `t${b}` })),
        };
        const problem = compileProblem(workflow, { processors: [{ id: 'p' }] });
        const order = Array.from(priorityOrder(problem, Float64Array.from(priority)));
        const position = new Map(order.map((t, k) => [t, k]));
        expect(position.size).toBe(n);
        for (const [a, b] of unique) expect(position.get(a)!).toBeLessThan(position.get(b)!);
        expect(order).toEqual(referenceReadyList(n, unique, priority));
      }),
      { numRuns: 200 },
    );
  });

  it('upward ranks satisfy their definition, computed from the documents', () => {
    fc.assert(
      fc.property(randomProblem({ maxTasks: 9, maxProcessors: 4 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const m = cluster.processors.length;
        const ids = cluster.processors.map((p) => p.id);
        const pairs: [string, string][] = ids.flatMap((a) => ids.filter((b) => b !== a).map((b): [string, string] => [a, b]));
        const meanLatency = pairs.length ? pairs.reduce((s, [a, b]) => s + documentTransfer(cluster, 0, a, b), 0) / pairs.length : 0;
        const meanBandwidth = pairs.length
          ? pairs.reduce((s, [a, b]) => s + 1 / (documentTransfer(cluster, 1, a, b) - documentTransfer(cluster, 0, a, b)), 0) / pairs.length
          : Number.POSITIVE_INFINITY;
        const cbar = (data: number) => (m > 1 ? meanLatency + data / meanBandwidth : 0);
        const wbar = (id: string) => {
          const task = workflow.tasks.find((t) => t.id === id)!;
          return cluster.processors.reduce((s, p) => s + documentCost(task, p), 0) / m;
        };
        const up = new Map<string, number>();
        const rankU = (id: string): number => {
          if (!up.has(id)) up.set(id, wbar(id) + Math.max(0, ...workflow.edges.filter((e) => e.from === id).map((e) => cbar(e.data ?? 0) + rankU(e.to))));
          return up.get(id)!;
        };
        const down = new Map<string, number>();
        const rankD = (id: string): number => {
          if (!down.has(id)) down.set(id, Math.max(0, ...workflow.edges.filter((e) => e.to === id).map((e) => rankD(e.from) + wbar(e.from) + cbar(e.data ?? 0))));
          return down.get(id)!;
        };
        const u = upwardRanks(problem);
        const d = downwardRanks(problem);
        problem.taskIds.forEach((id, t) => {
          expect(u[t]).toBeCloseTo(rankU(id), 8);
          expect(d[t]).toBeCloseTo(rankD(id), 8);
        });
        // HEFT's order is always a precedence order
        const position = new Map(Array.from(priorityOrder(problem, u), (t, k) => [problem.taskIds[t]!, k]));
        for (const e of workflow.edges) expect(position.get(e.from)!).toBeLessThan(position.get(e.to)!);
      }),
      { numRuns: 150 },
    );
  });
});
