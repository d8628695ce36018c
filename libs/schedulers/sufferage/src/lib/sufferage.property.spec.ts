/**
 * Sufferage against a naive reference written from the pseudo-code of Maheswaran et al. (1999) on the documents
 * (src/testing), on random problems whose times are all exact in floating point, so the two must agree exactly;
 * plus properties of the algorithm itself.
 */
import { compileProblem, runScheduler } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { sufferage } from './sufferage.js';
import { sufferagePlugin } from './sufferage-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/**
 * The paper's passes, literally: mark the processors unassigned; for each task of the meta-task (the ready set) in
 * input order, find its earliest-completion processor and sufferage; take the processor if unassigned, or from a
 * holder of smaller sufferage (which goes back to the meta-task); then place the holders and start again.
 */
function referenceSufferage(problem: DocumentProblem, insertion: boolean): { placements: Placement[]; passes: number } {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  let passes = 0;
  while (model.readyTasks(placements).length > 0) {
    passes++;
    const holders = new Map<number, { task: number; sufferage: Q; placement: Placement }>();
    for (const t of model.readyTasks(placements)) {
      const options = Array.from({ length: model.processorCount }, (_, p) => model.placement(placements, t, p, insertion));
      const best = model.earliestPlacement(placements, t, insertion);
      const others = options.filter((x) => x.processor !== best.processor).map((x) => x.finish);
      const sufferage = (others.length > 0 ? others.reduce((a, b) => a.min(b)) : best.finish).minus(best.finish);
      const holder = holders.get(best.processor);
      if (!holder || holder.sufferage.lt(sufferage)) holders.set(best.processor, { task: t, sufferage, placement: best });
    }
    for (const { task, placement } of holders.values()) placements[task] = placement;
  }
  return { placements, passes };
}

describe('Sufferage (property)', () => {
  it('equals the naive reference, with and without insertion: same placements and passes', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), fc.boolean(), (problem, insertion) => {
        const result = sufferage(compileProblem(problem.workflow, problem.cluster), { insertion });
        const expected = referenceSufferage(problem, insertion);
        expect(scheduleRows(result.schedule)).toEqual(placementRows(expected.placements));
        expect(result.passes).toBe(expected.passes);
      }),
      { numRuns: 250 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('places at most one task per processor per pass, and at least one', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 14, maxProcessors: 5, edgeProbability: 0.2 }), ({ workflow, cluster }) => {
        const { passes } = sufferage(compileProblem(workflow, cluster));
        expect(passes).toBeGreaterThanOrEqual(Math.ceil(workflow.tasks.length / cluster.processors.length));
        expect(passes).toBeLessThanOrEqual(workflow.tasks.length);
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('on one processor, every sufferage is 0 and each pass places the ready task listed first: topological order', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 1 }), (problem) => {
        const model = new DocumentModel(problem);
        const expected: Placement[] = new Array(model.taskCount);
        for (const t of model.topologicalOrder()) expected[t] = model.placement(expected, t, 0, false);
        const result = sufferage(compileProblem(problem.workflow, problem.cluster));
        expect(scheduleRows(result.schedule)).toEqual(placementRows(expected));
        expect(result.passes).toBe(model.taskCount);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs (runScheduler checks every one)', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), fc.boolean(), async (params, insertion) => {
        const run = await runScheduler(sufferagePlugin, buildRandomProblem(params), { insertion });
        expect(run.assignments).toHaveLength(params.tasks);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the reference Sufferage itself', () => {
  it('reproduces the hand-worked DAG of sufferage.spec.ts', () => {
    const problem: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 1, q: 5 } },
          { id: 'b', costs: { p: 2, q: 3 } },
          { id: 'c', costs: { p: 4, q: 2 } },
          { id: 'd', costs: { p: 3, q: 1 } },
        ],
        edges: [{ from: 'a', to: 'd', data: 4 }],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
    };
    const { placements, passes } = referenceSufferage(problem, false);
    expect({ placements: placementRows(placements), passes }).toEqual({
      placements: [
        [0, 0, 1],
        [0, 1, 3],
        [1, 0, 2],
        [1, 4, 5],
      ],
      passes: 3,
    });
  });
});
