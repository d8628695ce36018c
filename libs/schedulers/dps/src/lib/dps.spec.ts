import { compileProblem, runScheduler } from '@hetsched/core';
import { scheduleRows } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { cluster, workflow } from '../testing/hand-worked-example.js';
import { decisivePathLengths, dps, dpsOrder } from './dps.js';
import { dpsPlugin } from './dps-plugin.js';

describe('DPS on a hand-worked example', () => {
  // The documents are in ../testing/hand-worked-example.ts.
  // Two processors P, Q; latency 1, bandwidth 2, so c̄(data) = 1 + data / 2 and a transfer takes the same.
  //   a -> b (data 8); e independent.
  //        P  Q   w̄
  //   a    2  2   2
  //   b    2  2   2
  //   e    1  6   3.5
  // BL (t included): b = 2, a = 2 + (1 + 8 / 2) + 2 = 9, e = 3.5
  // TL (t excluded): a = 0, b = 0 + 2 + 5 = 7, e = 0
  // decisive path TL + BL: a 9, b 9, e 3.5
  // ready list: {a 9, e 3.5} -> a; {b 9, e 3.5} -> b; e. (HEFT's upward rank, b 2 < e 3.5, would place e before b.)
  //   a: finishes at 2 on P and on Q: a tie -> P [0, 2)
  //   b: P from 2 -> [2, 4); Q: data at 2 + 1 + 4 = 7 -> [7, 9) -> P
  //   e: P free at 4 -> [4, 5); Q [0, 6) -> P [4, 5)
  const problem = compileProblem(workflow, cluster);

  it('computes the decisive-path lengths TL + BL and orders the ready tasks by them', () => {
    expect(Array.from(decisivePathLengths(problem))).toEqual([9, 9, 3.5]);
    expect(Array.from(dpsOrder(problem))).toEqual([0, 1, 2]);
  });

  it('places each task at its earliest finish time, ties to the processor listed first', () => {
    expect(scheduleRows(dps(problem))).toEqual([
      [0, 0, 2],
      [0, 2, 4],
      [0, 4, 5],
    ]);
  });

  it('inserts a task into an idle gap left by a communication wait', () => {
    // Same cluster. g (P 1, Q 9) -> h (P 9, Q 1) with data 6; k independent (P 9, Q 2).
    // w̄: g 5, h 5, k 5.5; c̄(6) = 1 + 3 = 4. BL: h 5, g 5 + 4 + 5 = 14, k 5.5; TL: h 5 + 4 = 9.
    // Priorities: g 14, h 14, k 5.5 -> order g, h, k.
    //   g: P [0, 1) (Q would end at 9)
    //   h: P from 1 -> [1, 10); Q: data at 1 + 1 + 3 = 5 -> [5, 6) -> Q
    //   k: P free at 1 -> [1, 10); Q has the gap [0, 5): [0, 2) -> Q (insertion before h)
    const gap = compileProblem(
      {
        tasks: [
          { id: 'g', costs: { P: 1, Q: 9 } },
          { id: 'h', costs: { P: 9, Q: 1 } },
          { id: 'k', costs: { P: 9, Q: 2 } },
        ],
        edges: [{ from: 'g', to: 'h', data: 6 }],
      },
      cluster,
    );
    expect(Array.from(decisivePathLengths(gap))).toEqual([14, 14, 5.5]);
    expect(scheduleRows(dps(gap))).toEqual([
      [0, 0, 1],
      [1, 5, 6],
      [1, 0, 2],
    ]);
  });

  it('keeps a successor after its predecessor even when its decisive path is longer (a ready list, not a sort)', () => {
    // One processor (no communication): x (1) -> z (1), y (10) -> z.
    // BL: z 1, x 2, y 11; TL: x 0, y 0, z max(0 + 1, 0 + 10) = 10; TL + BL: x 2, y 11, z 11.
    // Sorting by priority would list y, z, x (z before its predecessor x); the ready list gives y, x, z.
    const fan = compileProblem(
      {
        tasks: [
          { id: 'x', work: 1 },
          { id: 'y', work: 10 },
          { id: 'z', work: 1 },
        ],
        edges: [
          { from: 'x', to: 'z' },
          { from: 'y', to: 'z' },
        ],
      },
      { processors: [{ id: 'only' }] },
    );
    expect(Array.from(decisivePathLengths(fan))).toEqual([2, 11, 11]);
    expect(Array.from(dpsOrder(fan))).toEqual([1, 0, 2]);
    expect(scheduleRows(dps(fan))).toEqual([
      [0, 10, 11],
      [0, 0, 10],
      [0, 11, 12],
    ]);
  });
});

describe('the DPS plugin', () => {
  it('runs through the plugin contract with checked output and refuses options', async () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 2 }], edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const run = await runScheduler(dpsPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'dps', schedulerVersion: '1.0.0', makespan: 2 });
    await expect(runScheduler(dpsPlugin, problem, { insertion: false })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});
