/**
 * Property tests of DPS against a naive reference written from the algorithm's definition (README), not from the
 * implementation: it reads the documents only, computes the top and bottom levels in exact rationals from their
 * recursive definitions (mean execution times, c̄ = L̄ + data / B̄), takes a ready list by TL + BL, and places each task
 * at its earliest finish time, insertion found by trying every candidate start, ties to the processor listed first.
 * Integer costs and power-of-two speeds and bandwidths keep every time exact.
 */
import { checkSchedule, compileProblem, computeMetrics, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { handWorkedExample } from '../testing/hand-worked-example.js';
import { decisivePathLengths, dps, dpsOrder } from './dps.js';
import { dpsPlugin } from './dps-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;
/** Relative difference under which a floating-point level counts as equal to the exact one. */
const LEVEL_TOLERANCE = 1e-9;

function referenceDps(problem: DocumentProblem) {
  const model = new DocumentModel(problem);
  const bottom = model.upwardRanks();
  const top = model.downwardRanks();
  const priority = bottom.map((b, t) => b.plus(top[t]!));
  const order = model.readyListOrder(priority);
  const placements: Placement[] = new Array(model.taskCount);
  for (const t of order) placements[t] = model.earliestPlacement(placements, t, true);
  return { priority, order, placements };
}

/** The longest entry-to-exit path through each task, by walking every path of the DAG (mean costs, exact). */
function longestPathsThrough(model: DocumentModel): Q[] {
  const best: Q[] = new Array<Q>(model.taskCount).fill(Q.zero);
  const walk = (path: number[], length: Q): void => {
    const last = path[path.length - 1]!;
    const out = model.successors(last);
    if (out.length === 0) {
      for (const t of path) best[t] = best[t]!.max(length);
      return;
    }
    for (const s of out) walk([...path, s.task], length.plus(model.meanTransfer(s.data)).plus(model.meanCost(s.task)));
  };
  for (let t = 0; t < model.taskCount; t++) if (model.predecessors(t).length === 0) walk([t], model.meanCost(t));
  return best;
}

describe('DPS (property)', () => {
  it('equals the naive reference: same order, processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 6 }), (problem) => {
        const reference = referenceDps(problem);
        // Priorities apart by less than rounding could be ordered either way by floating point.
        fc.pre(!hasNearTie(reference.priority));
        const compiled = compileProblem(problem.workflow, problem.cluster);
        expect(Array.from(dpsOrder(compiled))).toEqual(reference.order);
        expect(scheduleRows(dps(compiled))).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it("a task's priority is the length of the longest entry-to-exit path through it (every path walked)", () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 9, maxProcessors: 4 })), (problem) => {
        const lengths = decisivePathLengths(compileProblem(problem.workflow, problem.cluster));
        longestPathsThrough(new DocumentModel(problem)).forEach((exact, t) => {
          expect(Math.abs(lengths[t]! - exact.toNumber())).toBeLessThanOrEqual(LEVEL_TOLERANCE * Math.max(1, exact.toNumber()));
        });
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives schedules the independent checker accepts, with real-valued, rounding-prone numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 16, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, dps(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(computeMetrics(problem, dps(problem)).makespan).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(dpsPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference DPS itself', () => {
  it('reproduces the hand-worked example of dps.spec.ts (derivation there)', () => {
    const reference = referenceDps(handWorkedExample);
    expect(reference.priority.map((x) => x.toNumber())).toEqual([9, 9, 3.5]);
    expect(placementRows(reference.placements)).toEqual([
      [0, 0, 2],
      [0, 2, 4],
      [0, 4, 5],
    ]);
  });
});
