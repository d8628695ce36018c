/**
 * FastestNode against its definition read from the documents (src/testing), on random problems whose times are all
 * exact in floating point.
 */
import { bestSequentialTime, compileProblem, makespanOf, runScheduler } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, indexOfLeast, placementRows, Q, scheduleRows, type Placement } from '@hetsched/scheduler-conformance';
import { fastestNode } from './fastest-node.js';
import { fastestNodePlugin } from './fastest-node-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('FastestNode (property)', () => {
  it('runs every task, in topological order, back to back on the first processor of least total cost', () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 6 }), (problem) => {
        const model = new DocumentModel(problem);
        const totals = Array.from({ length: model.processorCount }, (_, p) => Array.from({ length: model.taskCount }, (_, t) => model.cost(t, p)).reduce((a, b) => a.plus(b), Q.zero));
        const fastest = indexOfLeast(totals);
        const expected: Placement[] = new Array(model.taskCount);
        let clock = Q.zero;
        for (const t of model.topologicalOrder()) {
          expected[t] = { processor: fastest, start: clock, finish: clock.plus(model.cost(t, fastest)) };
          clock = clock.plus(model.cost(t, fastest));
        }
        const result = fastestNode(compileProblem(problem.workflow, problem.cluster));
        expect(result.processor).toBe(fastest);
        expect(scheduleRows(result.schedule)).toEqual(placementRows(expected));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it("its makespan is the best sequential time, the numerator of the speedup metric: speedup 1", () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 6 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(makespanOf(fastestNode(problem).schedule)).toBe(bestSequentialTime(problem));
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs, of makespan the best sequential time', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(60, 8), async (params) => {
        const problem = buildRandomProblem(params);
        const run = await runScheduler(fastestNodePlugin, problem);
        // summed in another order than bestSequentialTime's: equal up to rounding
        expect(run.makespan).toBeCloseTo(bestSequentialTime(problem), 6);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
