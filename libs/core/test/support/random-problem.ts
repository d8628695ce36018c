/**
 * fast-check arbitraries for random, valid (workflow, cluster) pairs, plus small helpers that read the cost model
 * straight from the documents. Test support only: nothing here is exported by the library.
 *
 * Generation: a random DAG over task indices 0..n-1 with edges only from a lower to a higher index, then the tasks
 * are listed in a shuffled order (so input order is generally not a topological order) and the edges too.
 */
import fc from 'fast-check';
import type { ClusterSpec, EdgeSpec, LinkSpec, ProcessorSpec, TaskSpec, WorkflowSpec } from '../../src/index.js';

export interface ProblemShape {
  maxTasks?: number;
  maxProcessors?: number;
  /**
   * `exact`: integer costs, work, data and latency, speeds and bandwidths powers of two, so every time a list
   * scheduler computes is exact in binary floating point. `real`: decimal fractions, with rounding noise.
   */
  numbers?: 'exact' | 'real';
  /** Probability-like weight of an edge between two tasks (default 0.3). */
  edgeDensity?: number;
}

export interface RandomProblem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

const POWERS_OF_TWO = [0.5, 1, 2, 4, 8] as const;

function numberArbitraries(numbers: 'exact' | 'real') {
  const amount =
    numbers === 'exact'
      ? fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 20 }) })
      : fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((x) => x / 1000) });
  const rate = numbers === 'exact' ? fc.constantFrom(...POWERS_OF_TWO) : fc.integer({ min: 100, max: 5000 }).map((x) => x / 1000);
  const latency = numbers === 'exact' ? fc.integer({ min: 0, max: 5 }) : fc.integer({ min: 0, max: 5000 }).map((x) => x / 1000);
  return { amount, rate, latency };
}

export function randomProblem(shape: ProblemShape = {}): fc.Arbitrary<RandomProblem> {
  const maxTasks = shape.maxTasks ?? 10;
  const maxProcessors = shape.maxProcessors ?? 8;
  const { amount, rate, latency } = numberArbitraries(shape.numbers ?? 'real');
  const density = shape.edgeDensity ?? 0.3;
  const edgeWeight = Math.max(1, Math.round(density * 10));
  const noEdgeWeight = Math.max(1, 10 - edgeWeight);

  return fc
    .record({ n: fc.integer({ min: 1, max: maxTasks }), m: fc.integer({ min: 1, max: maxProcessors }) })
    .chain(({ n, m }) => {
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
      const processorPairs: [number, number][] = [];
      for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) processorPairs.push([p, q]);

      const task = fc.record({
        // work only, costs only (one per processor), or both (costs for some processors, work for the rest)
        kind: fc.constantFrom('work', 'costs', 'both'),
        work: amount,
        costs: fc.array(amount, { minLength: m, maxLength: m }),
        explicit: fc.array(fc.boolean(), { minLength: m, maxLength: m }),
        // a cost for a processor the cluster lacks: a warning, ignored by everything
        stray: fc.option(amount, { freq: 8 }),
      });
      const edge = fc.oneof(
        { weight: noEdgeWeight, arbitrary: fc.constant(null) },
        { weight: edgeWeight, arbitrary: fc.record({ data: fc.option(amount, { freq: 6 }), sortKey: fc.nat() }) },
      );
      const processor = fc.record({ speed: fc.option(rate, { freq: 4 }) });
      const link = fc.option(
        fc.record({
          latency: fc.option(latency, { freq: 4 }),
          bandwidth: fc.option(rate, { freq: 4 }),
          flipped: fc.boolean(),
          sortKey: fc.nat(),
        }),
        { freq: 2 },
      );
      return fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        pairs: fc.constant(pairs),
        processorPairs: fc.constant(processorPairs),
        tasks: fc.array(task, { minLength: n, maxLength: n }),
        edges: fc.array(edge, { minLength: pairs.length, maxLength: pairs.length }),
        taskOrder: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        processors: fc.array(processor, { minLength: m, maxLength: m }),
        network: fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }) }),
        links: fc.array(link, { minLength: processorPairs.length, maxLength: processorPairs.length }),
      });
    })
    .map((g) => {
      const processorIds = Array.from({ length: g.m }, (_, p) => `p${p}`);
      const tasks: TaskSpec[] = g.taskOrder.map((i) => {
        const spec = g.tasks[i]!;
        const task: TaskSpec = { id: `t${i}` };
        if (spec.kind === 'work') task.work = spec.work;
        else if (spec.kind === 'costs') task.costs = Object.fromEntries(processorIds.map((id, p) => [id, spec.costs[p]!]));
        else {
          task.work = spec.work;
          task.costs = Object.fromEntries(processorIds.flatMap((id, p) => (spec.explicit[p] ? [[id, spec.costs[p]!]] : [])));
        }
        if (spec.stray !== null) task.costs = { ...task.costs, elsewhere: spec.stray };
        if (task.costs && task.work === undefined) {
          // a task given by costs alone needs one for every processor of the cluster
          for (const [p, id] of processorIds.entries()) task.costs[id] ??= spec.costs[p]!;
        }
        return task;
      });
      const edges: (EdgeSpec & { sortKey: number })[] = [];
      g.pairs.forEach(([i, j], k) => {
        const e = g.edges[k];
        if (!e) return;
        edges.push({ from: `t${i}`, to: `t${j}`, ...(e.data === null ? {} : { data: e.data }), sortKey: e.sortKey });
      });
      edges.sort((a, b) => a.sortKey - b.sortKey);
      const processors: ProcessorSpec[] = processorIds.map((id, p) => {
        const speed = g.processors[p]!.speed;
        return speed === null ? { id } : { id, speed };
      });
      const links: (LinkSpec & { sortKey: number })[] = [];
      g.processorPairs.forEach(([p, q], k) => {
        const l = g.links[k];
        if (!l) return;
        const between: [string, string] = l.flipped ? [processorIds[q]!, processorIds[p]!] : [processorIds[p]!, processorIds[q]!];
        links.push({
          between,
          ...(l.latency === null ? {} : { latency: l.latency }),
          ...(l.bandwidth === null ? {} : { bandwidth: l.bandwidth }),
          sortKey: l.sortKey,
        });
      });
      links.sort((a, b) => a.sortKey - b.sortKey);
      const network = {
        ...(g.network.latency === null ? {} : { latency: g.network.latency }),
        ...(g.network.bandwidth === null ? {} : { bandwidth: g.network.bandwidth }),
        links: links.map(({ sortKey: _, ...link }) => link),
      };
      return {
        workflow: { tasks, edges: edges.map(({ sortKey: _, ...edge }) => edge) },
        cluster: { processors, network },
      };
    });
}

