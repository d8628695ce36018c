/**
 * Test support, not part of the built lib: random problems whose every time is exact in binary floating point, exact
 * rationals, and the cost model read straight from the documents (never from the compiled typed arrays), for the
 * naive references the property specs compare the implementation with.
 */
import type { ClusterSpec, LinkSpec, TaskSpec, WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';

export interface Problem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

export interface ProblemShape {
  maxTasks: number;
  maxProcessors: number;
  /**
   * true: integer costs, work, data and latencies, speeds and bandwidths powers of two, so every start and finish a
   * list scheduler computes is exact in floating point. false: decimal fractions, with rounding noise.
   */
  exact: boolean;
  /** Every pair of processors linked alike (the network defaults only, no per-link overrides). */
  uniformLinks?: boolean;
  /** Probability of an edge between two tasks (default 1/3). */
  edgeProbability?: number;
  /** Exact numbers from a tiny range (costs 0-3, latency 0-1, rates 1 or 2), so that ties are everywhere. */
  tiny?: boolean;
}

/** Random (workflow, cluster) pairs: a DAG over t0..t(n-1), tasks and edges listed in shuffled order. */
export function randomProblems(shape: ProblemShape): fc.Arbitrary<Problem> {
  const { amount, rate, latency } = numbers(shape);
  const edgeWeight = Math.round((shape.edgeProbability ?? 1 / 3) * 12);
  return fc
    .record({ n: fc.integer({ min: 1, max: shape.maxTasks }), m: fc.integer({ min: 1, max: shape.maxProcessors }) })
    .chain(({ n, m }) => {
      const pairs = (n * (n - 1)) / 2;
      const linkPairs = shape.uniformLinks ? 0 : (m * (m - 1)) / 2;
      return fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        edges: fc.array(
          fc.oneof({ weight: 12 - edgeWeight, arbitrary: fc.constant(null) }, { weight: edgeWeight, arbitrary: fc.record({ data: fc.option(amount, { freq: 5 }), key: fc.nat() }) }),
          { minLength: pairs, maxLength: pairs },
        ),
        listing: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        tasks: fc.array(
          fc.record({ mode: fc.constantFrom('work', 'costs', 'both'), work: amount, costs: fc.array(fc.option(amount, { freq: 3 }), { minLength: m, maxLength: m }) }),
          { minLength: n, maxLength: n },
        ),
        speeds: fc.array(fc.option(rate, { freq: 3 }), { minLength: m, maxLength: m }),
        network: fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }) }),
        links: fc.array(fc.option(fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }), flip: fc.boolean() }), { freq: 2 }), {
          minLength: linkPairs,
          maxLength: linkPairs,
        }),
      });
    })
    .map(toProblem);
}

function numbers(shape: ProblemShape) {
  if (shape.tiny) return { amount: fc.integer({ min: 0, max: 3 }), rate: fc.constantFrom(1, 2), latency: fc.integer({ min: 0, max: 1 }) };
  if (shape.exact) {
    return {
      amount: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) }),
      rate: fc.constantFrom(0.5, 1, 2, 4, 8),
      latency: fc.integer({ min: 0, max: 6 }),
    };
  }
  return {
    amount: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 30_000 }).map((x) => x / 1000) }),
    rate: fc.integer({ min: 50, max: 4000 }).map((x) => x / 1000),
    latency: fc.integer({ min: 0, max: 6000 }).map((x) => x / 1000),
  };
}

interface Generated {
  n: number;
  m: number;
  edges: ({ data: number | null; key: number } | null)[];
  listing: number[];
  tasks: { mode: string; work: number; costs: (number | null)[] }[];
  speeds: (number | null)[];
  network: { latency: number | null; bandwidth: number | null };
  links: ({ latency: number | null; bandwidth: number | null; flip: boolean } | null)[];
}

