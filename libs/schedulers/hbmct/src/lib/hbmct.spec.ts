import { compileProblem, runScheduler, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { independentGroups } from './groups.js';
import { hbmct } from './hbmct.js';
import { hbmctPlugin } from './hbmct-plugin.js';

const rows = (schedule: ReturnType<typeof hbmct>) => Array.from(schedule.processorOf, (p, t) => [p, schedule.start[t], schedule.finish[t]]);
// Two processors, latency 0, bandwidth 1: c̄(data) = data, and a transfer takes data.
const cluster = { processors: [{ id: 'P' }, { id: 'Q' }] };

describe('HBMCT on a hand-worked example', () => {
  // a -> b (data 0), a -> c (data 2), a -> d (data 0). Costs: a (P 2, Q 4), b (P 3, Q 6), c (P 2, Q 4), d (P 4, Q 5).
  // rank_u (w̄: a 3, b 4.5, c 3, d 4.5): b 4.5, c 3, d 4.5, a 3 + max(4.5, 2 + 3, 4.5) = 8
  // list: a; then b and d (4.5, b listed first), c  ->  a, b, d, c
  // groups: {a}; b has its parent a in the current group -> new group {b, d, c} (d and c depend on a only)
  // group {a}: fastest P -> [0, 2); M = P (2): without a P finishes at 0, but a on Q would finish at 4 >= 2 -> no move
  // group {b, d, c}: P is free from 2, Q from 0.
  //   EST = max(arrival, processor free): b (P 2, Q 2), d (P 2, Q 2), c (P 2, Q 2 + 2 = 4)
  //   fastest: b P (3 < 6), d P (4 < 5), c P (2 < 4); P runs them by EST, ties in input order: b [2, 5), c [5, 7), d [7, 11)
  //   tried in order of mean EST: b (2), d (2), c (3)
  //   move 1: M = P (11). b: without it P ends at 8 < 11; on Q, [2, 8) ends at 8 < 11 -> b moves to Q.
  //           P: c [2, 4), d [4, 8); Q: b [2, 8)
  //   move 2: M = P (8, tied with Q, listed first). d: without it P ends at 4, but on Q after b: [8, 13) -> no;
  //           c: without it P ends at 6, but on Q after b: [8, 12) -> no. Stop.
  // Result: a P [0, 2), b Q [2, 8), c P [2, 4), d P [4, 8); makespan 8.
  const workflow: WorkflowSpec = {
    tasks: [
      { id: 'a', costs: { P: 2, Q: 4 } },
      { id: 'b', costs: { P: 3, Q: 6 } },
      { id: 'c', costs: { P: 2, Q: 4 } },
      { id: 'd', costs: { P: 4, Q: 5 } },
    ],
    edges: [
      { from: 'a', to: 'b', data: 0 },
      { from: 'a', to: 'c', data: 2 },
      { from: 'a', to: 'd', data: 0 },
    ],
  };
  const problem = compileProblem(workflow, cluster);

  it('splits the ranked list into groups of independent tasks', () => {
    const order = Int32Array.from([0, 1, 3, 2]);
    expect(Array.from(independentGroups(problem, order))).toEqual([0, 1, 4]);
  });

  it('starts every task on its fastest processor and moves tasks off the one finishing last', () => {
    expect(rows(hbmct(problem))).toEqual([
      [0, 0, 2],
      [1, 2, 8],
      [0, 2, 4],
      [0, 4, 8],
    ]);
  });

  it('runs through the plugin contract and refuses options', async () => {
    const run = await runScheduler(hbmctPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'hbmct', schedulerVersion: '1.0.0', makespan: 8 });
    await expect(runScheduler(hbmctPlugin, problem, { insertion: true })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});

describe('HBMCT groups', () => {
  it('opens a new group only when a task depends on the current one', () => {
    // x, y independent; z depends on x; w independent. List x, y, z, w -> {x, y}, {z, w}
    const problem = compileProblem(
      { tasks: ['x', 'y', 'z', 'w'].map((id) => ({ id, work: 1 })), edges: [{ from: 'x', to: 'z' }] },
      cluster,
    );
    expect(Array.from(independentGroups(problem, Int32Array.from([0, 1, 2, 3])))).toEqual([0, 2, 4]);
    // a chain: every task its own group
    const chain = compileProblem(
      { tasks: ['p', 'q', 'r'].map((id) => ({ id, work: 1 })), edges: [{ from: 'p', to: 'q' }, { from: 'q', to: 'r' }] },
      cluster,
    );
    expect(Array.from(independentGroups(chain, Int32Array.from([0, 1, 2])))).toEqual([0, 1, 2, 3]);
  });

  it('appends a group after everything earlier groups put on a processor, leaving idle gaps idle', () => {
    // a -> b (data 5), a -> y (data 0), y -> e (data 0). Costs: a (P 1, Q 10), b (P 10, Q 1), y (P 1, Q 10), e (P 10, Q 1).
    // rank_u (w̄ 5.5 each, c̄ = data): b 5.5, e 5.5, y 5.5 + 0 + 5.5 = 11, a 5.5 + max(5 + 5.5, 0 + 11) = 16.5
    // list: a; {b, y} -> y; {b, e} tie at 5.5 -> b (listed first); e.   Groups: {a}, {y, b}, {e}
    // group {a}: P [0, 1); on Q it would end at 10 -> stays.   P free from 1, Q from 0
    // group {y, b}: EST y (P 1, Q 1), b (P 1, Q 1 + 5 = 6); fastest: y P [1, 2), b Q [6, 7)
    //   M = Q (7): b on P would come first there (EST tie, b listed before y): b [1, 11), y [11, 12) -> 12 >= 7; stop
    //   P free from 2, Q from 7 (idle in [0, 6))
    // group {e}: EST P max(2, 2) = 2, Q max(2 + 0, 7) = 7; fastest Q -> [7, 8) (not in Q's idle [0, 6): no insertion)
    //   M = Q (8): e on P [2, 12) -> no. Makespan 8.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', costs: { P: 1, Q: 10 } },
          { id: 'b', costs: { P: 10, Q: 1 } },
          { id: 'y', costs: { P: 1, Q: 10 } },
          { id: 'e', costs: { P: 10, Q: 1 } },
        ],
        edges: [
          { from: 'a', to: 'b', data: 5 },
          { from: 'a', to: 'y', data: 0 },
          { from: 'y', to: 'e', data: 0 },
        ],
      },
      cluster,
    );
    expect(rows(hbmct(problem))).toEqual([
      [0, 0, 1],
      [1, 6, 7],
      [0, 1, 2],
      [1, 7, 8],
    ]);
  });
});
