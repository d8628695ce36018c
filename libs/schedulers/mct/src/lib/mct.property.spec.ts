/**
 * MCT against a naive reference written from Braun et al. (2001) on the documents (src/testing), on random problems
 * whose times are all exact in floating point, so the two must agree exactly; and against core's HEFT-style
 * processor selection, an independent implementation of the insertion variant.
 */
import { compileProblem, runScheduler, scheduleEarliestFinish } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { mct } from './mct.js';
import { mctPlugin } from './mct-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** MCT as the paper states it: each task in turn (here a topological order) to the processor of earliest completion. */
function referenceMct(problem: DocumentProblem, insertion: boolean): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (const t of model.topologicalOrder()) placements[t] = model.earliestPlacement(placements, t, insertion);
  return placements;
}

describe('MCT (property)', () => {
  it('equals the naive reference, with and without insertion: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), fc.boolean(), (problem, insertion) => {
        const schedule = mct(compileProblem(problem.workflow, problem.cluster), { insertion });
        expect(scheduleRows(schedule)).toEqual(placementRows(referenceMct(problem, insertion)));
      }),
      { numRuns: 250 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it("with insertion, equals core's earliest-finish list scheduling in topological order, real-valued costs too", () => {
    fc.assert(
      fc.property(randomProblemParams(60, 8), (params) => {
        const problem = buildRandomProblem(params);
        const expected = scheduleEarliestFinish(problem, problem.topologicalOrder);
        expect(scheduleRows(mct(problem, { insertion: true }))).toEqual(scheduleRows(expected));
      }),
      { numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs (runScheduler checks every one)', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), fc.boolean(), async (params, insertion) => {
        const run = await runScheduler(mctPlugin, buildRandomProblem(params), { insertion });
        expect(run.assignments).toHaveLength(params.tasks);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the reference MCT itself', () => {
  it('reproduces the hand-worked example of mct.spec.ts', () => {
    const problem: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 9 } },
          { id: 'b', costs: { p: 9, q: 1 } },
          { id: 'c', costs: { p: 5, q: 4 } },
        ],
        edges: [{ from: 'a', to: 'b', data: 6 }],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
    };
    const [a, b] = [
      [0, 0, 2],
      [1, 6, 7],
    ];
    expect(placementRows(referenceMct(problem, false))).toEqual([a, b, [0, 2, 7]]);
    expect(placementRows(referenceMct(problem, true))).toEqual([a, b, [1, 0, 4]]);
  });
});
