/**
 * Property tests of FLB against an independent, deliberately naive reference written from the paper (Radulescu & van
 * Gemund 1999/2002), not from the implementation: it reads the documents only, computes in exact rationals and,
 * instead of maintaining lists, re-derives everything at every step: each ready task's enabling processor and LMT
 * (its latest finish(q) + c̄ message, ties to the lower processor index), whether it is an EP task (LMT >= PRT(EP)),
 * the first EP task of each processor (by EMT, then rank, then index), the first active processor (by that task's
 * start, then its rank and index), the first non-EP task (by LMT, then rank, then index) and the idle processor; then
 * it takes the earlier start, ties to the EP task. Integer numbers and power-of-two speeds and bandwidths make every
 * start, finish and estimate comparison exact in floating point; problems where two distinct ranks are nearly equal
 * are left out.
 */
import { checkSchedule, compileProblem, runScheduler, toAssignments } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayedStarts, DocumentModel, documentProblems, hasNearTie, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { flb } from './flb.js';
import { flbPlugin } from './flb-plugin.js';
import { handWorked } from '../testing/hand-worked.js';

interface Candidate {
  t: number;
  p: number;
  start: Q;
}

function referenceFlb(problem: DocumentProblem): { ranks: Q[]; placements: Placement[]; steps: { chosen: Q; earliest: Q }[] } {
  const model = new DocumentModel(problem);
  const { taskCount: n, processorCount: m } = model;
  const ranks = model.levels(
    (t) => model.meanCost(t),
    (data) => model.meanTransfer(data),
  );
  const placements: Placement[] = new Array(n);
  const free = new Array<Q>(m).fill(Q.zero);
  const steps: { chosen: Q; earliest: Q }[] = [];
  // a before b: smaller `first`, then higher rank, then lower index
  const before = (first: (t: number) => Q) => (a: number, b: number) => first(a).cmp(first(b)) || ranks[b]!.cmp(ranks[a]!) || a - b;
  for (let step = 0; step < n; step++) {
    const ready = Array.from({ length: n }, (_, t) => t).filter((t) => !placements[t] && model.predecessors(t).every((e) => placements[e.task]));
    const emt = (t: number, p: number) => model.arrival(placements, t, p);
    const message = new Map<number, { ep: number; lmt: Q }>();
    for (const t of ready) {
      let ep = -1;
      let lmt = Q.zero;
      for (const { task, data } of model.predecessors(t)) {
        const at = placements[task]!.finish.plus(model.meanTransfer(data));
        const from = placements[task]!.processor;
        if (ep < 0 || at.cmp(lmt) > 0 || (at.cmp(lmt) === 0 && from < ep)) [ep, lmt] = [from, at];
      }
      message.set(t, { ep, lmt });
    }
    const isEpTask = (t: number) => message.get(t)!.ep >= 0 && message.get(t)!.lmt.cmp(free[message.get(t)!.ep]!) >= 0;
    let epCandidate: Candidate | undefined;
    for (let p = 0; p < m; p++) {
      const mine = ready.filter((t) => isEpTask(t) && message.get(t)!.ep === p).sort(before((t) => emt(t, p)));
      if (mine.length === 0) continue;
      const candidate = { t: mine[0]!, p, start: emt(mine[0]!, p).max(free[p]!) };
      if (!epCandidate || candidate.start.cmp(epCandidate.start) < 0 || (candidate.start.cmp(epCandidate.start) === 0 && before(() => Q.zero)(candidate.t, epCandidate.t) < 0)) {
        epCandidate = candidate;
      }
    }
    const nonEp = ready.filter((t) => !isEpTask(t)).sort(before((t) => message.get(t)!.lmt));
    const idle = free.reduce((best, f, p) => (f.cmp(free[best]!) < 0 ? p : best), 0);
    const nonEpCandidate = nonEp.length > 0 ? { t: nonEp[0]!, p: idle, start: emt(nonEp[0]!, idle).max(free[idle]!) } : undefined;
    const { t, p, start } = !nonEpCandidate || (epCandidate && epCandidate.start.cmp(nonEpCandidate.start) <= 0) ? epCandidate! : nonEpCandidate;
    const earliest = ready.flatMap((u) => Array.from({ length: m }, (_, q) => emt(u, q).max(free[q]!))).reduce((a, b) => a.min(b));
    steps.push({ chosen: start, earliest });
    placements[t] = { processor: p, start, finish: start.plus(model.cost(t, p)) };
    free[p] = placements[t]!.finish;
  }
  return { ranks, placements, steps };
}

