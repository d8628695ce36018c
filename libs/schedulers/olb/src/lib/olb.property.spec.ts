/**
 * OLB against a naive reference written from Braun et al. (2001) on the documents (src/testing), on random problems
 * whose times are all exact in floating point, so the two must agree exactly.
 */
import { compileProblem, runScheduler } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, indexOfLeast, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { olb } from './olb.js';
import { olbPlugin } from './olb-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** OLB as the paper states it: each task in turn (here a topological order) to the processor available first. */
function referenceOlb(problem: DocumentProblem): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (const t of model.topologicalOrder()) {
    const available = Array.from({ length: model.processorCount }, (_, p) => placements.filter((x) => x?.processor === p).reduce((latest, x) => latest.max(x.finish), Q.zero));
    placements[t] = model.placement(placements, t, indexOfLeast(available), false);
  }
  return placements;
}

describe('OLB (property)', () => {
  it('equals the naive reference: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), (problem) => {
        expect(scheduleRows(olb(compileProblem(problem.workflow, problem.cluster)))).toEqual(placementRows(referenceOlb(problem)));
      }),
      { numRuns: 250 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs (runScheduler checks every one)', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), async (params) => {
        const run = await runScheduler(olbPlugin, buildRandomProblem(params));
        expect(run.assignments).toHaveLength(params.tasks);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it("ignores a task's execution time: new costs for one task leave that task's processor as it was", () => {
    const scenario = documentProblems({ maxTasks: 10, maxProcessors: 4 }).chain((problem) =>
      fc.record({
        problem: fc.constant(problem),
        task: fc.nat({ max: problem.workflow.tasks.length - 1 }),
        costs: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: problem.cluster.processors.length, maxLength: problem.cluster.processors.length }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ problem: { workflow, cluster }, task, costs }) => {
        const tasks = workflow.tasks.map((t, i) => (i === task ? { id: t.id, costs: Object.fromEntries(cluster.processors.map((p, k) => [p.id, costs[k]!])) } : t));
        const before = olb(compileProblem(workflow, cluster));
        const after = olb(compileProblem({ ...workflow, tasks }, cluster));
        expect(after.processorOf[task]).toBe(before.processorOf[task]);
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the reference OLB itself', () => {
  it('reproduces the hand-worked example of olb.spec.ts', () => {
    const problem: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 3 } },
          { id: 'b', costs: { p: 1, q: 8 } },
          { id: 'c', costs: { p: 5, q: 1 } },
          { id: 'd', costs: { p: 4, q: 4 } },
        ],
        edges: [{ from: 'a', to: 'b', data: 6 }],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
    };
    expect(placementRows(referenceOlb(problem))).toEqual([
      [0, 0, 2],
      [1, 6, 14],
      [0, 2, 7],
      [0, 7, 11],
    ]);
  });
});
