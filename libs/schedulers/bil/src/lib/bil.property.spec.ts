/**
 * Property tests of BIL against an independent, deliberately naive reference written from the paper (Oh & Ha 1996),
 * not from the implementation: it reads the documents only, computes in exact rationals,
 *   BIL(t, p) = E(t, p) + max over successors s of min over processors q of BIL(s, q) + c(t→s, p→q)  (c = 0 for q = p),
 * and at every step, with k ready tasks, BIM(t, p) = max(data ready, end of p's last task) + BIL(t, p):
 *  - the task whose BIM values, sorted, are lexicographically largest from the min(k, m)-th smallest on, then the
 *    lower index;
 *  - the processor of lowest BIM(t, p) + E(t, p)·max(k/m − 1, 0), ties to the highest sum of the other ready tasks'
 *    values, then the first listed.
 * Integer numbers and power-of-two speeds and bandwidths make every level and time exact in floating point.
 */
import { checkSchedule, compileProblem, runScheduler, toAssignments, type WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentModel, documentProblems, placementRows, Q, scheduleRows, type DocumentProblem, type Placement } from '@hetsched/scheduler-conformance';
import { bil } from './bil.js';
import { bilPlugin } from './bil-plugin.js';

function referenceLevels(model: DocumentModel): Q[][] {
  const memo = new Map<number, Q[]>();
  const levels = (t: number): Q[] => {
    const known = memo.get(t);
    if (known) return known;
    const m = model.processorCount;
    const value = Array.from({ length: m }, (_, p) => {
      let longest = Q.zero;
      for (const s of model.successors(t)) {
        const child = levels(s.task);
        let best = child[p]!;
        for (let q = 0; q < m; q++) best = best.min(child[q]!.plus(model.transfer(s.data, p, q)));
        longest = longest.max(best);
      }
      return model.cost(t, p).plus(longest);
    });
    memo.set(t, value);
    return value;
  };
  return Array.from({ length: model.taskCount }, (_, t) => levels(t));
}

/** Lexicographic comparison of a[from..] and b[from..]. */
const compareFrom = (a: Q[], b: Q[], from: number) => {
  for (let r = from; r < a.length; r++) if (a[r]!.cmp(b[r]!) !== 0) return a[r]!.cmp(b[r]!);
  return 0;
};

function referenceBil(problem: DocumentProblem): Placement[] {
  const model = new DocumentModel(problem);
  const { taskCount: n, processorCount: m } = model;
  const levels = referenceLevels(model);
  const placements: Placement[] = new Array(n);
  const free = new Array<Q>(m).fill(Q.zero);
  for (let step = 0; step < n; step++) {
    const ready = Array.from({ length: n }, (_, t) => t).filter((t) => !placements[t] && model.predecessors(t).every((e) => placements[e.task]));
    const k = ready.length;
    const bim = (t: number, p: number) => model.arrival(placements, t, p).max(free[p]!).plus(levels[t]![p]!);
    const sorted = (t: number) => Array.from({ length: m }, (_, p) => bim(t, p)).sort((a, b) => a.cmp(b));
    const from = Math.min(k, m) - 1;
    let t = ready[0]!;
    for (const u of ready.slice(1)) if (compareFrom(sorted(u), sorted(t), from) > 0) t = u;
    const factor = new Q(BigInt(k), BigInt(m)).minus(new Q(1n)).max(Q.zero);
    const revised = (u: number, p: number) => bim(u, p).plus(model.cost(u, p).times(factor));
    const othersOn = (p: number) => ready.filter((u) => u !== t).reduce((sum, u) => sum.plus(revised(u, p)), Q.zero);
    let p = 0;
    for (let q = 1; q < m; q++) {
      const c = revised(t, q).cmp(revised(t, p));
      if (c < 0 || (c === 0 && othersOn(q).cmp(othersOn(p)) > 0)) p = q;
    }
    const start = model.arrival(placements, t, p).max(free[p]!);
    placements[t] = { processor: p, start, finish: start.plus(model.cost(t, p)) };
    free[p] = placements[t]!.finish;
  }
  return placements;
}

