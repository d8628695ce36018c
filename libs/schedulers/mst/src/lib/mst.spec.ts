import { compileProblem, runScheduler } from '@hetsched/core';
import { scheduleRows } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { cluster, workflow } from '../testing/hand-worked-example.js';
import { mst } from './mst.js';
import { mstPlugin } from './mst-plugin.js';

describe('MST on a hand-worked example', () => {
  // The documents are in ../testing/hand-worked-example.ts.
  // Two processors P (listed first) and Q; latency 1, bandwidth 2, so a transfer takes 1 + data / 2.
  //   a -> c (data 4), b -> d (data 0)
  //        P  Q
  //   a    3  1
  //   b    2  4
  //   c    2  2
  //   d    1  5
  // Topological order (Kahn, lowest index first): a, b (c is not ready yet), then c, d.
  //   a: starts at 0 on P and on Q: a tie, so P (listed first), [0, 3); start time alone counts, Q would end at 1.
  //   b: P is free at 3, Q at 0 -> Q [0, 4).
  //   c: data ready on P at 3 (a ran there), on Q at 3 + 1 + 4 / 2 = 6; P free at 3, Q at 4 -> P [3, 5).
  //   d: data ready on Q at 4 (b ran there), on P at 4 + 1 + 0 / 2 = 5 (latency applies without data);
  //      P free at 5, Q at 4 -> Q [4, 9), although P would finish it at 6: the slower processor starts it first.

  it('places each task where it starts first, ties to the processor listed first, without insertion', () => {
    expect(scheduleRows(mst(compileProblem(workflow, cluster)))).toEqual([
      [0, 0, 3],
      [1, 0, 4],
      [0, 3, 5],
      [1, 4, 9],
    ]);
  });

  it('does not insert into an idle gap: a task starts no earlier than the end of the last task on its processor', () => {
    // P (listed first) and Q, latency 10 (no data: transfers take 10); all tasks cost 1 except d on Q.
    //   a, b entry; a -> c, b -> c; d independent (listed last).   d: P 1, Q 5
    // Topological order: a, b, c, d.
    //   a: 0 on both, tie -> P [0, 1).   b: P free at 1, Q at 0 -> Q [0, 1).
    //   c: data on P at max(1, 1 + 10) = 11, on Q at max(1 + 10, 1) = 11; a tie -> P [11, 12), leaving P idle in [1, 11).
    //   d: P is free at 12 (the end of its last task), Q at 1 -> Q [1, 6). With insertion d would start at 1 on P
    //      (tie, so P) and end at 2; MST appends.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', work: 1 },
          { id: 'b', work: 1 },
          { id: 'c', work: 1 },
          { id: 'd', costs: { P: 1, Q: 5 } },
        ],
        edges: [
          { from: 'a', to: 'c' },
          { from: 'b', to: 'c' },
        ],
      },
      { processors: [{ id: 'P' }, { id: 'Q' }], network: { latency: 10 } },
    );
    expect(scheduleRows(mst(problem))).toEqual([
      [0, 0, 1],
      [1, 0, 1],
      [0, 11, 12],
      [1, 1, 6],
    ]);
  });
});

describe('the MST plugin', () => {
  it('runs through the plugin contract with checked output and refuses options', async () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 2 }], edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const run = await runScheduler(mstPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'mst', schedulerVersion: '1.0.0', makespan: 2 });
    await expect(runScheduler(mstPlugin, problem, { insertion: true })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});
