/**
 * Property tests of HEFT against an independent, deliberately naive reference written from the paper
 * (Topcuoglu, Hariri & Wu, IEEE TPDS 13(3), 2002), not from the implementation:
 *  - it reads the documents only (never the compiled typed arrays),
 *  - computes ranks in exact rational arithmetic (BigInt fractions) straight from the definition
 *      rank_u(t) = w̄(t) + max over successors s of (c̄(t, s) + rank_u(s)),  c̄ = L̄ + data / B̄,
 *    with w̄ the mean cost over processors and L̄, B̄ means over ordered pairs of distinct processors,
 *  - orders by decreasing rank with ties by input order (a ready list, so that a zero-cost successor tying its
 *    predecessor still comes after it),
 *  - and places each task on the processor of earliest finish time with insertion, ties to the processor listed
 *    first, finding the earliest start by trying every candidate start (the ready time, every finish after it).
 * Numbers are integers, and speeds and bandwidths powers of two, so every time is exact in floating point and
 * the implementation must match the reference exactly, whenever no two distinct ranks are nearly equal. The exact
 * rationals (Q) and the near-tie test are the conformance lib's, shared with the other schedulers' references.
 */
import {
  checkSchedule,
  compileProblem,
  bestSequentialTime,
  computeMetrics,
  criticalPathMinimum,
  runScheduler,
  toAssignments,
  type ClusterSpec,
  type LinkSpec,
  type TaskSpec,
  type WorkflowSpec,
} from '@hetsched/core';
import fc from 'fast-check';
import { hasNearTie, Q } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { heft } from './heft.js';
import { heftPlugin } from './heft-plugin.js';

// ---------------------------------------------------------------- random problems

interface Problem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

function problems(options: { exact: boolean; maxTasks: number; maxProcessors: number }): fc.Arbitrary<Problem> {
  const amount = options.exact
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) })
    : fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 30_000 }).map((x) => x / 1000) });
  const rate = options.exact ? fc.constantFrom(0.5, 1, 2, 4, 8) : fc.integer({ min: 50, max: 4000 }).map((x) => x / 1000);
  const latency = options.exact ? fc.integer({ min: 0, max: 6 }) : fc.integer({ min: 0, max: 6000 }).map((x) => x / 1000);
  return fc
    .record({ n: fc.integer({ min: 1, max: options.maxTasks }), m: fc.integer({ min: 1, max: options.maxProcessors }) })
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        // edge i -> j (i < j) present with probability ~1/3, with optional data
        edges: fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ data: fc.option(amount, { freq: 5 }) }) }), {
          minLength: (n * (n - 1)) / 2,
          maxLength: (n * (n - 1)) / 2,
        }),
        // listing order of the tasks in the document: not topological in general
        listing: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        edgeListing: fc.array(fc.nat(), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
        tasks: fc.array(
          fc.record({
            mode: fc.constantFrom('work', 'costs', 'both'),
            work: amount,
            costs: fc.array(fc.option(amount, { freq: 3 }), { minLength: m, maxLength: m }),
          }),
          { minLength: n, maxLength: n },
        ),
        speeds: fc.array(fc.option(rate, { freq: 3 }), { minLength: m, maxLength: m }),
        network: fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }) }),
        links: fc.array(fc.option(fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }), flip: fc.boolean() }), { freq: 2 }), {
          minLength: (m * (m - 1)) / 2,
          maxLength: (m * (m - 1)) / 2,
        }),
      }),
    )
    .map((g) => {
      const pids = Array.from({ length: g.m }, (_, p) => `p${p}`);
      const tasks: TaskSpec[] = g.listing.map((i) => {
        const spec = g.tasks[i]!;
        const full = Object.fromEntries(pids.map((id, p) => [id, spec.costs[p] ?? spec.work]));
        const partial = Object.fromEntries(pids.flatMap((id, p) => (spec.costs[p] === null ? [] : [[id, spec.costs[p]!]])));
        if (spec.mode === 'work') return { id: `t${i}`, work: spec.work };
        if (spec.mode === 'costs') return { id: `t${i}`, costs: full };
        return { id: `t${i}`, work: spec.work, costs: partial };
      });
      const edges: { from: string; to: string; data?: number; key: number }[] = [];
      let k = 0;
      for (let i = 0; i < g.n; i++) {
        for (let j = i + 1; j < g.n; j++, k++) {
          const e = g.edges[k];
          if (e === null || e === undefined) continue;
          edges.push({ from: `t${i}`, to: `t${j}`, ...(e.data === null ? {} : { data: e.data }), key: g.edgeListing[k]! });
        }
      }
      edges.sort((a, b) => a.key - b.key);
      const links: LinkSpec[] = [];
      k = 0;
      for (let p = 0; p < g.m; p++) {
        for (let q = p + 1; q < g.m; q++, k++) {
          const l = g.links[k];
          if (!l) continue;
          links.push({
            between: l.flip ? [pids[q]!, pids[p]!] : [pids[p]!, pids[q]!],
            ...(l.latency === null ? {} : { latency: l.latency }),
            ...(l.bandwidth === null ? {} : { bandwidth: l.bandwidth }),
          });
        }
      }
      return {
        workflow: { tasks, edges: edges.map(({ key: _, ...e }) => e) },
        cluster: {
          processors: pids.map((id, p) => (g.speeds[p] === null ? { id } : { id, speed: g.speeds[p]! })),
          network: {
            ...(g.network.latency === null ? {} : { latency: g.network.latency }),
            ...(g.network.bandwidth === null ? {} : { bandwidth: g.network.bandwidth }),
            links,
          },
        },
      };
    });
}