function toProblem(g: Generated): Problem {
  const ids = Array.from({ length: g.m }, (_, p) => `p${p}`);
  const tasks: TaskSpec[] = g.listing.map((i) => {
    const spec = g.tasks[i]!;
    if (spec.mode === 'work') return { id: `t${i}`, work: spec.work };
    if (spec.mode === 'costs') return { id: `t${i}`, costs: Object.fromEntries(ids.map((id, p) => [id, spec.costs[p] ?? spec.work])) };
    return { id: `t${i}`, work: spec.work, costs: Object.fromEntries(ids.flatMap((id, p) => (spec.costs[p] === null ? [] : [[id, spec.costs[p]!]]))) };
  });
  const edges: { from: string; to: string; data?: number; key: number }[] = [];
  let k = 0;
  for (let i = 0; i < g.n; i++) {
    for (let j = i + 1; j < g.n; j++, k++) {
      const e = g.edges[k];
      if (e) edges.push({ from: `t${i}`, to: `t${j}`, ...(e.data === null ? {} : { data: e.data }), key: e.key });
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
        between: l.flip ? [ids[q]!, ids[p]!] : [ids[p]!, ids[q]!],
        ...(l.latency === null ? {} : { latency: l.latency }),
        ...(l.bandwidth === null ? {} : { bandwidth: l.bandwidth }),
      });
    }
  }
  const network = {
    ...(g.network.latency === null ? {} : { latency: g.network.latency }),
    ...(g.network.bandwidth === null ? {} : { bandwidth: g.network.bandwidth }),
    links,
  };
  return {
    workflow: { tasks, edges: edges.map(({ key: _, ...e }) => e) },
    cluster: { processors: ids.map((id, p) => (g.speeds[p] === null ? { id } : { id, speed: g.speeds[p]! })), network },
  };
}

