/**
 * Property tests of PEFT against a naive reference written from the paper (Arabnejad & Barbosa, IEEE TPDS 25(3),
 * 2014, Algorithm 1 and Eq. 6-8), not from the implementation: it reads the documents only, fills the OCT from its
 * definition (every successor, every processor w, the communication term added when w differs from p), takes
 * rank_oct as the row mean, orders with a ready list, and picks for each task the processor of least
 * EFT + OCT, the EFT found by trying every candidate start. All in exact rationals; a run is discarded when floating
 * point could decide a comparison differently (distinct values within 1e-9, or equal ones that are not doubles).
 */
import { checkSchedule, compileProblem, computeMetrics, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, fragileComparison, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { octRanks, optimisticCostTable, peft, type OctCommunication } from './peft.js';
import { peftPlugin } from './peft-plugin.js';

/** Generous: exact-arithmetic references are slow on a loaded machine. */
const PROPERTY_TIMEOUT = 60_000;

function referencePeft(problem: DocumentProblem, communication: OctCommunication) {
  const model = new DocumentModel(problem);
  const { taskCount: n, processorCount: m } = model;
  const comm = (t: number, data: number, p: number, w: number) => (p === w ? Q.zero : communication === 'mean' ? model.meanTransfer(data) : model.transfer(data, p, w));
  const memo = new Map<number, Q[]>();
  const oct = (t: number): Q[] => {
    const known = memo.get(t);
    if (known) return known;
    const row = Array.from({ length: m }, (_, p) => {
      let worst = Q.zero;
      for (const s of model.successors(t)) {
        let best: Q | undefined;
        for (let w = 0; w < m; w++) {
          const value = oct(s.task)[w]!.plus(model.cost(s.task, w)).plus(comm(t, s.data, p, w));
          if (!best || value.lt(best)) best = value;
        }
        worst = worst.max(best!);
      }
      return worst;
    });
    memo.set(t, row);
    return row;
  };
  const table = Array.from({ length: n }, (_, t) => oct(t));
  const rank = table.map((row) => row.reduce((a, b) => a.plus(b)).over(new Q(BigInt(m))));

  let fragile = hasNearTie(rank);
  const placements: Placement[] = new Array(n);
  for (const t of model.readyListOrder(rank)) {
    let chosen: { placement: Placement; key: Q } | undefined;
    for (let p = 0; p < m; p++) {
      const placement = model.placement(placements, t, p, true);
      const key = placement.finish.plus(table[t]![p]!);
      if (chosen && fragileComparison(key, chosen.key)) fragile = true;
      if (!chosen || key.lt(chosen.key)) chosen = { placement, key };
    }
    placements[t] = chosen!.placement;
  }
  return { table, rank, placements, fragile };
}

const tableRows = (table: Float64Array, m: number) => Array.from({ length: table.length / m }, (_, t) => Array.from(table.subarray(t * m, (t + 1) * m)));

describe('PEFT (property)', () => {
  for (const communication of ['mean', 'link'] as const) {
    it(`equals the naive reference PEFT with ${communication} communication: same table, processors and times`, () => {
      fc.assert(
        fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 6 }), (problem) => {
          const reference = referencePeft(problem, communication);
          fc.pre(!reference.fragile);
          const compiled = compileProblem(problem.workflow, problem.cluster);
          const table = optimisticCostTable(compiled, communication);
          const expectedTable = reference.table.map((row) => row.map((x) => x.toNumber()));
          // the table holds sums of means (mean communication): equal within rounding, exact with per-link costs
          if (communication === 'link') expect(tableRows(table, compiled.processorCount)).toEqual(expectedTable);
          else tableRows(table, compiled.processorCount).forEach((row, t) => row.forEach((x, p) => expect(x).toBeCloseTo(expectedTable[t]![p]!, 9)));
          expect(scheduleRows(peft(compiled, { communication }))).toEqual(placementRows(reference.placements));
        }),
        { numRuns: 200 },
      );
    }, PROPERTY_TIMEOUT);
  }

  it('rank_oct is the mean of the table row, and exit tasks have an all-zero row', () => {
    fc.assert(
      fc.property(documentProblems({ exact: false, maxTasks: 14, maxProcessors: 6 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const m = problem.processorCount;
        const table = optimisticCostTable(problem);
        const rank = octRanks(problem, table);
        for (let t = 0; t < problem.taskCount; t++) {
          const row = Array.from(table.subarray(t * m, (t + 1) * m));
          expect(rank[t]).toBeCloseTo(row.reduce((a, b) => a + b, 0) / m, 9);
          if (problem.succOffsets[t + 1] === problem.succOffsets[t]) expect(row.every((x) => x === 0)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT);

  it('every schedule passes the checker, with real numbers and either communication', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), fc.constantFrom<OctCommunication>('mean', 'link'), ({ workflow, cluster }, communication) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, peft(problem, { communication }))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  it('on a uniform network both kinds of communication give the same table and schedule', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 6, uniformLinks: true }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(Array.from(optimisticCostTable(problem, 'link'))).toEqual(Array.from(optimisticCostTable(problem, 'mean')));
        expect(scheduleRows(peft(problem, { communication: 'link' }))).toEqual(scheduleRows(peft(problem)));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('on one processor the table is the longest remaining path and the makespan the total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(computeMetrics(problem, peft(problem)).makespan).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(peftPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('the reference PEFT itself', () => {
  it('reproduces the hand-worked table and schedule of peft.spec.ts', () => {
    // derivation in peft.spec.ts: OCT(a) = (6, 2), rank_oct (0, 4, 0), schedule c P [0,1), a Q [0,3), b Q [3,5)
    const example: DocumentProblem = {
      workflow: {
        tasks: [
          { id: 'c', costs: { P: 1, Q: 1 } },
          { id: 'a', costs: { P: 2, Q: 3 } },
          { id: 'b', costs: { P: 10, Q: 2 } },
        ],
        edges: [{ from: 'a', to: 'b', data: 4 }],
      },
      cluster: { processors: [{ id: 'P' }, { id: 'Q' }] },
    };
    const reference = referencePeft(example, 'mean');
    expect(reference.table.map((row) => row.map((x) => x.toNumber()))).toEqual([
      [0, 0],
      [6, 2],
      [0, 0],
    ]);
    expect(reference.rank.map((x) => x.toNumber())).toEqual([0, 4, 0]);
    expect(placementRows(reference.placements)).toEqual([
      [0, 0, 1],
      [1, 0, 3],
      [1, 3, 5],
    ]);
  });
});