const rowsOfFlb = ({ workflow, cluster }: DocumentProblem) => scheduleRows(flb(compileProblem(workflow, cluster)));

const matchesReference = (problem: DocumentProblem) => {
  const reference = referenceFlb(problem);
  fc.pre(!hasNearTie(reference.ranks));
  expect(rowsOfFlb(problem)).toEqual(placementRows(reference.placements));
};

const TIED_ACTIVE_PROCESSORS: DocumentProblem = {"workflow":{"tasks":[{"id":"t10","work":1},{"id":"t4","costs":{"p0":3,"p1":1,"p2":3}},{"id":"t7","work":0},{"id":"t2","costs":{"p0":1,"p1":0,"p2":2}},{"id":"t1","work":0},{"id":"t11","work":1},{"id":"t5","work":0},{"id":"t0","work":0},{"id":"t9","work":0},{"id":"t3","costs":{"p0":2,"p1":2,"p2":0}},{"id":"t6","work":0},{"id":"t8","work":0}],"edges":[{"from":"t0","to":"t1"},{"from":"t0","to":"t4"},{"from":"t1","to":"t2","data":2},{"from":"t1","to":"t3"},{"from":"t1","to":"t7"},{"from":"t1","to":"t10"},{"from":"t2","to":"t3"},{"from":"t2","to":"t6"},{"from":"t3","to":"t5"},{"from":"t4","to":"t5"},{"from":"t4","to":"t8"},{"from":"t5","to":"t10"},{"from":"t6","to":"t10"},{"from":"t7","to":"t8"},{"from":"t7","to":"t10","data":1},{"from":"t9","to":"t11"}]},"cluster":{"processors":[{"id":"p0"},{"id":"p1"},{"id":"p2"}],"network":{"links":[{"between":["p0","p2"],"bandwidth":2}]}}};

// Exact-arithmetic references are slow; a loaded machine can take several times the idle 1-3 s per property.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('FLB (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('equals the naive reference FLB: same processor, start and finish for every task', () => {
    fc.assert(fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), matchesReference), { numRuns: 200 });
  });

  it('equals the reference with links all alike (the paper’s model)', () => {
    fc.assert(fc.property(documentProblems({ exact: true, uniformLinks: true, maxTasks: 12, maxProcessors: 5 }), matchesReference), { numRuns: 100 });
  });

  it('equals the reference on wide graphs too (many ready tasks per step, few edges)', () => {
    fc.assert(fc.property(documentProblems({ exact: true, maxTasks: 16, maxProcessors: 4, edgeProbability: 1 / 12 }), matchesReference), { numRuns: 100 });
  });

  it('equals the reference when ties are everywhere (costs 0-3, latency 0-1)', () => {
    fc.assert(fc.property(documentProblems({ exact: true, tiny: true, maxTasks: 12, maxProcessors: 4 }), matchesReference), { numRuns: 200 });
  });

  it('equals the reference on a case where only the tie rule between active processors decides', () => {
    // Found by a 5000-run search: two processors' first EP tasks start together, and zero-length tasks make the
    // order between them visible. Rare in random problems, so pinned here.
    matchesReference(TIED_ACTIVE_PROCESSORS);
  });

  it('every schedule passes the independent checker, with rounding-prone real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, flb(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never idles a processor without cause: each task starts at max(data ready, end of the task before it there)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 5 }), (problem) => {
        expect(delayedStarts(problem, rowsOfFlb(problem))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('on one processor it runs everything back to back: makespan = total cost', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(Math.max(0, ...flb(problem).finish)).toBe(problem.cost.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(flbPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the reference FLB itself', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way.
  it('gives the hand-derived schedule of flb.spec.ts', () => {
    expect(placementRows(referenceFlb(handWorked).placements)).toEqual([
      [1, 0, 3],
      [0, 0, 2],
      [0, 2, 4],
      [0, 4, 7],
      [1, 3, 4],
    ]);
  });

  it('takes ETF’s earliest start over every ready task and processor at each step when links are all alike, as the paper proves', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, uniformLinks: true, maxTasks: 10, maxProcessors: 4 }), (problem) => {
        for (const { chosen, earliest } of referenceFlb(problem).steps) expect(chosen.cmp(earliest)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});
