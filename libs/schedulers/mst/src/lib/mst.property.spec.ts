/**
 * Property tests of MST against a naive reference written from SAGA's definition (schedulers/mst.py), not from the
 * implementation: it reads the documents only, in exact rationals, lists the tasks in Kahn's order (at each step the
 * lowest-indexed task whose predecessors are all listed) and gives each the processor of least start time
 * max(data ready, end of the last task there), trying every processor in listing order. Integer costs and
 * power-of-two speeds and bandwidths keep every time exact, so the comparison is exact too.
 */
import { checkSchedule, compileProblem, computeMetrics, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { handWorkedExample } from '../testing/hand-worked-example.js';
import { mst } from './mst.js';
import { mstPlugin } from './mst-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;

function referenceMst(problem: DocumentProblem): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  // Kahn's order as defined above; each task appended (no insertion) where it starts first, processors as listed.
  for (const t of model.topologicalOrder()) placements[t] = model.earliestStartPlacement(placements, t, false);
  return placements;
}

describe('MST (property)', () => {
  it('equals the naive reference: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 6 }), (problem) => {
        const compiled = compileProblem(problem.workflow, problem.cluster);
        expect(scheduleRows(mst(compiled))).toEqual(placementRows(referenceMst(problem)));
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives schedules the independent checker accepts, with real-valued, rounding-prone numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 16, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, mst(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor runs the topological order back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const schedule = mst(problem);
        let clock = 0;
        for (const t of problem.topologicalOrder) {
          expect(schedule.start[t]).toBe(clock);
          clock += problem.cost[t]!;
        }
        expect(computeMetrics(problem, schedule).makespan).toBe(clock);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('scales: doubling every cost, latency and data (bandwidths kept) doubles every start and finish', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), ({ workflow, cluster }) => {
        const doubled = structuredClone({ workflow, cluster });
        for (const task of doubled.workflow.tasks) {
          if (task.work !== undefined) task.work *= 2;
          for (const id of Object.keys(task.costs ?? {})) task.costs![id]! *= 2;
        }
        for (const edge of doubled.workflow.edges) if (edge.data !== undefined) edge.data *= 2;
        const network = doubled.cluster.network!;
        if (network.latency !== undefined) network.latency *= 2;
        for (const link of network.links ?? []) if (link.latency !== undefined) link.latency *= 2;
        const once = scheduleRows(mst(compileProblem(workflow, cluster)));
        const twice = scheduleRows(mst(compileProblem(doubled.workflow, doubled.cluster)));
        expect(twice).toEqual(once.map(([p, s, f]) => [p, 2 * s, 2 * f]));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(mstPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference MST itself', () => {
  it('reproduces the hand-worked example of mst.spec.ts (derivation there)', () => {
    expect(placementRows(referenceMst(handWorkedExample))).toEqual([
      [0, 0, 3],
      [1, 0, 4],
      [0, 3, 5],
      [1, 4, 9],
    ]);
  });
});
