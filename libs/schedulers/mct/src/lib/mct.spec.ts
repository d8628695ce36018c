import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { mct } from './mct.js';
import { mctPlugin } from './mct-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

// a -> b with data 6 (latency 1, bandwidth 2: 1 + 6 / 2 = 4 to cross); c independent. Costs (p, q): a (2, 9),
// b (9, 1), c (5, 4). Topological order, the ready task listed first first: a, b, c.
//  a: p 2, q 9                                      -> a on p [0, 2]
//  b: data on p at 2, on q at 6; p 2 + 9 = 11, q 6 + 1 = 7 -> b on q [6, 7], q idle over [0, 6)
//  c: p 2 + 5 = 7; q after b 7 + 4 = 11             -> c on p [2, 7]
//     with insertion, q's gap [0, 6) holds c: 0 + 4 = 4 -> c on q [0, 4]
const problem = compileProblem(
  {
    tasks: [
      { id: 'a', costs: { p: 2, q: 9 } },
      { id: 'b', costs: { p: 9, q: 1 } },
      { id: 'c', costs: { p: 5, q: 4 } },
    ],
    edges: [{ from: 'a', to: 'b', data: 6 }],
  },
  { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
);

describe('MCT on a hand-worked example', () => {
  it('sends each task, in topological order, where it completes first, data arrival included', () => {
    expect(rows(problem, mct(problem))).toEqual({ a: ['p', 0, 2], b: ['q', 6, 7], c: ['p', 2, 7] });
  });

  it('fills an idle gap with insertion', () => {
    expect(rows(problem, mct(problem, { insertion: true }))).toEqual({ a: ['p', 0, 2], b: ['q', 6, 7], c: ['q', 0, 4] });
  });

  it('takes tasks in a precedence order, not the listing order, and breaks ties towards the processor listed first', () => {
    // z -> y listed y first; both cost 3 everywhere, data 0 over latency 0: z on p [0, 3] (tie), y on p [3, 6] (tie)
    const reversed = compileProblem(
      { tasks: [{ id: 'y', work: 3 }, { id: 'z', work: 3 }], edges: [{ from: 'z', to: 'y' }] },
      { processors: [{ id: 'p' }, { id: 'q' }] },
    );
    expect(rows(reversed, mct(reversed))).toEqual({ y: ['p', 3, 6], z: ['p', 0, 3] });
  });

  it('runs through the plugin contract with checked output, insertion off by default', async () => {
    const run = await runScheduler(mctPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'mct', schedulerVersion: '1.0.0', options: { insertion: false }, makespan: 7 });
    expect((await runScheduler(mctPlugin, problem, { insertion: true })).assignments.find((a) => a.task === 'c')).toEqual({ task: 'c', processor: 'q', start: 0, finish: 4 });
    await expect(runScheduler(mctPlugin, problem, { order: 'rank' })).rejects.toThrow(/options\.order: unknown option/);
  });
});
