/**
 * Property tests of FCP against an independent, deliberately naive reference written from the paper (Radulescu &
 * van Gemund 1999/2002), not from the implementation: it reads the documents only, computes in exact rationals, keeps
 * the ready tasks in two plain arrays (a queue of at most m tasks, searched for the highest rank, ties by index, and a
 * FIFO list), and puts each task on its enabling processor (its latest finish(q) + c̄ message, ties to the lower
 * processor index) or on the first idle processor, whichever starts it first (ties to the lower index). Integer
 * numbers and power-of-two speeds and bandwidths make every start and finish, and every comparison of message
 * estimates, exact in floating point; problems where two distinct ranks are nearly equal (the mean costs divide by m)
 * are left out.
 */
import { checkSchedule, compileProblem, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayedStarts, DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { fcp } from './fcp.js';
import { fcpPlugin } from './fcp-plugin.js';

function referenceFcp(problem: DocumentProblem): { ranks: Q[]; placements: Placement[] } {
  const model = new DocumentModel(problem);
  const { taskCount: n, processorCount: m } = model;
  const ranks = model.levels(
    (t) => model.meanCost(t),
    (data) => model.meanTransfer(data),
  );
  const placements: Placement[] = new Array(n);
  const free = new Array<Q>(m).fill(Q.zero);
  const queue: number[] = [];
  const fifo: number[] = [];
  const add = (t: number) => (queue.length < m ? queue.push(t) : fifo.push(t));
  for (let t = 0; t < n; t++) if (model.predecessors(t).length === 0) add(t);
  for (let step = 0; step < n; step++) {
    const t = queue.reduce((best, u) => (ranks[u]!.cmp(ranks[best]!) > 0 || (ranks[u]!.cmp(ranks[best]!) === 0 && u < best) ? u : best));
    queue.splice(queue.indexOf(t), 1);
    if (fifo.length > 0) queue.push(fifo.shift()!);
    const idle = free.reduce((best, f, p) => (f.cmp(free[best]!) < 0 ? p : best), 0);
    const candidates = [idle];
    const predecessors = model.predecessors(t);
    if (predecessors.length > 0) {
      const arrivals = predecessors.map(({ task, data }) => ({ at: placements[task]!.finish.plus(model.meanTransfer(data)), processor: placements[task]!.processor }));
      const last = arrivals.reduce((best, a) => (a.at.cmp(best.at) > 0 || (a.at.cmp(best.at) === 0 && a.processor < best.processor) ? a : best));
      candidates.push(last.processor);
    }
    const startOn = (p: number) => model.arrival(placements, t, p).max(free[p]!);
    const p = candidates.reduce((best, q) => (startOn(q).cmp(startOn(best)) < 0 || (startOn(q).cmp(startOn(best)) === 0 && q < best) ? q : best));
    placements[t] = { processor: p, start: startOn(p), finish: startOn(p).plus(model.cost(t, p)) };
    free[p] = placements[t]!.finish;
    const released = new Set(model.successors(t).map((s) => s.task).filter((s) => model.predecessors(s).every((e) => placements[e.task])));
    [...released].sort((a, b) => a - b).forEach(add);
  }
  return { ranks, placements };
}

const rowsOfFcp = ({ workflow, cluster }: DocumentProblem) => scheduleRows(fcp(compileProblem(workflow, cluster)));

const matchesReference = (problem: DocumentProblem) => {
  const reference = referenceFcp(problem);
  fc.pre(!hasNearTie(reference.ranks));
  expect(rowsOfFcp(problem)).toEqual(placementRows(reference.placements));
};

// Exact-arithmetic references are slow; a loaded machine can take several times the idle 1-3 s per property.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('FCP (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('equals the naive reference FCP: same processor, start and finish for every task', () => {
    fc.assert(fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), matchesReference), { numRuns: 200 });
  });

  it('equals the reference on wide graphs too (the FIFO list in use)', () => {
    fc.assert(fc.property(documentProblems({ exact: true, maxTasks: 16, maxProcessors: 3, edgeProbability: 1 / 12 }), matchesReference), { numRuns: 100 });
  });

  it('equals the reference when ties are everywhere (costs 0-3, latency 0-1)', () => {
    fc.assert(fc.property(documentProblems({ exact: true, tiny: true, maxTasks: 12, maxProcessors: 4 }), matchesReference), { numRuns: 200 });
  });

  it('every schedule passes the independent checker, with rounding-prone real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, fcp(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never idles a processor without cause: each task starts at max(data ready, end of the task before it there)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        expect(delayedStarts(problem, rowsOfFcp(problem))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(Math.max(0, ...fcp(problem).finish)).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(fcpPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the reference FCP itself', () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way: the first worked
  // example of fcp.spec.ts, derived there by hand.
  it('gives the hand-derived schedule', () => {
    const { placements } = referenceFcp({
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 2 } },
          { id: 'b', costs: { p: 3, q: 1 } },
          { id: 'c', costs: { p: 2, q: 4 } },
          { id: 'd', costs: { p: 1, q: 1 } },
        ],
        edges: [
          { from: 'a', to: 'b', data: 2 },
          { from: 'a', to: 'c', data: 1 },
          { from: 'b', to: 'd', data: 3 },
          { from: 'c', to: 'd', data: 1 },
        ],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } },
    });
    expect(placementRows(placements)).toEqual([
      [0, 0, 2],
      [0, 2, 5],
      [1, 3, 7],
      [0, 8, 9],
    ]);
  });
});