const rowsOfBil = ({ workflow, cluster }: DocumentProblem) => scheduleRows(bil(compileProblem(workflow, cluster)));

/** The problem's tasks made into a chain in their listed order, with the given data volumes. */
const chains = documentProblems({ exact: true, maxTasks: 6, maxProcessors: 3 }).chain((problem) =>
  fc.array(fc.integer({ min: 0, max: 12 }), { minLength: problem.workflow.tasks.length, maxLength: problem.workflow.tasks.length }).map((data) => {
    const tasks = problem.workflow.tasks;
    const workflow: WorkflowSpec = { tasks, edges: tasks.slice(1).map((task, i) => ({ from: tasks[i]!.id, to: task.id, data: data[i]! })) };
    return { ...problem, workflow };
  }),
);

/** The shortest makespan of a chain, by trying every assignment of its tasks to processors. */
function bruteForceChain({ workflow, cluster }: DocumentProblem): number {
  const model = new DocumentModel({ workflow, cluster });
  const n = model.taskCount;
  const m = model.processorCount;
  let best: Q | undefined;
  for (let code = 0; code < m ** n; code++) {
    const assigned = Array.from({ length: n }, (_, t) => Math.floor(code / m ** t) % m);
    let length = Q.zero;
    for (let t = 0; t < n; t++) {
      length = length.plus(model.cost(t, assigned[t]!));
      if (t > 0) length = length.plus(model.transfer(workflow.edges[t - 1]!.data!, assigned[t - 1]!, assigned[t]!));
    }
    if (!best || length.cmp(best) < 0) best = length;
  }
  return best!.toNumber();
}

// Exact-arithmetic references are slow; a loaded machine can take several times the idle 1-3 s per property.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('BIL (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('equals the naive reference BIL: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 10, maxProcessors: 4 }), (problem) => {
        expect(rowsOfBil(problem)).toEqual(placementRows(referenceBil(problem)));
      }),
      { numRuns: 150 },
    );
  });

  it('equals the reference on wide graphs too (more ready tasks than processors)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, maxTasks: 14, maxProcessors: 3, edgeProbability: 1 / 12 }), (problem) => {
        expect(rowsOfBil(problem)).toEqual(placementRows(referenceBil(problem)));
      }),
      { numRuns: 100 },
    );
  });

  it('equals the reference when ties are everywhere (costs 0-3, latency 0-1)', () => {
    fc.assert(
      fc.property(documentProblems({ exact: true, tiny: true, maxTasks: 10, maxProcessors: 4 }), (problem) => {
        expect(rowsOfBil(problem)).toEqual(placementRows(referenceBil(problem)));
      }),
      { numRuns: 150 },
    );
  });

  it('is optimal on a chain, as the paper proves: makespan = the best of every assignment', () => {
    fc.assert(
      fc.property(chains, (problem) => {
        const rows = rowsOfBil(problem);
        expect(Math.max(0, ...rows.map(([, , finish]) => finish))).toBe(bruteForceChain(problem));
      }),
      { numRuns: 150 },
    );
  });

  it('every schedule passes the independent checker, with rounding-prone real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => documentProblems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, bil(problem))).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(documentProblems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(bilPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the reference BIL itself', () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way: the revised-BIM
  // example of bil.spec.ts, derived there by hand.
  it('gives the hand-derived schedule', () => {
    const placements = referenceBil({
      workflow: {
        tasks: [
          { id: 'h', costs: { p: 3, q: 30 } },
          { id: 'x', costs: { p: 1, q: 3 } },
          { id: 'y1', work: 1 },
          { id: 'y2', work: 1 },
          { id: 'y3', work: 1 },
        ],
        edges: [],
      },
      cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } },
    });
    expect(placementRows(placements)).toEqual([
      [0, 0, 3],
      [0, 3, 4],
      [1, 0, 1],
      [1, 1, 2],
      [1, 2, 3],
    ]);
  });
});
