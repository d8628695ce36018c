/**
 * Property tests of Lookahead HEFT against a naive reference written from the algorithm (Bittencourt, Sakellariou &
 * Madeira, PDP 2010), not from the implementation: it reads the documents only, ranks in exact rationals, and for
 * each task in HEFT's list and each processor copies the schedule, places the task there, places its descendants
 * within `depth` edges in list order by HEFT's rule (earliest finish, insertion found by trying every candidate
 * start, data from placed parents only), and keeps the processor whose largest finish time is least. No pruning, no
 * shared timelines: every tentative pass starts from a fresh copy.
 */
import { checkSchedule, compileProblem, computeMetrics, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, hasNearTie, placementRows, scheduleRows, type DocumentProblem, type Placement, type Q } from '@hetsched/scheduler-conformance';
import { lookaheadHeft } from './lookahead-heft.js';
import { lookaheadHeftPlugin } from './lookahead-heft-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;

function referenceLookahead(problem: DocumentProblem, depth: number) {
  const model = new DocumentModel(problem);
  const ranks = model.upwardRanks();
  const order = model.readyListOrder(ranks);
  const position = new Map(order.map((t, k) => [t, k]));
  const descendants = (t: number): number[] => {
    const found = new Set<number>();
    let frontier = [t];
    for (let level = 0; level < depth; level++) {
      frontier = frontier.flatMap((x) => model.successors(x).map((s) => s.task)).filter((x) => !found.has(x));
      frontier.forEach((x) => found.add(x));
    }
    return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
  };

  const placements: Placement[] = new Array(model.taskCount);
  for (const t of order) {
    let best: { processor: number; value: Q } | undefined;
    for (let p = 0; p < model.processorCount; p++) {
      const trial = [...placements];
      trial[t] = model.placement(trial, t, p, true);
      let value = trial[t]!.finish;
      for (const d of descendants(t)) {
        trial[d] = model.earliestPlacement(trial, d, true);
        value = value.max(trial[d]!.finish);
      }
      if (!best || value.lt(best.value)) best = { processor: p, value };
    }
    placements[t] = model.placement(placements, t, best!.processor, true);
  }
  return { ranks, placements };
}

describe('Lookahead HEFT (property)', () => {
  for (const depth of [1, 2]) {
    it(`equals the naive reference at depth ${depth}: same processor, start and finish for every task`, () => {
      fc.assert(
        fc.property(documentProblems({ exact: true, maxTasks: 10, maxProcessors: 5 }), (problem) => {
          const reference = referenceLookahead(problem, depth);
          fc.pre(!hasNearTie(reference.ranks));
          const schedule = lookaheadHeft(compileProblem(problem.workflow, problem.cluster), { depth });
          expect(scheduleRows(schedule)).toEqual(placementRows(reference.placements));
        }),
        { numRuns: 100 },
      );
    }, PROPERTY_TIMEOUT);
  }

  it('every schedule passes the checker, with real numbers and any depth', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), fc.integer({ min: 1, max: 4 }), ({ workflow, cluster }, depth) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, lookaheadHeft(problem, { depth }))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(computeMetrics(problem, lookaheadHeft(problem)).makespan).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(lookaheadHeftPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference Lookahead HEFT itself', () => {
  it('reproduces the hand-worked schedules of lookahead-heft.spec.ts', () => {
    // derivations there
    const cluster = { processors: [{ id: 'P' }, { id: 'Q' }] };
    const example: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { P: 2, Q: 3 } },
          { id: 'b', costs: { P: 10, Q: 2 } },
          { id: 'c', costs: { P: 1, Q: 1 } },
          { id: 'e', costs: { P: 1, Q: 1 } },
        ],
        edges: [
          { from: 'a', to: 'b', data: 4 },
          { from: 'a', to: 'c', data: 0 },
          { from: 'e', to: 'c', data: 6 },
        ],
      },
      cluster,
    };
    expect(placementRows(referenceLookahead(example, 1).placements)).toEqual([
      [1, 0, 3],
      [1, 3, 5],
      [0, 3, 4],
      [0, 0, 1],
    ]);
    const chain: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'a', costs: { P: 1, Q: 2 } },
          { id: 'b', costs: { P: 1, Q: 1 } },
          { id: 'c', costs: { P: 10, Q: 1 } },
        ],
        edges: [
          { from: 'a', to: 'b', data: 3 },
          { from: 'b', to: 'c', data: 3 },
        ],
      },
      cluster,
    };
    expect(placementRows(referenceLookahead(chain, 2).placements)).toEqual([
      [1, 0, 2],
      [1, 2, 3],
      [1, 3, 4],
    ]);
  });
});