// ---------------------------------------------------------------- exact rationals

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** An exact rational number. */
export class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    if (d === 0n) throw new RangeError('division by zero');
    const g = gcd(n, d) || 1n;
    const sign = d < 0n ? -1n : 1n;
    this.n = (sign * n) / g;
    this.d = (sign * d) / g;
  }
  /** The exact value of a finite double (every double is a dyadic rational). */
  static of(x: number): Q {
    let k = 0n;
    while (!Number.isInteger(x)) {
      x *= 2;
      k++;
    }
    return new Q(BigInt(x), 2n ** k);
  }
  static readonly zero = new Q(0n);
  plus(o: Q): Q {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Q): Q {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  over(o: Q): Q {
    return new Q(this.n * o.d, this.d * o.n);
  }
  cmp(o: Q): number {
    const x = this.n * o.d - o.n * this.d;
    return x < 0n ? -1 : x > 0n ? 1 : 0;
  }
  max(o: Q): Q {
    return this.cmp(o) >= 0 ? this : o;
  }
  min(o: Q): Q {
    return this.cmp(o) <= 0 ? this : o;
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
}

/** True when two distinct values are so close (relative 1e-9) that floating point could order them either way. */
export function hasNearTie(values: Q[]): boolean {
  const numbers = values.map((v) => v.toNumber());
  const scale = Math.max(1, ...numbers.map(Math.abs));
  for (let a = 0; a < values.length; a++) {
    for (let b = a + 1; b < values.length; b++) {
      if (values[a]!.cmp(values[b]!) !== 0 && Math.abs(numbers[a]! - numbers[b]!) <= 1e-9 * scale) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- the cost model, from the documents

/** Tasks and processors numbered in document order, times as exact rationals, as docs/formats.md defines them. */
export class DocumentModel {
  readonly taskCount: number;
  readonly processorCount: number;
  private readonly index: Map<string, number>;

  constructor(readonly problem: Problem) {
    this.taskCount = problem.workflow.tasks.length;
    this.processorCount = problem.cluster.processors.length;
    this.index = new Map(problem.workflow.tasks.map((t, i) => [t.id, i]));
  }

  cost(t: number, p: number): Q {
    const task = this.problem.workflow.tasks[t]!;
    const processor = this.problem.cluster.processors[p]!;
    if (task.costs && Object.hasOwn(task.costs, processor.id)) return Q.of(task.costs[processor.id]!);
    return Q.of(task.work!).over(Q.of(processor.speed ?? 1));
  }

  /** Transfer time of `data` from processor `from` to processor `to`: latency + data / bandwidth, 0 on one processor. */
  transfer(data: number, from: number, to: number): Q {
    if (from === to) return Q.zero;
    const { latency, bandwidth } = this.link(from, to);
    return latency.plus(Q.of(data).over(bandwidth));
  }

  /** HEFT's c̄: mean latency plus data over mean bandwidth, means over ordered pairs of distinct processors. */
  meanTransfer(data: number): Q {
    const m = this.processorCount;
    if (m < 2) return Q.zero;
    let latencySum = Q.zero;
    let bandwidthSum = Q.zero;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        if (p === q) continue;
        const { latency, bandwidth } = this.link(p, q);
        latencySum = latencySum.plus(latency);
        bandwidthSum = bandwidthSum.plus(bandwidth);
      }
    }
    const pairs = new Q(BigInt(m * (m - 1)));
    return latencySum.over(pairs).plus(Q.of(data).over(bandwidthSum.over(pairs)));
  }

  meanCost(t: number): Q {
    let sum = Q.zero;
    for (let p = 0; p < this.processorCount; p++) sum = sum.plus(this.cost(t, p));
    return sum.over(new Q(BigInt(this.processorCount)));
  }

  /** The median of t's execution times; for an even count the mean of the two middle ones. */
  medianCost(t: number): Q {
    const sorted = Array.from({ length: this.processorCount }, (_, p) => this.cost(t, p)).sort((a, b) => a.cmp(b));
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).over(new Q(2n));
  }

  predecessors(t: number): { task: number; data: number }[] {
    const id = this.problem.workflow.tasks[t]!.id;
    return this.problem.workflow.edges.filter((e) => e.to === id).map((e) => ({ task: this.index.get(e.from)!, data: e.data ?? 0 }));
  }

  successors(t: number): { task: number; data: number }[] {
    const id = this.problem.workflow.tasks[t]!.id;
    return this.problem.workflow.edges.filter((e) => e.from === id).map((e) => ({ task: this.index.get(e.to)!, data: e.data ?? 0 }));
  }

  /** level(t) = weight(t) + max over successors s of (edge(t, s) + level(s)), by memoised recursion. */
  levels(weight: (t: number) => Q, edge: (data: number) => Q): Q[] {
    const memo = new Map<number, Q>();
    const level = (t: number): Q => {
      const known = memo.get(t);
      if (known) return known;
      let longest = Q.zero;
      for (const s of this.successors(t)) longest = longest.max(edge(s.data).plus(level(s.task)));
      const value = weight(t).plus(longest);
      memo.set(t, value);
      return value;
    };
    return Array.from({ length: this.taskCount }, (_, t) => level(t));
  }

  private link(from: number, to: number): { latency: Q; bandwidth: Q } {
    const a = this.problem.cluster.processors[from]!.id;
    const b = this.problem.cluster.processors[to]!.id;
    const network = this.problem.cluster.network ?? {};
    const link = (network.links ?? []).find((l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a));
    return { latency: Q.of(link?.latency ?? network.latency ?? 0), bandwidth: Q.of(link?.bandwidth ?? network.bandwidth ?? 1) };
  }
}

/** A placed task in a reference schedule. */
export interface Placement {
  processor: number;
  start: Q;
  finish: Q;
}

/** Rows [processor, start, finish] per task, for comparing a reference with an implementation. */
export function rowsOf(placements: Placement[]): [number, number, number][] {
  return placements.map((x) => [x.processor, x.start.toNumber(), x.finish.toNumber()]);
}

/** Data-ready time of t on p given the placements of its predecessors. */
export function dataReadyTime(model: DocumentModel, placements: Placement[], t: number, p: number): Q {
  let ready = Q.zero;
  for (const { task, data } of model.predecessors(t)) {
    const parent = placements[task]!;
    ready = ready.max(parent.finish.plus(model.transfer(data, parent.processor, p)));
  }
  return ready;
}
