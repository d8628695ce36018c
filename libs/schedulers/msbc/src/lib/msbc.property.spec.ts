/**
 * Property tests of MSBC against a naive reference written from SAGA's definition (schedulers/msbc.py), not from the
 * implementation: it reads the documents only and computes, in exact rationals and by memoised recursion, the static
 * top level, the strict bound completion times with their favourite processors, the start times on the favourite
 * processors and the priorities; it takes a ready list by priority, orders the processors by exact total cost, and
 * places each task at its least start time (after the last task there, or with insertion by trying every candidate
 * start). Integer costs and power-of-two speeds and bandwidths keep every time exact.
 */
import { checkSchedule, compileProblem, computeMetrics, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { handWorkedExample } from '../testing/hand-worked-example.js';
import { msbc, msbcEstimates } from './msbc.js';
import { msbcPlugin } from './msbc-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;
/** Relative difference under which a floating-point priority counts as equal to the exact one. */
const PRIORITY_TOLERANCE = 1e-9;

function referenceEstimates(model: DocumentModel) {
  const memo = <T>(f: (t: number) => T) => {
    const known = new Map<number, T>();
    return (t: number): T => {
      if (!known.has(t)) known.set(t, f(t));
      return known.get(t)!;
    };
  };
  const topLevel = memo((t): Q => model.predecessors(t).reduce((best, q) => best.max(topLevel(q.task).plus(model.meanCost(q.task))), Q.zero));
  // The first processor of least completion, its predecessors' data sent from their own favourites.
  const bound = memo((t): { completion: Q; favourite: number } => {
    let chosen: { completion: Q; favourite: number } | undefined;
    for (let p = 0; p < model.processorCount; p++) {
      const ready = model.predecessors(t).reduce((latest, q) => latest.max(bound(q.task).completion.plus(model.transfer(q.data, bound(q.task).favourite, p))), Q.zero);
      const completion = ready.plus(model.cost(t, p));
      if (!chosen || completion.lt(chosen.completion)) chosen = { completion, favourite: p };
    }
    return chosen!;
  });
  const start = memo((t): Q =>
    model.predecessors(t).reduce((latest, q) => {
      const from = bound(q.task).favourite;
      return latest.max(start(q.task).plus(model.cost(q.task, from)).plus(model.transfer(q.data, from, bound(t).favourite)));
    }, Q.zero),
  );
  const tasks = Array.from({ length: model.taskCount }, (_, t) => t);
  return {
    topLevel: tasks.map(topLevel),
    bound: tasks.map(bound),
    start: tasks.map(start),
    priority: tasks.map((t) => bound(t).completion.plus(topLevel(t)).plus(start(t))),
  };
}

function referenceMsbc(problem: DocumentProblem, insertion: boolean) {
  const model = new DocumentModel(problem);
  const estimates = referenceEstimates(model);
  const totals = Array.from({ length: model.processorCount }, (_, p) => Array.from({ length: model.taskCount }, (_, t) => model.cost(t, p)).reduce((a, b) => a.plus(b), Q.zero));
  const processors = Array.from({ length: model.processorCount }, (_, p) => p).sort((a, b) => totals[a]!.cmp(totals[b]!) || a - b);
  const placements: Placement[] = new Array(model.taskCount);
  for (const t of model.readyListOrder(estimates.priority)) placements[t] = model.earliestStartPlacement(placements, t, insertion, processors);
  return { estimates, placements };
}

describe('MSBC (property)', () => {
  it('equals the naive reference: same estimates, processor, start and finish for every task, with and without insertion', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 6 }), fc.boolean(), (problem, insertion) => {
        const reference = referenceMsbc(problem, insertion);
        // Priorities apart by less than rounding could be ordered either way by floating point.
        fc.pre(!hasNearTie(reference.estimates.priority));
        const compiled = compileProblem(problem.workflow, problem.cluster);
        const estimates = msbcEstimates(compiled);
        expect(Array.from(estimates.favourite)).toEqual(reference.estimates.bound.map((b) => b.favourite));
        // Mean costs divide by m, so the priorities are compared to within rounding.
        estimates.priority.forEach((x, t) => {
          const exact = reference.estimates.priority[t]!.toNumber();
          expect(Math.abs(x - exact)).toBeLessThanOrEqual(PRIORITY_TOLERANCE * Math.max(1, Math.abs(exact)));
        });
        expect(scheduleRows(msbc(compiled, { insertion }))).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives schedules the independent checker accepts, with real-valued, rounding-prone numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 16, maxProcessors: 8 })), fc.boolean(), ({ workflow, cluster }, insertion) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, msbc(problem, { insertion }))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), fc.boolean(), ({ workflow, cluster }, insertion) => {
        const problem = compileProblem(workflow, cluster);
        expect(computeMetrics(problem, msbc(problem, { insertion })).makespan).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), fc.boolean(), async ({ workflow, cluster }, insertion) => {
        const run = await runScheduler(msbcPlugin, compileProblem(workflow, cluster), { insertion });
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference MSBC itself', () => {
  it('reproduces the hand-worked example of msbc.spec.ts (derivation there)', () => {
    const appended = referenceMsbc(handWorkedExample, false);
    expect(appended.estimates.priority.map((x) => x.toNumber())).toEqual([2, 3, 12, 9, 1]);
    expect(placementRows(appended.placements)).toEqual([
      [1, 0, 4],
      [0, 0, 3],
      [1, 5, 11],
      [0, 5, 7],
      [0, 7, 8],
    ]);
    expect(placementRows(referenceMsbc(handWorkedExample, true).placements)[4]).toEqual([0, 3, 4]);
  });
});
