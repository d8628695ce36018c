/**
 * Min-min against a naive reference written from Braun et al. (2001) on the documents (src/testing), on random
 * problems whose times are all exact in floating point, so the two must agree exactly; plus properties of the
 * algorithm itself.
 */
import { compileProblem, runScheduler, scheduleByCompletionTime } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, referenceMinMaxMin, scheduleRows, type DocumentProblem } from '@hetsched/scheduler-conformance';
import { minmin } from './minmin.js';
import { minminPlugin } from './minmin-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** The same problem with every zero work or cost raised to 1. */
function withPositiveCosts({ workflow, cluster }: DocumentProblem): DocumentProblem {
  const positive = (x: number) => (x === 0 ? 1 : x);
  const tasks = workflow.tasks.map((t) => ({
    ...t,
    ...(t.work === undefined ? {} : { work: positive(t.work) }),
    ...(t.costs === undefined ? {} : { costs: Object.fromEntries(Object.entries(t.costs).map(([k, v]) => [k, positive(v)])) }),
  }));
  return { workflow: { ...workflow, tasks }, cluster };
}

describe('Min-min (property)', () => {
  it('equals the naive reference: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), (problem) => {
        const schedule = minmin(compileProblem(problem.workflow, problem.cluster));
        expect(scheduleRows(schedule)).toEqual(placementRows(referenceMinMaxMin(problem, 'min', false)));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs (runScheduler checks every one)', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), async (params) => {
        const run = await runScheduler(minminPlugin, buildRandomProblem(params));
        expect(run.assignments).toHaveLength(params.tasks);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('with positive costs, insertion would change nothing: no later pick fits into an idle gap', () => {
    // Why: a task turning ready completes no earlier than the predecessor just placed, and placing a task only
    // delays the others, so the completion times Min-min picks never decrease; a task fitting in the gap before some
    // task y would complete before y did.
    fc.assert(
      fc.property(documentProblems({ maxTasks: 14, maxProcessors: 5 }).map(withPositiveCosts), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(scheduleRows(scheduleByCompletionTime(problem, 'min', true))).toEqual(scheduleRows(minmin(problem)));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('runs independent tasks on one processor shortest first, ties by input order', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 10, maxProcessors: 1, edgeProbability: 0 }), (documents) => {
        const model = new DocumentModel(documents);
        const expected = [...Array(model.taskCount).keys()].sort((a, b) => model.cost(a, 0).cmp(model.cost(b, 0)) || a - b);
        const schedule = minmin(compileProblem(documents.workflow, documents.cluster));
        const order = [...Array(model.taskCount).keys()].sort((a, b) => schedule.start[a]! - schedule.start[b]! || schedule.finish[a]! - schedule.finish[b]!);
        expect(order).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('the reference Min-min itself', () => {
  it('reproduces the hand-worked DAG of minmin.spec.ts', () => {
    // Derivation in minmin.spec.ts: d on p [0, 1], a on p [1, 3], c on q [6, 7], b on p [3, 12].
    const problem: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 4 } },
          { id: 'b', costs: { p: 9, q: 9 } },
          { id: 'c', costs: { p: 6, q: 1 } },
          { id: 'd', costs: { p: 1, q: 5 } },
        ],
        edges: [{ from: 'a', to: 'c', data: 4 }],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
    };
    expect(placementRows(referenceMinMaxMin(problem, 'min', false))).toEqual([
      [0, 1, 3],
      [0, 3, 12],
      [1, 6, 7],
      [0, 0, 1],
    ]);
  });
});