// ---------------------------------------------------------------- the reference HEFT

interface Placement {
  processor: number;
  start: Q;
  finish: Q;
}

function referenceHeft({ workflow, cluster }: Problem): { ranks: Q[]; order: number[]; placements: Placement[] } {
  const tasks = workflow.tasks;
  const procs = cluster.processors;
  const m = procs.length;
  const network = cluster.network ?? {};
  const link = (a: string, b: string) => (network.links ?? []).find((l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a));
  const latencyOf = (a: string, b: string) => Q.of(link(a, b)?.latency ?? network.latency ?? 0);
  const bandwidthOf = (a: string, b: string) => Q.of(link(a, b)?.bandwidth ?? network.bandwidth ?? 1);
  const cost = (task: TaskSpec, p: number): Q => {
    const id = procs[p]!.id;
    if (task.costs && Object.hasOwn(task.costs, id)) return Q.of(task.costs[id]!);
    return Q.of(task.work!).over(Q.of(procs[p]!.speed ?? 1));
  };

  // mean latency and bandwidth over ordered pairs of distinct processors
  let latencySum = Q.zero;
  let bandwidthSum = Q.zero;
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      if (p === q) continue;
      latencySum = latencySum.plus(latencyOf(procs[p]!.id, procs[q]!.id));
      bandwidthSum = bandwidthSum.plus(bandwidthOf(procs[p]!.id, procs[q]!.id));
    }
  }
  const pairs = new Q(BigInt(m * (m - 1)));
  const meanComm = (data: number): Q => (m > 1 ? latencySum.over(pairs).plus(Q.of(data).over(bandwidthSum.over(pairs))) : Q.zero);
  const meanCost = (task: TaskSpec): Q => {
    let sum = Q.zero;
    for (let p = 0; p < m; p++) sum = sum.plus(cost(task, p));
    return sum.over(new Q(BigInt(m)));
  };

  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const memo = new Map<number, Q>();
  const rank = (t: number): Q => {
    const known = memo.get(t);
    if (known) return known;
    let longest = Q.zero;
    for (const e of workflow.edges) {
      if (e.from !== tasks[t]!.id) continue;
      longest = longest.max(meanComm(e.data ?? 0).plus(rank(index.get(e.to)!)));
    }
    const value = meanCost(tasks[t]!).plus(longest);
    memo.set(t, value);
    return value;
  };
  const ranks = tasks.map((_, t) => rank(t));

  // ready list: highest rank among tasks whose predecessors are all listed, ties by input order
  const order: number[] = [];
  const listed = new Set<number>();
  while (order.length < tasks.length) {
    let best = -1;
    for (let t = 0; t < tasks.length; t++) {
      if (listed.has(t)) continue;
      if (workflow.edges.some((e) => e.to === tasks[t]!.id && !listed.has(index.get(e.from)!))) continue;
      if (best === -1 || ranks[t]!.cmp(ranks[best]!) > 0) best = t;
    }
    listed.add(best);
    order.push(best);
  }

  // earliest finish time with insertion
  const placements: Placement[] = new Array(tasks.length);
  for (const t of order) {
    let chosen: Placement | undefined;
    for (let p = 0; p < m; p++) {
      let ready = Q.zero;
      for (const e of workflow.edges) {
        if (e.to !== tasks[t]!.id) continue;
        const parent = placements[index.get(e.from)!]!;
        const transfer =
          parent.processor === p ? Q.zero : latencyOf(procs[parent.processor]!.id, procs[p]!.id).plus(Q.of(e.data ?? 0).over(bandwidthOf(procs[parent.processor]!.id, procs[p]!.id)));
        ready = ready.max(parent.finish.plus(transfer));
      }
      const duration = cost(tasks[t]!, p);
      const busy = placements.filter((x) => x !== undefined && x.processor === p);
      const candidates = [ready, ...busy.map((b) => b.finish).filter((f) => f.cmp(ready) >= 0)].sort((a, b) => a.cmp(b));
      // [c, c + d) conflicts with [s, f) when c < f and s < c + d (a zero-length task is a point)
      const start = candidates.find((c) => busy.every((b) => !(c.cmp(b.finish) < 0 && b.start.cmp(c.plus(duration)) < 0)))!;
      const finish = start.plus(duration);
      if (!chosen || finish.cmp(chosen.finish) < 0) chosen = { processor: p, start, finish };
    }
    placements[t] = chosen!;
  }
  return { ranks, order, placements };
}


