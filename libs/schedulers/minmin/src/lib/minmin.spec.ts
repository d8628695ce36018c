import { compileProblem, runScheduler, type ClusterSpec, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { makespanOfPlacements, sagaBatchMinMaxMin, sagaFixtures, sameFigure } from '@hetsched/scheduler-conformance';
import { minmin } from './minmin.js';
import { minminPlugin } from './minmin-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

describe('Min-min on hand-worked examples', () => {
  const linked: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } };

  it('places the ready task of smallest completion time first; a task turns ready as its predecessor is placed', () => {
    // a -> c with data 4 (1 + 4 / 2 = 3 to cross from p to q); b and d independent. Costs (p, q): a (2, 4),
    // b (9, 9), c (6, 1), d (1, 5).
    //  ready {a, b, d}: minima a 2 on p, b 9 on p (tie, p listed first), d 1 on p  -> d on p [0, 1]
    //  a: p 1 + 2 = 3, q 4 -> 3; b: p 1 + 9 = 10, q 9 -> 9                        -> a on p [1, 3]
    //  c turns ready: data on p at 3, on q at 3 + 3 = 6; c: p 3 + 6 = 9, q 6 + 1 = 7 -> 7; b: p 12, q 9 -> 9
    //                                                                                -> c on q [6, 7]
    //  b: p 3 + 9 = 12, q 7 + 9 = 16                                                 -> b on p [3, 12]
    // (Finishing the batch {a, b, d} first, as SAGA's MinMin does, would put b on q [0, 9] before c: see README.)
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', costs: { p: 2, q: 4 } },
          { id: 'b', costs: { p: 9, q: 9 } },
          { id: 'c', costs: { p: 6, q: 1 } },
          { id: 'd', costs: { p: 1, q: 5 } },
        ],
        edges: [{ from: 'a', to: 'c', data: 4 }],
      },
      linked,
    );
    expect(rows(problem, minmin(problem))).toEqual({ a: ['p', 1, 3], b: ['p', 3, 12], c: ['q', 6, 7], d: ['p', 0, 1] });
  });

  it('on independent tasks, breaks ties between tasks by input order and between processors by listing order', () => {
    // Works 1, 1, 2 on two processors of speed 1:
    //  minima a 1, b 1, c 2 (all on p)     -> a on p [0, 1] (a and b tie: a is listed first)
    //  b: p 2, q 1 -> 1; c: p 3, q 2 -> 2   -> b on q [0, 1]
    //  c: p 1 + 2 = 3, q 1 + 2 = 3 (tie)    -> c on p [1, 3]
    const problem = compileProblem({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }, { id: 'c', work: 2 }], edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    expect(rows(problem, minmin(problem))).toEqual({ a: ['p', 0, 1], b: ['q', 0, 1], c: ['p', 1, 3] });
  });

  it('runs through the plugin contract with checked output and refuses options', async () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }, { id: 'c', work: 2 }], edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const run = await runScheduler(minminPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'minmin', schedulerVersion: '1.0.0', makespan: 3 });
    await expect(runScheduler(minminPlugin, problem, { insertion: true })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});

describe("SAGA's MinMin figures on the twelve cross-check problems (README)", () => {
  it('differ from ours only by the batch: an emulation of its loop, finishing each batch of ready tasks first, gives every figure', () => {
    const fixtures = sagaFixtures();
    expect(fixtures).toHaveLength(12);
    const mismatches = fixtures.filter((f) => !sameFigure(makespanOfPlacements(sagaBatchMinMaxMin(f.problem, 'min')), f.saga['MinMin']!.makespan));
    expect(mismatches.map((f) => f.name)).toEqual([]);
  }, 60_000);
});
