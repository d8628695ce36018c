import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { makespanOfPlacements, sagaBatchMinMaxMin, sagaFixtures, sameFigure } from '@hetsched/scheduler-conformance';
import { duplex } from './duplex.js';
import { duplexPlugin } from './duplex-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

const twoProcessors = { processors: [{ id: 'p' }, { id: 'q' }] };

describe('Duplex on hand-worked examples', () => {
  it("keeps Min-min's schedule when it is shorter", () => {
    // Costs (p, q): a (2, 20), b (4, 5), independent.
    //  Min-min: minima a 2, b 4 (both on p) -> a on p [0, 2]; b: p 6, q 5 -> b on q [0, 5]: makespan 5
    //  Max-min: the larger minimum is b's   -> b on p [0, 4]; a: p 6, q 20 -> a on p [4, 6]: makespan 6
    const problem = compileProblem({ tasks: [{ id: 'a', costs: { p: 2, q: 20 } }, { id: 'b', costs: { p: 4, q: 5 } }], edges: [] }, twoProcessors);
    const result = duplex(problem);
    expect(result).toMatchObject({ chosen: 'minmin', minminMakespan: 5, maxminMakespan: 6 });
    expect(rows(problem, result.schedule)).toEqual({ a: ['p', 0, 2], b: ['q', 0, 5] });
  });

  it("keeps Max-min's schedule when it is shorter", () => {
    // Works 1, 1, 2 on two processors of speed 1:
    //  Min-min: a on p [0, 1], b on q [0, 1], c on p [1, 3] (tie 3 / 3 to p): makespan 3
    //  Max-min: c on p [0, 2], a on q [0, 1], b on q [1, 2]: makespan 2
    const problem = compileProblem({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }, { id: 'c', work: 2 }], edges: [] }, twoProcessors);
    const result = duplex(problem);
    expect(result).toMatchObject({ chosen: 'maxmin', minminMakespan: 3, maxminMakespan: 2 });
    expect(rows(problem, result.schedule)).toEqual({ a: ['q', 0, 1], b: ['q', 1, 2], c: ['p', 0, 2] });
  });

  it("keeps Min-min's on a tie", () => {
    // One task: both put it on p [0, 3] (q takes 4).
    const problem = compileProblem({ tasks: [{ id: 'a', costs: { p: 3, q: 4 } }], edges: [] }, twoProcessors);
    expect(duplex(problem)).toMatchObject({ chosen: 'minmin', minminMakespan: 3, maxminMakespan: 3 });
  });

  it('runs through the plugin contract with checked output and says which schedule it kept', async () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }, { id: 'c', work: 2 }], edges: [] }, twoProcessors);
    const run = await runScheduler(duplexPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'duplex', schedulerVersion: '1.0.0', options: { insertion: false }, makespan: 2 });
    expect(run.info).toEqual({ chosen: 'maxmin', minminMakespan: 3, maxminMakespan: 2 });
    await expect(runScheduler(duplexPlugin, problem, { rule: 'min' })).rejects.toThrow(/options\.rule: unknown option/);
  });
});

describe("SAGA's Duplex figures on the twelve cross-check problems (README)", () => {
  it('differ from ours only by the batch of its MinMin and MaxMin: the better of their emulations gives every figure', () => {
    const fixtures = sagaFixtures();
    expect(fixtures).toHaveLength(12);
    const better = (f: (typeof fixtures)[number]) => Math.min(makespanOfPlacements(sagaBatchMinMaxMin(f.problem, 'min')), makespanOfPlacements(sagaBatchMinMaxMin(f.problem, 'max')));
    expect(fixtures.filter((f) => !sameFigure(better(f), f.saga['Duplex']!.makespan)).map((f) => f.name)).toEqual([]);
  }, 60_000);
});
