import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { cpop, cpopPriorities, criticalPath, criticalPathProcessor } from './cpop.js';
import { cpopPlugin } from './cpop-plugin.js';

const rows = (schedule: ReturnType<typeof cpop>) => Array.from(schedule.processorOf, (p, t) => [p, schedule.start[t], schedule.finish[t]]);

describe('CPOP on a hand-worked example', () => {
  // Two processors P, Q; latency 1, bandwidth 2, so c̄(data) = 1 + data / 2 and a transfer takes the same.
  //   a -> b (data 4), a -> c (data 0), b -> d (data 2), c -> d (data 2); e independent.
  //        P  Q   w̄
  //   a    2  4   3
  //   b    6  2   4
  //   c    3  3   3
  //   d    2  5   3.5
  //   e    1  2   1.5
  // rank_u: d = 3.5, b = 4 + (2 + 3.5) = 9.5, c = 3 + (2 + 3.5) = 8.5, a = 3 + max(3 + 9.5, 1 + 8.5) = 15.5, e = 1.5
  // rank_d: a = e = 0, b = 0 + 3 + 3 = 6, c = 0 + 3 + 1 = 4, d = max(6 + 4 + 2, 4 + 3 + 2) = 12
  // priority = rank_u + rank_d: a 15.5, b 15.5, c 12.5, d 15.5, e 1.5; |CP| = 15.5
  // critical path: entry a (15.5, e has 1.5) -> b (15.5; c has 12.5) -> d (exit)
  // p_CP: P sums 2 + 6 + 2 = 10, Q sums 4 + 2 + 5 = 11 -> P
  // ready list by priority: a; {b, c, e} -> b; {c, e} -> c; {d, e} -> d; e
  //   a on P (critical): [0, 2)
  //   b on P (critical): ready 2 -> [2, 8)   (HEFT would take Q: ready 2 + 1 + 4/2 = 5, [5, 7))
  //   c: P free from 8 -> finish 11; Q: ready 2 + 1 + 0/2 = 3 -> [3, 6), finish 6 -> Q
  //   d on P (critical): from b at 8 (same processor), from c 6 + 1 + 2/2 = 8 -> [8, 10)
  //   e: P has no gap before 10 -> finish 11; Q has the idle gap [0, 3) -> [0, 2) -> Q (insertion)
  const workflow: WorkflowSpec = {
    tasks: [
      { id: 'a', costs: { P: 2, Q: 4 } },
      { id: 'b', costs: { P: 6, Q: 2 } },
      { id: 'c', costs: { P: 3, Q: 3 } },
      { id: 'd', costs: { P: 2, Q: 5 } },
      { id: 'e', costs: { P: 1, Q: 2 } },
    ],
    edges: [
      { from: 'a', to: 'b', data: 4 },
      { from: 'a', to: 'c', data: 0 },
      { from: 'b', to: 'd', data: 2 },
      { from: 'c', to: 'd', data: 2 },
    ],
  };
  const cluster: ClusterSpec = { processors: [{ id: 'P' }, { id: 'Q' }], network: { latency: 1, bandwidth: 2 } };
  const problem = compileProblem(workflow, cluster);

  it('computes the priorities, the critical path and its processor', () => {
    expect(Array.from(cpopPriorities(problem))).toEqual([15.5, 15.5, 12.5, 15.5, 1.5]);
    const path = criticalPath(problem);
    expect(Array.from(path, (t) => problem.taskIds[t])).toEqual(['a', 'b', 'd']);
    expect(criticalPathProcessor(problem, path)).toBe(0);
  });

  it('keeps the critical path on P even where Q would finish a task earlier, and inserts e into a gap', () => {
    expect(rows(cpop(problem))).toEqual([
      [0, 0, 2],
      [0, 2, 8],
      [1, 3, 6],
      [0, 8, 10],
      [1, 0, 2],
    ]);
  });

  it('runs through the plugin contract and refuses options', async () => {
    const run = await runScheduler(cpopPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'cpop', schedulerVersion: '1.0.0', makespan: 10 });
    await expect(runScheduler(cpopPlugin, problem, { insertion: false })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});

describe('CPOP corner cases', () => {
  it('breaks a tie between critical-path processors towards the one listed first', () => {
    // one task, equal costs: the path is the task itself, and both processors sum to 5
    const problem = compileProblem({ tasks: [{ id: 'x', work: 5 }], edges: [] }, { processors: [{ id: 'P' }, { id: 'Q' }] });
    expect(criticalPathProcessor(problem, criticalPath(problem))).toBe(0);
    expect(rows(cpop(problem))).toEqual([[0, 0, 5]]);
  });

  it('starts the path at the entry task of highest priority and ends at an exit task, several of each', () => {
    // x -> z, y -> z, y -> w; costs equal everywhere, no data, one processor pair with latency 0:
    // rank_u: z = 1, w = 4, x = 2 + 1 = 3, y = 3 + max(1, 4) = 7; rank_d: z = max(0 + 2, 0 + 3) = 3, w = 3
    // priority: x 3, y 7, z 4, w 7 -> path y -> w
    const problem = compileProblem(
      {
        tasks: [
          { id: 'x', work: 2 },
          { id: 'y', work: 3 },
          { id: 'z', work: 1 },
          { id: 'w', work: 4 },
        ],
        edges: [
          { from: 'x', to: 'z' },
          { from: 'y', to: 'z' },
          { from: 'y', to: 'w' },
        ],
      },
      { processors: [{ id: 'P' }, { id: 'Q' }] },
    );
    expect(Array.from(cpopPriorities(problem))).toEqual([3, 7, 4, 7]);
    expect(Array.from(criticalPath(problem), (t) => problem.taskIds[t])).toEqual(['y', 'w']);
  });
});

describe('CPOP on the example of Topcuoglu, Hariri & Wu (2002), Fig. 2', () => {
  const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/topcuoglu2002/', import.meta.url));
  const load = <T>(name: string): T => JSON.parse(readFileSync(fixtures + name, 'utf8')) as T;
  const workflow = load<WorkflowSpec>('workflow.json');
  const cluster = load<ClusterSpec>('cluster.json');
  const problem = compileProblem(workflow, cluster);

  it('finds the critical path n1, n2, n9, n10 and puts it on P2', () => {
    // rank_u(n1) = 108 runs through n2 (13 + 18 + 77 = 108), rank_u(n2) = 77 through n9 (16.67 + 16 + 44.33),
    // rank_u(n9) = 44.33 through n10. Sums of the path's costs: P1 14+13+18+21 = 66, P2 16+19+12+7 = 54, P3 9+18+20+16 = 63.
    const path = criticalPath(problem);
    expect(Array.from(path, (t) => problem.taskIds[t])).toEqual(['n1', 'n2', 'n9', 'n10']);
    expect(problem.processorIds[criticalPathProcessor(problem, path)]).toBe('p2');
  });

  it('gives the published schedule length, 86', () => {
    const schedule = cpop(problem);
    expect(Math.max(...schedule.finish)).toBe(86);
    expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
  });
});
