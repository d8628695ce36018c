import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { olb } from './olb.js';
import { olbPlugin } from './olb-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

// a -> b with data 6 (latency 1, bandwidth 2: 4 to cross); c, d independent. Costs (p, q): a (2, 3), b (1, 8),
// c (5, 1), d (4, 4). Topological order: a, b, c, d.
//  a: p and q both available at 0: p, listed first        -> a on p [0, 2]
//  b: q available at 0 (p at 2), though 8 times slower there; data on q at 2 + 4 = 6 -> b on q [6, 14]
//  c: p available at 2 (q at 14), although 5 times slower  -> c on p [2, 7]
//  d: p available at 7                                     -> d on p [7, 11]; makespan 14
const problem = compileProblem(
  {
    tasks: [
      { id: 'a', costs: { p: 2, q: 3 } },
      { id: 'b', costs: { p: 1, q: 8 } },
      { id: 'c', costs: { p: 5, q: 1 } },
      { id: 'd', costs: { p: 4, q: 4 } },
    ],
    edges: [{ from: 'a', to: 'b', data: 6 }],
  },
  { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
);

describe('OLB on a hand-worked example', () => {
  it('puts each task on the processor available first, whatever its cost or its data, ties to the first listed', () => {
    expect(rows(problem, olb(problem))).toEqual({ a: ['p', 0, 2], b: ['q', 6, 14], c: ['p', 2, 7], d: ['p', 7, 11] });
  });

  it('runs through the plugin contract with checked output and refuses options', async () => {
    const run = await runScheduler(olbPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'olb', schedulerVersion: '1.0.0', makespan: 14 });
    await expect(runScheduler(olbPlugin, problem, { insertion: true })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});
