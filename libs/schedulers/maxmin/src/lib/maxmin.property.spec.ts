/**
 * Max-min against a naive reference written from Braun et al. (2001) on the documents (src/testing), on random
 * problems whose times are all exact in floating point, so the two must agree exactly; plus properties of the
 * algorithm itself.
 */
import { compileProblem, runScheduler } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, referenceMinMaxMin, scheduleRows, type DocumentProblem } from '@hetsched/scheduler-conformance';
import { maxmin } from './maxmin.js';
import { maxminPlugin } from './maxmin-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('Max-min (property)', () => {
  it('equals the naive reference, with and without insertion: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), fc.boolean(), (problem, insertion) => {
        const schedule = maxmin(compileProblem(problem.workflow, problem.cluster), { insertion });
        expect(scheduleRows(schedule)).toEqual(placementRows(referenceMinMaxMin(problem, 'max', insertion)));
      }),
      { numRuns: 250 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs (runScheduler checks every one)', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), fc.boolean(), async (params, insertion) => {
        const run = await runScheduler(maxminPlugin, buildRandomProblem(params), { insertion });
        expect(run.assignments).toHaveLength(params.tasks);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('runs independent tasks on one processor longest first, ties by input order', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 10, maxProcessors: 1, edgeProbability: 0 }), (documents) => {
        const model = new DocumentModel(documents);
        const expected = [...Array(model.taskCount).keys()].sort((a, b) => model.cost(b, 0).cmp(model.cost(a, 0)) || a - b);
        const schedule = maxmin(compileProblem(documents.workflow, documents.cluster));
        // by start, and a zero-length task before a task starting with it: it went first
        const order = [...Array(model.taskCount).keys()].sort((a, b) => schedule.start[a]! - schedule.start[b]! || schedule.finish[a]! - schedule.finish[b]!);
        expect(order).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the reference Max-min itself', () => {
  it('reproduces the hand-worked gap example of maxmin.spec.ts', () => {
    // Derivation in maxmin.spec.ts: x on p [0, 3], y on q [7, 9]; s on p [3, 4], or on q [0, 1] with insertion.
    const problem: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'x', costs: { p: 3, q: 3 } },
          { id: 'y', costs: { p: 10, q: 2 } },
          { id: 's', costs: { p: 1, q: 1 } },
        ],
        edges: [{ from: 'x', to: 'y', data: 4 }],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }] },
    };
    const x = [0, 0, 3];
    const y = [1, 7, 9];
    expect(placementRows(referenceMinMaxMin(problem, 'max', false))).toEqual([x, y, [0, 3, 4]]);
    expect(placementRows(referenceMinMaxMin(problem, 'max', true))).toEqual([x, y, [1, 0, 1]]);
  });
});
