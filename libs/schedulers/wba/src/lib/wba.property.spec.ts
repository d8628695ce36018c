/**
 * Property tests of WBA against a naive reference written from the algorithm's definition (README), not from the
 * implementation: it reads the documents only, in exact rationals; each round takes the tasks whose predecessors are
 * all placed, and while some are left scores every (task, processor) pair by its makespan increase, keeps the pairs
 * within min + alpha · (max - min) in (task, processor) order and places the one core's seeded Random picks, exactly
 * as many draws as steps. Integer costs and power-of-two speeds and bandwidths keep every time exact, so the candidate lists,
 * and with them the draws, are the same.
 */
import { checkSchedule, compileProblem, makespanOf, Random, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { handWorkedExample } from '../testing/hand-worked-example.js';
import { wba, wbaConstruction } from './wba.js';
import { wbaPlugin } from './wba-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;
/** Widths whose products with exact times stay exact. */
const ALPHAS = [0, 0.25, 0.5, 0.75, 1];

function referenceConstruction(problem: DocumentProblem, alpha: number, random: Random): Placement[] {
  const model = new DocumentModel(problem);
  const placements: (Placement | undefined)[] = new Array(model.taskCount);
  let makespan = Q.zero;
  while (placements.filter(Boolean).length < model.taskCount) {
    // The round: the tasks ready when it starts, in index order; tasks it makes ready wait for the next one.
    const round = model.readyTasks(placements);
    while (round.length > 0) {
      const pairs: { t: number; placement: Placement; increase: Q }[] = [];
      for (const t of round) {
        for (let p = 0; p < model.processorCount; p++) {
          const placement = model.placement(placements, t, p, false);
          pairs.push({ t, placement, increase: placement.finish.minus(makespan).max(Q.zero) });
        }
      }
      const least = pairs.reduce((x, pair) => x.min(pair.increase), pairs[0]!.increase);
      const most = pairs.reduce((x, pair) => x.max(pair.increase), pairs[0]!.increase);
      const threshold = least.plus(Q.of(alpha).times(most.minus(least)));
      const list = pairs.filter((pair) => pair.increase.cmp(threshold) <= 0);
      const chosen = list[random.int(0, list.length - 1)]!;
      placements[chosen.t] = chosen.placement;
      makespan = makespan.max(chosen.placement.finish);
      round.splice(round.indexOf(chosen.t), 1);
    }
  }
  return placements as Placement[];
}

describe('WBA (property)', () => {
  it('equals the naive reference drawing from the same seeded generator: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), fc.constantFrom(...ALPHAS), fc.nat(), (problem, alpha, seed) => {
        const compiled = compileProblem(problem.workflow, problem.cluster);
        const { schedule } = wbaConstruction(compiled, alpha, new Random(seed));
        expect(scheduleRows(schedule)).toEqual(placementRows(referenceConstruction(problem, alpha, new Random(seed))));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('more constructions never give a longer schedule, and the result depends only on the seed and options', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 14, maxProcessors: 5 }), fc.constantFrom(...ALPHAS), fc.nat(), fc.integer({ min: 2, max: 6 }), (problem, alpha, seed, iterations) => {
        const compiled = compileProblem(problem.workflow, problem.cluster);
        const one = wba(compiled, { seed, alpha, iterations: 1 });
        const several = wba(compiled, { seed, alpha, iterations });
        expect(makespanOf(several)).toBeLessThanOrEqual(makespanOf(one));
        expect(scheduleRows(wba(compileProblem(problem.workflow, problem.cluster), { seed, alpha, iterations }))).toEqual(scheduleRows(several));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives schedules the independent checker accepts, with real-valued, rounding-prone numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 16, maxProcessors: 8 })), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), ({ workflow, cluster }, alpha, seed) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, wba(problem, { seed, alpha, iterations: 2 }))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor runs every task back to back, in some precedence order: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), fc.constantFrom(...ALPHAS), fc.nat(), ({ workflow, cluster }, alpha, seed) => {
        const problem = compileProblem(workflow, cluster);
        expect(makespanOf(wba(problem, { seed, alpha, iterations: 1 }))).toBe(problem.cost.reduce((x, y) => x + y, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), fc.nat(), async ({ workflow, cluster }, seed) => {
        const run = await runScheduler(wbaPlugin, compileProblem(workflow, cluster), { seed, iterations: 3 });
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference WBA itself', () => {
  it('reproduces the hand-worked example of wba.spec.ts with alpha 0 (derivation there)', () => {
    expect(placementRows(referenceConstruction(handWorkedExample, 0, new Random(1)))).toEqual([
      [0, 0, 2],
      [1, 0, 5],
      [0, 2, 4],
    ]);
  });
});
