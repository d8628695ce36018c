// Test support: fast-check arbitraries for random (workflow, cluster) documents, and an exact reading of the cost
// model straight from the documents (never from the compiled typed arrays) for the naive reference schedulers.
// Not exported by the package.
import type { ClusterSpec, LinkSpec, TaskSpec, WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { Q } from './exact.js';

export interface Problem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

export interface ProblemShape {
  /** Integers, and speeds and bandwidths powers of two, so every time a list scheduler computes is an exact double. */
  exact: boolean;
  maxTasks: number;
  maxProcessors: number;
  /** One latency and bandwidth for every pair of processors (no per-link overrides): mean costs stay exact. */
  uniformNetwork?: boolean;
}

/**
 * A random DAG over tasks t0..t(n-1) with edges only from a lower to a higher number (each with probability ~1/3),
 * listed in a shuffled order, as are the edges; tasks given by work, by per-processor costs or by both; per-link
 * latencies and bandwidths unless `uniformNetwork`.
 */
export function problems(shape: ProblemShape): fc.Arbitrary<Problem> {
  const amount = shape.exact
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) })
    : fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 30_000 }).map((x) => x / 1000) });
  const rate = shape.exact ? fc.constantFrom(0.5, 1, 2, 4, 8) : fc.integer({ min: 50, max: 4000 }).map((x) => x / 1000);
  const latency = shape.exact ? fc.integer({ min: 0, max: 6 }) : fc.integer({ min: 0, max: 6000 }).map((x) => x / 1000);
  const pairCount = (k: number) => (k * (k - 1)) / 2;
  return fc
    .record({ n: fc.integer({ min: 1, max: shape.maxTasks }), m: fc.integer({ min: 1, max: shape.maxProcessors }) })
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        edges: fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ data: fc.option(amount, { freq: 5 }) }) }), {
          minLength: pairCount(n),
          maxLength: pairCount(n),
        }),
        listing: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        edgeListing: fc.array(fc.nat(), { minLength: pairCount(n), maxLength: pairCount(n) }),
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
        links: shape.uniformNetwork
          ? fc.constant([])
          : fc.array(fc.option(fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }), flip: fc.boolean() }), { freq: 2 }), {
              minLength: pairCount(m),
              maxLength: pairCount(m),
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

/** A task placed by a reference scheduler, in exact arithmetic. */
export interface Placement {
  processor: number;
  start: Q;
  finish: Q;
}

export interface Edge {
  task: number;
  data: number;
}

/**
 * The cost model of docs/formats.md read from the documents in exact arithmetic, deliberately naive: a task of work w
 * takes w / speed unless its costs name the processor; a transfer between distinct processors takes
 * latency + data / bandwidth (a link's values, else the network's, else 0 and 1), on one processor nothing.
 */
export class ExactModel {
  readonly n: number;
  readonly m: number;
  private readonly index: Map<string, number>;
  // Memoised only for speed: each is the plain definition, computed once.
  private readonly predLists = new Map<number, Edge[]>();
  private readonly succLists = new Map<number, Edge[]>();
  private meanLink?: { latency: Q; bandwidth: Q };

  constructor(readonly problem: Problem) {
    this.n = problem.workflow.tasks.length;
    this.m = problem.cluster.processors.length;
    this.index = new Map(problem.workflow.tasks.map((t, i) => [t.id, i]));
  }

  cost(t: number, p: number): Q {
    const task = this.problem.workflow.tasks[t]!;
    const processor = this.problem.cluster.processors[p]!;
    if (task.costs && Object.hasOwn(task.costs, processor.id)) return Q.of(task.costs[processor.id]!);
    return Q.of(task.work!).over(Q.of(processor.speed ?? 1));
  }

  transfer(data: number, from: number, to: number): Q {
    if (from === to) return Q.zero;
    return this.latency(from, to).plus(Q.of(data).over(this.bandwidth(from, to)));
  }

  meanCost(t: number): Q {
    let sum = Q.zero;
    for (let p = 0; p < this.m; p++) sum = sum.plus(this.cost(t, p));
    return sum.over(new Q(BigInt(this.m)));
  }

  /** c̄ = L̄ + data / B̄, means over ordered pairs of distinct processors; 0 with one processor. */
  meanTransfer(data: number): Q {
    if (this.m < 2) return Q.zero;
    if (!this.meanLink) {
      let latencies = Q.zero;
      let bandwidths = Q.zero;
      for (let p = 0; p < this.m; p++) {
        for (let q = 0; q < this.m; q++) {
          if (p === q) continue;
          latencies = latencies.plus(this.latency(p, q));
          bandwidths = bandwidths.plus(this.bandwidth(p, q));
        }
      }
      const pairs = new Q(BigInt(this.m * (this.m - 1)));
      this.meanLink = { latency: latencies.over(pairs), bandwidth: bandwidths.over(pairs) };
    }
    return this.meanLink.latency.plus(Q.of(data).over(this.meanLink.bandwidth));
  }

  latency(p: number, q: number): Q {
    return Q.of(this.link(p, q)?.latency ?? this.problem.cluster.network?.latency ?? 0);
  }

  bandwidth(p: number, q: number): Q {
    return Q.of(this.link(p, q)?.bandwidth ?? this.problem.cluster.network?.bandwidth ?? 1);
  }

  private link(p: number, q: number) {
    const a = this.problem.cluster.processors[p]!.id;
    const b = this.problem.cluster.processors[q]!.id;
    return (this.problem.cluster.network?.links ?? []).find((l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a));
  }

  /** The edges into t, in document order. */
  preds(t: number): Edge[] {
    let list = this.predLists.get(t);
    if (!list) {
      const id = this.problem.workflow.tasks[t]!.id;
      list = this.problem.workflow.edges.filter((e) => e.to === id).map((e) => ({ task: this.index.get(e.from)!, data: e.data ?? 0 }));
      this.predLists.set(t, list);
    }
    return list;
  }

  /** The edges out of t, in document order. */
  succs(t: number): Edge[] {
    let list = this.succLists.get(t);
    if (!list) {
      const id = this.problem.workflow.tasks[t]!.id;
      list = this.problem.workflow.edges.filter((e) => e.from === id).map((e) => ({ task: this.index.get(e.to)!, data: e.data ?? 0 }));
      this.succLists.set(t, list);
    }
    return list;
  }

  /** rank_u(t) = w̄(t) + max over successors s of (c̄(t, s) + rank_u(s)), straight from the definition. */
  upwardRanks(): Q[] {
    const memo = new Map<number, Q>();
    const rank = (t: number): Q => {
      const known = memo.get(t);
      if (known) return known;
      let longest = Q.zero;
      for (const s of this.succs(t)) longest = longest.max(this.meanTransfer(s.data).plus(rank(s.task)));
      const value = this.meanCost(t).plus(longest);
      memo.set(t, value);
      return value;
    };
    return Array.from({ length: this.n }, (_, t) => rank(t));
  }

  /** rank_d(t) = max over predecessors q of (rank_d(q) + w̄(q) + c̄(q, t)); 0 for an entry task. */
  downwardRanks(): Q[] {
    const memo = new Map<number, Q>();
    const rank = (t: number): Q => {
      const known = memo.get(t);
      if (known) return known;
      let longest = Q.zero;
      for (const q of this.preds(t)) longest = longest.max(rank(q.task).plus(this.meanCost(q.task)).plus(this.meanTransfer(q.data)));
      memo.set(t, longest);
      return longest;
    };
    return Array.from({ length: this.n }, (_, t) => rank(t));
  }

  /** A ready list: the highest priority among tasks whose predecessors are all listed, ties by input order. */
  readyListOrder(priority: readonly Q[]): number[] {
    const order: number[] = [];
    const listed = new Set<number>();
    while (order.length < this.n) {
      let best = -1;
      for (let t = 0; t < this.n; t++) {
        if (listed.has(t) || this.preds(t).some((q) => !listed.has(q.task))) continue;
        if (best === -1 || priority[t]!.cmp(priority[best]!) > 0) best = t;
      }
      listed.add(best);
      order.push(best);
    }
    return order;
  }

  /** When t's inputs are all on processor p, from the placed predecessors (the others are skipped). */
  arrival(t: number, p: number, placements: readonly (Placement | undefined)[]): Q {
    let ready = Q.zero;
    for (const q of this.preds(t)) {
      const parent = placements[q.task];
      if (parent) ready = ready.max(parent.finish.plus(this.transfer(q.data, parent.processor, p)));
    }
    return ready;
  }

  /**
   * The earliest start >= ready at which a task of `duration` meets none of the busy intervals on its processor,
   * by trying every candidate (the ready time, every finish after it). [c, c + d) conflicts with [s, f) when
   * c < f and s < c + d, so a zero-length task is a point that nothing may run across.
   */
  static earliestStart(busy: readonly Placement[], ready: Q, duration: Q): Q {
    const candidates = [ready, ...busy.map((b) => b.finish).filter((f) => f.cmp(ready) >= 0)].sort((a, b) => a.cmp(b));
    return candidates.find((c) => busy.every((b) => !(c.lt(b.finish) && b.start.lt(c.plus(duration)))))!;
  }

  /** Earliest start and finish of t on p with insertion, among the placements given. */
  placeOn(t: number, p: number, placements: readonly (Placement | undefined)[]): Placement {
    const busy = placements.filter((x): x is Placement => x !== undefined && x.processor === p);
    const start = ExactModel.earliestStart(busy, this.arrival(t, p, placements), this.cost(t, p));
    return { processor: p, start, finish: start.plus(this.cost(t, p)) };
  }

  /** Earliest finish over all processors with insertion, ties to the processor listed first. */
  placeEarliestFinish(t: number, placements: readonly (Placement | undefined)[]): Placement {
    let chosen: Placement | undefined;
    for (let p = 0; p < this.m; p++) {
      const candidate = this.placeOn(t, p, placements);
      if (!chosen || candidate.finish.lt(chosen.finish)) chosen = candidate;
    }
    return chosen!;
  }
}

/** A schedule's rows [processor, start, finish] per task, for comparing with a reference's placements. */
export function rowsOf(schedule: { processorOf: Int32Array; start: Float64Array; finish: Float64Array }): number[][] {
  return Array.from(schedule.processorOf, (p, t) => [p, schedule.start[t]!, schedule.finish[t]!]);
}

export function placementRows(placements: readonly Placement[]): number[][] {
  return placements.map((x) => [x.processor, x.start.toNumber(), x.finish.toNumber()]);
}
