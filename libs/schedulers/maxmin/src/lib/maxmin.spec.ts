import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { makespanOfPlacements, sagaBatchMinMaxMin, sagaFixtures, sameFigure } from '@hetsched/scheduler-conformance';
import { maxmin } from './maxmin.js';
import { maxminPlugin } from './maxmin-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

const twoProcessors = { processors: [{ id: 'p' }, { id: 'q' }] };
const independent = compileProblem({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }, { id: 'c', work: 2 }], edges: [] }, twoProcessors);

// x -> y with data 4 (bandwidth 1, latency 0: 4 to cross); s independent. Costs (p, q): x (3, 3), y (10, 2), s (1, 1).
//  ready {x, s}: minima x 3 on p, s 1 on p      -> the largest: x on p [0, 3]
//  y turns ready: data on p at 3, on q at 7; y: p 3 + 10 = 13, q 7 + 2 = 9 -> 9; s: p 4, q 1 -> 1
//                                               -> the largest: y on q [7, 9], leaving q idle over [0, 7)
//  s: p 3 + 1 = 4; q after y 9 + 1 = 10, or in the gap 0 + 1 = 1 with insertion
const gapped = compileProblem(
  {
    tasks: [
      { id: 'x', costs: { p: 3, q: 3 } },
      { id: 'y', costs: { p: 10, q: 2 } },
      { id: 's', costs: { p: 1, q: 1 } },
    ],
    edges: [{ from: 'x', to: 'y', data: 4 }],
  },
  twoProcessors,
);

describe('Max-min on hand-worked examples', () => {
  it('places the ready task of largest earliest completion time first', () => {
    // Works 1, 1, 2 on two processors of speed 1:
    //  minima a 1, b 1, c 2 (all on p)          -> c on p [0, 2]
    //  a: p 3, q 1 -> 1; b: p 3, q 1 -> 1 (tie) -> a, listed first, on q [0, 1]
    //  b: p 3, q 2                              -> b on q [1, 2]
    expect(rows(independent, maxmin(independent))).toEqual({ a: ['q', 0, 1], b: ['q', 1, 2], c: ['p', 0, 2] });
  });

  it('appends after the last task by default and fills an idle gap with insertion', () => {
    expect(rows(gapped, maxmin(gapped))).toEqual({ x: ['p', 0, 3], y: ['q', 7, 9], s: ['p', 3, 4] });
    expect(rows(gapped, maxmin(gapped, { insertion: true }))).toEqual({ x: ['p', 0, 3], y: ['q', 7, 9], s: ['q', 0, 1] });
  });

  it('runs through the plugin contract with checked output, insertion off by default', async () => {
    const run = await runScheduler(maxminPlugin, gapped, {});
    expect(run).toMatchObject({ scheduler: 'maxmin', schedulerVersion: '1.0.0', options: { insertion: false }, makespan: 9 });
    expect(run.assignments.find((a) => a.task === 's')).toEqual({ task: 's', processor: 'p', start: 3, finish: 4 });
    const inserted = await runScheduler(maxminPlugin, gapped, { insertion: true });
    expect(inserted.assignments.find((a) => a.task === 's')).toEqual({ task: 's', processor: 'q', start: 0, finish: 1 });
    await expect(runScheduler(maxminPlugin, gapped, { gaps: true })).rejects.toThrow(/options\.gaps: unknown option/);
  });
});

describe("SAGA's MaxMin figures on the twelve cross-check problems (README)", () => {
  it('differ from ours only by the batch: an emulation of its loop, finishing each batch of ready tasks first, gives every figure', () => {
    const fixtures = sagaFixtures();
    expect(fixtures).toHaveLength(12);
    const mismatches = fixtures.filter((f) => !sameFigure(makespanOfPlacements(sagaBatchMinMaxMin(f.problem, 'max')), f.saga['MaxMin']!.makespan));
    expect(mismatches.map((f) => f.name)).toEqual([]);
  }, 60_000);
});
