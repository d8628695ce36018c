import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { DocumentModel, makespanOfPlacements, Q, sagaFixtures, sameFigure, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { sufferage } from './sufferage.js';
import { sufferagePlugin } from './sufferage-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

// a -> d with data 4 (latency 1, bandwidth 2: 3 to cross); b, c independent. Costs (p, q): a (1, 5), b (2, 3),
// c (4, 2), d (3, 1). Sufferage = second-earliest - earliest completion time.
//  pass 1, meta-task {a, b, c}: a prefers p (1; 5), sufferage 4 -> holds p
//                               b prefers p (2; 3), sufferage 1 -> a holds p with 4: b waits
//                               c prefers q (2; 4), sufferage 2 -> holds q
//          -> a on p [0, 1], c on q [0, 2]
//  pass 2, meta-task {b, d}: b: p 1 + 2 = 3, q 2 + 3 = 5: prefers p, sufferage 2
//                            d: data on p at 1, on q at 1 + 3 = 4; p 1 + 3 = 4, q 4 + 1 = 5: prefers p, sufferage 1
//          -> b takes p (2 > 1): b on p [1, 3]; q stays free this pass
//  pass 3, meta-task {d}: p 3 + 3 = 6, q 5 -> d on q [4, 5]
const problem = compileProblem(
  {
    tasks: [
      { id: 'a', costs: { p: 1, q: 5 } },
      { id: 'b', costs: { p: 2, q: 3 } },
      { id: 'c', costs: { p: 4, q: 2 } },
      { id: 'd', costs: { p: 3, q: 1 } },
    ],
    edges: [{ from: 'a', to: 'd', data: 4 }],
  },
  { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
);

describe('Sufferage on hand-worked examples', () => {
  it('gives each processor to the task that prefers it and would suffer most without it, in passes', () => {
    const result = sufferage(problem);
    expect(rows(problem, result.schedule)).toEqual({ a: ['p', 0, 1], b: ['p', 1, 3], c: ['q', 0, 2], d: ['q', 4, 5] });
    expect(result.passes).toBe(3);
  });

  it('sends a displaced task back to the meta-task: it tries no other processor in the same pass', () => {
    // Costs (p, q): e (2, 3), f (1, 5), independent.
    //  pass 1: e prefers p, sufferage 1 -> holds p; f prefers p, sufferage 4 -> takes p, e goes back
    //          -> f on p [0, 1]; q stays free although e could have started there at 0
    //  pass 2: e: p 1 + 2 = 3, q 3 (tie, p listed first) -> e on p [1, 3]
    const displaced = compileProblem({ tasks: [{ id: 'e', costs: { p: 2, q: 3 } }, { id: 'f', costs: { p: 1, q: 5 } }], edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const result = sufferage(displaced);
    expect(rows(displaced, result.schedule)).toEqual({ e: ['p', 1, 3], f: ['p', 0, 1] });
    expect(result.passes).toBe(2);
  });

  it('runs through the plugin contract with checked output and reports its passes', async () => {
    const run = await runScheduler(sufferagePlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'sufferage', schedulerVersion: '1.0.0', options: { insertion: false }, makespan: 5, info: { passes: 3 } });
    await expect(runScheduler(sufferagePlugin, problem, { revisit: true })).rejects.toThrow(/options\.revisit: unknown option/);
  });
});

/**
 * SAGA's Sufferage (ANRGUSC/saga v2, schedulers/sufferage.py): no passes; at each step, of the ready tasks, the one of
 * largest sufferage (the first met on a tie) goes to its earliest-completion processor, and everything is recomputed.
 */
function sagaSufferage(problem: DocumentProblem): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (let ready = model.readyTasks(placements); ready.length > 0; ready = model.readyTasks(placements)) {
    let pick: { t: number; sufferage: Q; placement: Placement } | undefined;
    for (const t of ready) {
      const finishes = Array.from({ length: model.processorCount }, (_, p) => model.placement(placements, t, p, false).finish).sort((a, b) => a.cmp(b));
      const sufferage = (finishes[1] ?? finishes[0]!).minus(finishes[0]!);
      if (!pick || sufferage.cmp(pick.sufferage) > 0) pick = { t, sufferage, placement: model.earliestPlacement(placements, t, false) };
    }
    placements[pick!.t] = pick!.placement;
  }
  return placements;
}

describe("SAGA's Sufferage figures on the twelve cross-check problems (README)", () => {
  it("come from one task per step instead of the paper's passes: an emulation of SAGA's loop gives every figure", () => {
    const fixtures = sagaFixtures();
    expect(fixtures).toHaveLength(12);
    expect(fixtures.filter((f) => !sameFigure(makespanOfPlacements(sagaSufferage(f.problem)), f.saga['Sufferage']!.makespan)).map((f) => f.name)).toEqual([]);
  }, 60_000);
});