/** A random precedence-respecting order of the tasks (indices in document order), driven by `keys`. */
export function randomTopologicalOrder(workflow: WorkflowSpec, keys: readonly number[]): number[] {
  const index = new Map(workflow.tasks.map((t, i) => [t.id, i]));
  const n = workflow.tasks.length;
  const waiting = new Array<number>(n).fill(0);
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const e of workflow.edges) {
    const a = index.get(e.from)!;
    const b = index.get(e.to)!;
    succ[a]!.push(b);
    waiting[b]!++;
  }
  const ready = Array.from({ length: n }, (_, i) => i).filter((i) => waiting[i] === 0);
  const order: number[] = [];
  let k = 0;
  while (ready.length > 0) {
    const pick = (keys[k++ % Math.max(1, keys.length)] ?? 0) % ready.length;
    const [t] = ready.splice(pick, 1);
    order.push(t!);
    for (const s of succ[t!]!) if (--waiting[s]! === 0) ready.push(s);
  }
  return order;
}

/** The execution time of a task on a processor, read from the documents (docs/formats.md). */
export function documentCost(task: TaskSpec, processor: ProcessorSpec): number {
  if (task.costs && Object.hasOwn(task.costs, processor.id)) return task.costs[processor.id]!;
  return (task.work as number) / (processor.speed ?? 1);
}

/** Transfer time of `data` between two processors, read from the documents. */
export function documentTransfer(cluster: ClusterSpec, data: number, from: string, to: string): number {
  if (from === to) return 0;
  const network = cluster.network ?? {};
  const link = (network.links ?? []).find((l) => (l.between[0] === from && l.between[1] === to) || (l.between[0] === to && l.between[1] === from));
  const latency = link?.latency ?? network.latency ?? 0;
  const bandwidth = link?.bandwidth ?? network.bandwidth ?? 1;
  return latency + data / bandwidth;
}

/**
 * The earliest start >= ready of a task of length `duration` among busy intervals, by brute force: the answer is
 * `ready` or the finish of some interval, so try them all in increasing order and keep the first that conflicts
 * with nothing. Two intervals conflict when `c < f && s < c + d` (a zero-length task is a point: it may touch an
 * interval's end or start, or another point, but not sit strictly inside a busy interval, and nothing may run
 * across it).
 */
export function bruteForceEarliestStart(intervals: readonly { start: number; finish: number }[], ready: number, duration: number): number {
  const candidates = [ready, ...intervals.map((i) => i.finish).filter((f) => f >= ready)].sort((a, b) => a - b);
  for (const c of candidates) {
    if (intervals.every((i) => !(c < i.finish && i.start < c + duration))) return c;
  }
  throw new Error('unreachable: after the last finish nothing conflicts');
}
