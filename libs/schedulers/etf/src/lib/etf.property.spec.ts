/**
 * Property tests of ETF against an independent, deliberately naive reference written from the paper (Hwang, Chow,
 * Anger & Lee 1989), not from the implementation: it reads the documents only, computes in exact rationals, and at
 * every step tries every ready task on every processor:
 *   start(t, p) = max(data-ready(t, p), end of p's last task),
 * taking the smallest start, ties to the higher static level (longest path of mean execution times, no
 * communication), then the lower task index, then the processor listed first. Integer numbers and power-of-two
 * speeds and bandwidths make every time exact in floating point, so the implementation must match exactly whenever
 * no two distinct static levels are nearly equal.
 */
import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayedStarts, DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { etf } from './etf.js';
import { etfPlugin } from './etf-plugin.js';

function referenceEtf(problem: DocumentProblem): { levels: Q[]; placements: Placement[] } {
  const model = new DocumentModel(problem);
  const { taskCount: n, processorCount: m } = model;
  const levels = model.levels(
    (t) => model.meanCost(t),
    () => Q.zero,
  );
  const placements: Placement[] = new Array(n);
  const free = new Array<Q>(m).fill(Q.zero);
  for (let step = 0; step < n; step++) {
    let best: { t: number; p: number; start: Q } | undefined;
    for (let t = 0; t < n; t++) {
      if (placements[t] || model.predecessors(t).some((e) => !placements[e.task])) continue;
      for (let p = 0; p < m; p++) {
        const start = model.arrival(placements, t, p).max(free[p]!);
        // tasks and processors are tried in index order, so keeping the first of equals gives the index tie rules
        if (!best || start.cmp(best.start) < 0 || (start.cmp(best.start) === 0 && levels[t]!.cmp(levels[best.t]!) > 0)) best = { t, p, start };
      }
    }
    const { t, p, start } = best!;
    placements[t] = { processor: p, start, finish: start.plus(model.cost(t, p)) };
    free[p] = placements[t]!.finish;
  }
  return { levels, placements };
}

const rowsOfEtf = ({ workflow, cluster }: DocumentProblem) => scheduleRows(etf(compileProblem(workflow, cluster)));

// Exact-arithmetic references are slow; a loaded machine can take several times the idle 1-3 s per property.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('ETF (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('equals the naive reference ETF: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        const reference = referenceEtf(problem);
        fc.pre(!hasNearTie(reference.levels));
        expect(rowsOfEtf(problem)).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 200 },
    );
  });

  it('equals the reference on wide graphs too (many ready tasks per step, few edges)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 16, maxProcessors: 4, edgeProbability: 1 / 12 }), (problem) => {
        const reference = referenceEtf(problem);
        fc.pre(!hasNearTie(reference.levels));
        expect(rowsOfEtf(problem)).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 100 },
    );
  });

  it('equals the reference when ties are everywhere (costs 0-3, latency 0-1)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, tiny: true, maxTasks: 12, maxProcessors: 4 }), (problem) => {
        const reference = referenceEtf(problem);
        fc.pre(!hasNearTie(reference.levels));
        expect(rowsOfEtf(problem)).toEqual(placementRows(reference.placements));
      }),
      { numRuns: 200 },
    );
  });

  it('every schedule passes the independent checker, with rounding-prone real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, etf(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never idles a processor without cause: each task starts at max(data ready, end of the task before it there)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        expect(delayedStarts(problem, rowsOfEtf(problem))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const finish = etf(problem).finish;
        expect(Math.max(0, ...finish)).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('doubling every cost, latency and data volume doubles every time and changes no processor', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 10, maxProcessors: 5 }), ({ workflow, cluster }) => {
        const double = (x: number | undefined) => (x === undefined ? {} : { value: 2 * x });
        const scaledWorkflow: WorkflowSpec = {
          tasks: workflow.tasks.map((t) => ({
            id: t.id,
            ...(t.work === undefined ? {} : { work: 2 * t.work }),
            ...(t.costs === undefined ? {} : { costs: Object.fromEntries(Object.entries(t.costs).map(([k, v]) => [k, 2 * v])) }),
          })),
          edges: workflow.edges.map((e) => ({ ...e, ...(e.data === undefined ? {} : { data: 2 * e.data }) })),
        };
        const network = cluster.network ?? {};
        const scaledCluster: ClusterSpec = {
          processors: cluster.processors,
          network: {
            ...network,
            ...(network.latency === undefined ? {} : { latency: double(network.latency).value }),
            links: (network.links ?? []).map((l) => ({ ...l, ...(l.latency === undefined ? {} : { latency: double(l.latency).value }) })),
          },
        };
        const a = rowsOfEtf({ workflow, cluster });
        const b = rowsOfEtf({ workflow: scaledWorkflow, cluster: scaledCluster });
        expect(b).toEqual(a.map(([p, s, f]) => [p, 2 * s!, 2 * f!]));
      }),
      { numRuns: 100 },
    );
  });

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(etfPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the reference ETF itself', () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way: the first worked
  // example of etf.spec.ts, derived there by hand.
  it('gives the hand-derived schedule', () => {
    const { placements } = referenceEtf({
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 3 } },
          { id: 'b', costs: { p: 3, q: 3 } },
          { id: 'c', costs: { p: 4, q: 1 } },
          { id: 'd', costs: { p: 2, q: 2 } },
        ],
        edges: [
          { from: 'a', to: 'c', data: 3 },
          { from: 'a', to: 'd', data: 1 },
          { from: 'b', to: 'd', data: 2 },
        ],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 1 } },
    });
    expect(placementRows(placements)).toEqual([
      [0, 0, 2],
      [1, 0, 3],
      [0, 2, 6],
      [1, 4, 6],
    ]);
  });
});
