/**
 * MET against a naive reference written from Braun et al. (2001) on the documents (src/testing), on random problems
 * whose times are all exact in floating point, so the two must agree exactly; and against core's list scheduler
 * with a fixed assignment, an independent implementation of the insertion variant.
 */
import { compileProblem, runScheduler, scheduleWithAssignment } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, indexOfLeast, placementRows, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { met } from './met.js';
import { metPlugin } from './met-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** The processor of least execution time, the first listed on a tie, read from the documents. */
function fastestProcessor(model: DocumentModel, t: number): number {
  return indexOfLeast(Array.from({ length: model.processorCount }, (_, p) => model.cost(t, p)));
}

/** MET as the paper states it: each task in turn (here a topological order) to its processor of least execution time. */
function referenceMet(problem: DocumentProblem, insertion: boolean): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (const t of model.topologicalOrder()) placements[t] = model.placement(placements, t, fastestProcessor(model, t), insertion);
  return placements;
}

describe('MET (property)', () => {
  it('equals the naive reference, with and without insertion: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), fc.boolean(), (problem, insertion) => {
        const schedule = met(compileProblem(problem.workflow, problem.cluster), { insertion });
        expect(scheduleRows(schedule)).toEqual(placementRows(referenceMet(problem, insertion)));
      }),
      { numRuns: 250 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('puts every task on one of its minimum-cost processors, the first listed, whatever the communication', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 6, edgeProbability: 0.6 }), (problem) => {
        const model = new DocumentModel(problem);
        const schedule = met(compileProblem(problem.workflow, problem.cluster));
        expect(Array.from(schedule.processorOf)).toEqual(Array.from({ length: model.taskCount }, (_, t) => fastestProcessor(model, t)));
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it("with insertion, equals core's list scheduler given the same processors, real-valued costs too", () => {
    fc.assert(
      fc.property(randomProblemParams(60, 8), (params) => {
        const problem = buildRandomProblem(params);
        const processorOf = met(problem).processorOf;
        const expected = scheduleWithAssignment(problem, problem.topologicalOrder, processorOf);
        expect(scheduleRows(met(problem, { insertion: true }))).toEqual(scheduleRows(expected));
      }),
      { numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs (runScheduler checks every one)', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), fc.boolean(), async (params, insertion) => {
        const run = await runScheduler(metPlugin, buildRandomProblem(params), { insertion });
        expect(run.assignments).toHaveLength(params.tasks);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the reference MET itself', () => {
  it('reproduces the first hand-worked example of met.spec.ts', () => {
    const problem: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 3 } },
          { id: 'b', costs: { p: 5, q: 4 } },
          { id: 'c', costs: { p: 1, q: 9 } },
          { id: 'd', costs: { p: 6, q: 6 } },
        ],
        edges: [{ from: 'a', to: 'b', data: 6 }],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
    };
    expect(placementRows(referenceMet(problem, false))).toEqual([
      [0, 0, 2],
      [1, 6, 10],
      [0, 2, 3],
      [0, 3, 9],
    ]);
  });
});
