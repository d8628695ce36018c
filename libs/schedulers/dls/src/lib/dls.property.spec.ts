/**
 * Property tests of DLS against an independent, deliberately naive reference written from the paper (Sih & Lee
 * 1993), not from the implementation: it reads the documents only, computes in exact rationals, and at every step
 * evaluates every ready task on every processor:
 *   DL(t, p) = SL(t) − max(DA(t, p), TF(p)) + E*(t) − E(t, p),
 * E* the median execution time, SL the longest path of E* to an exit (no communication), DA the data-ready time, TF
 * the end of p's last task, taking the highest, ties to the lower task index, then the processor listed first.
 * Integer numbers and power-of-two speeds and bandwidths make every level and time exact in floating point (medians
 * of two values are halves), so the implementation must match exactly.
 */
import { checkSchedule, compileProblem, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayedStarts, DocumentModel, documentProblems, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { dls } from './dls.js';
import { dlsPlugin } from './dls-plugin.js';

function referenceDls(problem: DocumentProblem): Placement[] {
  const model = new DocumentModel(problem);
  const { taskCount: n, processorCount: m } = model;
  const levels = model.levels(
    (t) => model.medianCost(t),
    () => Q.zero,
  );
  const placements: Placement[] = new Array(n);
  const free = new Array<Q>(m).fill(Q.zero);
  for (let step = 0; step < n; step++) {
    let best: { t: number; p: number; start: Q; level: Q } | undefined;
    for (let t = 0; t < n; t++) {
      if (placements[t] || model.predecessors(t).some((e) => !placements[e.task])) continue;
      for (let p = 0; p < m; p++) {
        const start = model.arrival(placements, t, p).max(free[p]!);
        const level = levels[t]!.minus(start).plus(model.medianCost(t)).minus(model.cost(t, p));
        // tasks and processors are tried in index order: keeping the first of equals gives the tie rules
        if (!best || level.cmp(best.level) > 0) best = { t, p, start, level };
      }
    }
    const { t, p, start } = best!;
    placements[t] = { processor: p, start, finish: start.plus(model.cost(t, p)) };
    free[p] = placements[t]!.finish;
  }
  return placements;
}

const rowsOfDls = ({ workflow, cluster }: DocumentProblem) => scheduleRows(dls(compileProblem(workflow, cluster)));

// Exact-arithmetic references are slow; a loaded machine can take several times the idle 1-3 s per property.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('DLS (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('equals the naive reference DLS: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        expect(rowsOfDls(problem)).toEqual(placementRows(referenceDls(problem)));
      }),
      { numRuns: 200 },
    );
  });

  it('equals the reference on wide graphs too (many ready tasks per step, few edges)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 16, maxProcessors: 4, edgeProbability: 1 / 12 }), (problem) => {
        expect(rowsOfDls(problem)).toEqual(placementRows(referenceDls(problem)));
      }),
      { numRuns: 100 },
    );
  });

  it('equals the reference when ties are everywhere (costs 0-3, latency 0-1)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, tiny: true, maxTasks: 12, maxProcessors: 4 }), (problem) => {
        expect(rowsOfDls(problem)).toEqual(placementRows(referenceDls(problem)));
      }),
      { numRuns: 200 },
    );
  });

  it('every schedule passes the independent checker, with rounding-prone real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, dls(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never idles a processor without cause: each task starts at max(data ready, end of the task before it there)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        expect(delayedStarts(problem, rowsOfDls(problem))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('with identical processors and no communication, every task takes the earliest-free processor (Δ = 0)', () => {
    // Δ = 0 and DA = 0 everywhere, so DL = SL − TF(p): the best processor for any task is the one free first.
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 4 }), ({ workflow }) => {
        const flat = { tasks: workflow.tasks.map((t, i) => ({ id: t.id, work: (i % 4) + 1 })), edges: [] };
        const cluster = { processors: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
        const rows = rowsOfDls({ workflow: flat, cluster });
        for (const [p, start] of rows) {
          const freeAt = (q: number) => Math.max(0, ...rows.filter(([r, s]) => r === q && s < start).map(([, , f]) => f));
          expect(start).toBe(freeAt(p));
          for (let q = 0; q < 3; q++) expect(freeAt(q)).toBeGreaterThanOrEqual(start);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(dlsPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the reference DLS itself', () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way: the first worked
  // example of dls.spec.ts, derived there by hand.
  it('gives the hand-derived schedule', () => {
    const placements = referenceDls({
      workflow: {
        tasks: [
          { id: 'a', costs: { p: 2, q: 4 } },
          { id: 'b', costs: { p: 3, q: 1 } },
          { id: 'c', costs: { p: 2, q: 2 } },
        ],
        edges: [
          { from: 'a', to: 'c', data: 2 },
          { from: 'b', to: 'c', data: 1 },
        ],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } },
    });
    expect(placementRows(placements)).toEqual([
      [0, 0, 2],
      [1, 0, 1],
      [0, 2, 4],
    ]);
  });
});