// ---------------------------------------------------------------- properties

describe('HEFT (property)', () => {
  it('equals the naive reference HEFT: same processor, start and finish for every task', () => {
    fc.assert(
      fc.property(problems({ exact: true, maxTasks: 12, maxProcessors: 6 }), (problem) => {
        const reference = referenceHeft(problem);
        fc.pre(!hasNearTie(reference.ranks));
        const compiled = compileProblem(problem.workflow, problem.cluster);
        const schedule = heft(compiled);
        const actual = problem.workflow.tasks.map((_, t) => [schedule.processorOf[t], schedule.start[t], schedule.finish[t]]);
        const expected = reference.placements.map((x) => [x.processor, x.start.toNumber(), x.finish.toNumber()]);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('every schedule passes the independent checker, with rounding-prone real numbers too', () => {
    fc.assert(
      fc.property(fc.boolean().chain((exact) => problems({ exact, maxTasks: 14, maxProcessors: 8 })), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const check = checkSchedule(workflow, cluster, toAssignments(problem, heft(problem)));
        expect(check.violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('makespan >= CP_MIN, SLR >= 1, utilisation in [0, 1], efficiency > 0 when some work is unavoidable', () => {
    fc.assert(
      fc.property(problems({ exact: false, maxTasks: 12, maxProcessors: 8 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const metrics = computeMetrics(problem, heft(problem));
        const cpMin = criticalPathMinimum(problem);
        expect(metrics.makespan).toBeGreaterThanOrEqual(cpMin * (1 - 1e-12));
        if (cpMin > 0) expect(metrics.slr).toBeGreaterThanOrEqual(1 - 1e-12);
        for (const u of Object.values(metrics.utilisation)) {
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThanOrEqual(1 + 1e-12);
        }
        // not `makespan > 0`: zero-cost tasks kept apart by latency give makespan > 0 with nothing to run
        if (bestSequentialTime(problem) > 0) expect(metrics.efficiency).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('on one processor it runs everything back to back: makespan = total cost, speedup 1', () => {
    fc.assert(
      fc.property(problems({ exact: true, maxTasks: 12, maxProcessors: 1 }), ({ workflow, cluster }) => {
        const problem = compileProblem(workflow, cluster);
        const metrics = computeMetrics(problem, heft(problem));
        const total = problem.cost.reduce((a, b) => a + b, 0);
        expect(metrics.makespan).toBe(total);
        expect(metrics.speedup).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it('doubling every cost, latency and data volume doubles every time and changes no processor', () => {
    fc.assert(
      fc.property(problems({ exact: true, maxTasks: 10, maxProcessors: 5 }), ({ workflow, cluster }) => {
        const twice = (x: number | undefined) => (x === undefined ? undefined : 2 * x);
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
            ...(network.latency === undefined ? {} : { latency: twice(network.latency) }),
            links: (network.links ?? []).map((l) => ({ ...l, ...(l.latency === undefined ? {} : { latency: twice(l.latency) }) })),
          },
        };
        const a = heft(compileProblem(workflow, cluster));
        const b = heft(compileProblem(scaledWorkflow, scaledCluster));
        expect(Array.from(b.processorOf)).toEqual(Array.from(a.processorOf));
        expect(Array.from(b.start)).toEqual(Array.from(a.start, (x) => 2 * x));
        expect(Array.from(b.finish)).toEqual(Array.from(a.finish, (x) => 2 * x));
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the names of tasks and processors, and is deterministic', () => {
    fc.assert(
      fc.property(problems({ exact: false, maxTasks: 10, maxProcessors: 5 }), ({ workflow, cluster }) => {
        const task = (id: string) => `task:${id.split('').reverse().join('')}`;
        const proc = (id: string) => `node ${id}!`;
        const renamed: Problem = {
          workflow: {
            tasks: workflow.tasks.map((t) => ({
              ...t,
              id: task(t.id),
              ...(t.costs ? { costs: Object.fromEntries(Object.entries(t.costs).map(([k, v]) => [proc(k), v])) } : {}),
            })),
            edges: workflow.edges.map((e) => ({ ...e, from: task(e.from), to: task(e.to) })),
          },
          cluster: {
            processors: cluster.processors.map((p) => ({ ...p, id: proc(p.id) })),
            network: { ...cluster.network, links: (cluster.network?.links ?? []).map((l) => ({ ...l, between: [proc(l.between[0]), proc(l.between[1])] as [string, string] })) },
          },
        };
        const original = heft(compileProblem(workflow, cluster));
        const again = heft(compileProblem(structuredClone(workflow), structuredClone(cluster)));
        const other = heft(compileProblem(renamed.workflow, renamed.cluster));
        for (const s of [again, other]) {
          expect(Array.from(s.processorOf)).toEqual(Array.from(original.processorOf));
          expect(Array.from(s.start)).toEqual(Array.from(original.start));
          expect(Array.from(s.finish)).toEqual(Array.from(original.finish));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('runs through the plugin contract on random problems without the checker objecting', async () => {
    await fc.assert(
      fc.asyncProperty(problems({ exact: false, maxTasks: 10, maxProcessors: 4 }), async ({ workflow, cluster }) => {
        const run = await runScheduler(heftPlugin, compileProblem(workflow, cluster));
        expect(run.assignments).toHaveLength(workflow.tasks.length);
        expect(run.makespan).toBe(Math.max(0, ...run.assignments.map((a) => a.finish)));
      }),
      { numRuns: 50 },
    );
  });
});

describe('the reference HEFT itself', () => {
  // Guard against a reference that agrees with the implementation by being wrong the same way: check it on the
  // paper's example, whose schedule (makespan 80) and upward ranks are published.
  const costs = [
    [14, 16, 9],
    [13, 19, 18],
    [11, 13, 19],
    [13, 8, 17],
    [12, 13, 10],
    [13, 16, 9],
    [7, 15, 11],
    [5, 11, 14],
    [18, 12, 20],
    [21, 7, 16],
  ];
  const edges = [
    [1, 2, 18],
    [1, 3, 12],
    [1, 4, 9],
    [1, 5, 11],
    [1, 6, 14],
    [2, 8, 19],
    [2, 9, 16],
    [3, 7, 23],
    [4, 8, 27],
    [4, 9, 23],
    [5, 9, 13],
    [6, 8, 15],
    [7, 10, 17],
    [8, 10, 11],
    [9, 10, 13],
  ];
  const paper: Problem = {
    workflow: {
      tasks: costs.map(([a, b, c], i) => ({ id: `n${i + 1}`, costs: { p1: a!, p2: b!, p3: c! } })),
      edges: edges.map(([a, b, data]) => ({ from: `n${a}`, to: `n${b}`, data: data! })),
    },
    cluster: { processors: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }] },
  };

  it('reproduces the published ranks, order and makespan of the paper example', () => {
    const { ranks, order, placements } = referenceHeft(paper);
    expect(ranks.map((r) => Math.round(r.toNumber() * 1000) / 1000)).toEqual([108, 77, 80, 80, 69, 63.333, 42.667, 35.667, 44.333, 14.667]);
    expect(order.map((t) => `n${t + 1}`)).toEqual(['n1', 'n3', 'n4', 'n2', 'n5', 'n6', 'n9', 'n7', 'n8', 'n10']);
    expect(Math.max(...placements.map((p) => p.finish.toNumber()))).toBe(80);
    // n1 on P3 over [0, 9), as in the paper's Fig. 4(a)
    expect([placements[0]!.processor, placements[0]!.start.toNumber(), placements[0]!.finish.toNumber()]).toEqual([2, 0, 9]);
  });

  // a -> b with data 8 over latency 1, bandwidth 2; c independent and last by rank.
  const small = (c: { x: number; y: number }): Problem => ({
    workflow: {
      tasks: [{ id: 'a', costs: { x: 2, y: 100 } }, { id: 'b', costs: { x: 100, y: 2 } }, { id: 'c', costs: c }],
      edges: [{ from: 'a', to: 'b', data: 8 }],
    },
    cluster: { processors: [{ id: 'x' }, { id: 'y' }], network: { latency: 1, bandwidth: 2 } },
  });
  const rows = (problem: Problem) => referenceHeft(problem).placements.map((p) => [p.processor, p.start.toNumber(), p.finish.toNumber()]);

  it('inserts into an idle gap', () => {
    // b waits on y for a's data until 2 + 1 + 8 / 2 = 7; c (3 anywhere) finishes at 5 on x, at 3 in y's gap [0, 7)
    expect(rows(small({ x: 3, y: 3 }))).toEqual([
      [0, 0, 2],
      [1, 7, 9],
      [1, 0, 3],
    ]);
  });

  it('breaks a finish-time tie towards the processor listed first', () => {
    // c finishes at 3 on x (after a) and at 3 on y (in the gap): x comes first
    expect(rows(small({ x: 1, y: 3 }))[2]).toEqual([0, 2, 3]);
  });
});
