import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { met } from './met.js';
import { metPlugin } from './met-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

// a -> b with data 6 (latency 1, bandwidth 2: 4 to cross); c and d independent. Costs (p, q): a (2, 3), b (5, 4),
// c (1, 9), d (6, 6). Topological order: a, b, c, d.
//  a: fastest on p                       -> a on p [0, 2]
//  b: fastest on q (4 < 5), data at 2 + 4 = 6 -> b on q [6, 10], although p would finish it at 7
//  c: fastest on p, after a              -> c on p [2, 3]
//  d: 6 on both: p, listed first         -> d on p [3, 9]
//     with insertion, c and d still go to p (their fastest processor), where there is no gap: the same schedule
const problem = compileProblem(
  {
    tasks: [
      { id: 'a', costs: { p: 2, q: 3 } },
      { id: 'b', costs: { p: 5, q: 4 } },
      { id: 'c', costs: { p: 1, q: 9 } },
      { id: 'd', costs: { p: 6, q: 6 } },
    ],
    edges: [{ from: 'a', to: 'b', data: 6 }],
  },
  { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
);

describe('MET on hand-worked examples', () => {
  it('puts each task on its fastest processor, regardless of load or communication, ties to the first listed', () => {
    expect(rows(problem, met(problem))).toEqual({ a: ['p', 0, 2], b: ['q', 6, 10], c: ['p', 2, 3], d: ['p', 3, 9] });
  });

  it('fills an idle gap of the fastest processor with insertion', () => {
    // x -> y with data 8 (latency 0, bandwidth 1: 8 to cross); z independent, listed last. Costs (p, q):
    // x (1, 5), y (9, 2), z (7, 3). Order x, y, z.
    //  x on p [0, 1]; y on q from 1 + 8 = 9: [9, 11]; z on q: after y [11, 14], or in the gap [0, 3] with insertion
    const gapped = compileProblem(
      {
        tasks: [
          { id: 'x', costs: { p: 1, q: 5 } },
          { id: 'y', costs: { p: 9, q: 2 } },
          { id: 'z', costs: { p: 7, q: 3 } },
        ],
        edges: [{ from: 'x', to: 'y', data: 8 }],
      },
      { processors: [{ id: 'p' }, { id: 'q' }] },
    );
    expect(rows(gapped, met(gapped))).toEqual({ x: ['p', 0, 1], y: ['q', 9, 11], z: ['q', 11, 14] });
    expect(rows(gapped, met(gapped, { insertion: true }))).toEqual({ x: ['p', 0, 1], y: ['q', 9, 11], z: ['q', 0, 3] });
  });

  it('runs through the plugin contract with checked output, insertion off by default', async () => {
    const run = await runScheduler(metPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'met', schedulerVersion: '1.0.0', options: { insertion: false }, makespan: 10 });
    await expect(runScheduler(metPlugin, problem, { loadAware: true })).rejects.toThrow(/options\.loadAware: unknown option/);
  });
});
