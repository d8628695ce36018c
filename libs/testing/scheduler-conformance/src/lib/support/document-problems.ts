/**
 * fast-check arbitraries for random (workflow, cluster) documents, for property specs that compare a scheduler with
 * a naive reference computed on the documents. Tasks are t0..t(n-1) with edges only from a lower to a higher number
 * (a DAG), listed in a shuffled order (input order is not topological in general), as are the edges and the links.
 */
import type { ClusterSpec, LinkSpec, ProcessorSpec, TaskSpec, WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';

export interface DocumentProblem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

export interface DocumentProblemShape {
  maxTasks: number;
  maxProcessors: number;
  /**
   * true (the default): integer costs, work, data and latencies, speeds and bandwidths powers of two, so every start
   * and finish a list scheduler computes is an exact double. false: decimal fractions, with rounding noise.
   */
  exact?: boolean;
  /** Exact numbers from a tiny range (costs 0-3, latency 0-1, rates 1 or 2), so that ties are everywhere. */
  tiny?: boolean;
  /** Every pair of processors linked alike (the network's defaults, no per-link overrides): mean costs stay exact. */
  uniformLinks?: boolean;
  /** Probability of an edge between two tasks (default 1/3; 0 for independent tasks). */
  edgeProbability?: number;
}

/** Edge probabilities are drawn as weights out of this many (1/3, 1/12, 0.2 and 0.6 exactly). */
const EDGE_WEIGHTS_OUT_OF = 60;
const DEFAULT_EDGE_PROBABILITY = 1 / 3;
/** How often an optional field is present: fc.option's `freq`, 1 absent in freq + 1. */
const PRESENT_FREQ = 3;
const DATA_PRESENT_FREQ = 5;
const LINK_PRESENT_FREQ = 2;

/** Random problems of the given shape. */
export function documentProblems(shape: DocumentProblemShape): fc.Arbitrary<DocumentProblem> {
  const { amount, rate, latency } = numbers(shape);
  const edge = edgeArbitrary(amount, shape.edgeProbability ?? DEFAULT_EDGE_PROBABILITY);
  const link = fc.option(
    fc.record({ latency: fc.option(latency, { freq: PRESENT_FREQ }), bandwidth: fc.option(rate, { freq: PRESENT_FREQ }), flip: fc.boolean(), key: fc.nat() }),
    { freq: LINK_PRESENT_FREQ },
  );
  return fc
    .record({ n: fc.integer({ min: 1, max: shape.maxTasks }), m: fc.integer({ min: 1, max: shape.maxProcessors }) })
    .chain(({ n, m }) => {
      const pairs = (n * (n - 1)) / 2;
      const linkPairs = shape.uniformLinks ? 0 : (m * (m - 1)) / 2;
      return fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        edges: fc.array(edge, { minLength: pairs, maxLength: pairs }),
        listing: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        tasks: fc.array(
          fc.record({ mode: fc.constantFrom('work', 'costs', 'both'), work: amount, costs: fc.array(fc.option(amount, { freq: PRESENT_FREQ }), { minLength: m, maxLength: m }) }),
          { minLength: n, maxLength: n },
        ),
        speeds: fc.array(fc.option(rate, { freq: PRESENT_FREQ }), { minLength: m, maxLength: m }),
        network: fc.record({ latency: fc.option(latency, { freq: PRESENT_FREQ }), bandwidth: fc.option(rate, { freq: PRESENT_FREQ }) }),
        links: fc.array(link, { minLength: linkPairs, maxLength: linkPairs }),
      });
    })
    .map(toDocuments);
}

function numbers(shape: DocumentProblemShape) {
  if (shape.tiny) return { amount: fc.integer({ min: 0, max: 3 }), rate: fc.constantFrom(1, 2), latency: fc.integer({ min: 0, max: 1 }) };
  if (shape.exact ?? true) {
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

/** An edge (its data volume, if any, and a key that shuffles the edge list) with the given probability, else null. */
function edgeArbitrary(amount: fc.Arbitrary<number>, probability: number): fc.Arbitrary<{ data: number | null; key: number } | null> {
  const weight = Math.round(probability * EDGE_WEIGHTS_OUT_OF);
  const present = fc.record({ data: fc.option(amount, { freq: DATA_PRESENT_FREQ }), key: fc.nat() });
  if (weight <= 0) return fc.constant(null);
  if (weight >= EDGE_WEIGHTS_OUT_OF) return present;
  return fc.oneof({ weight: EDGE_WEIGHTS_OUT_OF - weight, arbitrary: fc.constant(null) }, { weight, arbitrary: present });
}

/** What documentProblems draws, before it becomes documents. */
interface DrawnProblem {
  n: number;
  m: number;
  edges: ({ data: number | null; key: number } | null)[];
  listing: number[];
  tasks: { mode: 'work' | 'costs' | 'both'; work: number; costs: (number | null)[] }[];
  speeds: (number | null)[];
  network: { latency: number | null; bandwidth: number | null };
  links: ({ latency: number | null; bandwidth: number | null; flip: boolean; key: number } | null)[];
}

/** Documents of a drawn problem: task i is `t${i}`, processor p is `p${p}`, edges go from a lower to a higher i. */
function toDocuments(g: DrawnProblem): DocumentProblem {
  const ids = Array.from({ length: g.m }, (_, p) => `p${p}`);
  const tasks: TaskSpec[] = g.listing.map((i) => {
    const spec = g.tasks[i]!;
    if (spec.mode === 'work') return { id: `t${i}`, work: spec.work };
    const given = ids.flatMap((id, p) => (spec.costs[p] === null ? [] : [[id, spec.costs[p]!] as const]));
    if (spec.mode === 'both') return { id: `t${i}`, work: spec.work, costs: Object.fromEntries(given) };
    return { id: `t${i}`, costs: Object.fromEntries(ids.map((id, p) => [id, spec.costs[p] ?? spec.work])) };
  });
  const edges: { from: string; to: string; data?: number; key: number }[] = [];
  let k = 0;
  for (let i = 0; i < g.n; i++) {
    for (let j = i + 1; j < g.n; j++, k++) {
      const e = g.edges[k];
      if (e) edges.push({ from: `t${i}`, to: `t${j}`, ...(e.data === null ? {} : { data: e.data }), key: e.key });
    }
  }
  const links: (LinkSpec & { key: number })[] = [];
  k = 0;
  for (let p = 0; p < g.m && g.links.length > 0; p++) {
    for (let q = p + 1; q < g.m; q++, k++) {
      const l = g.links[k];
      if (!l) continue;
      const between: [string, string] = l.flip ? [ids[q]!, ids[p]!] : [ids[p]!, ids[q]!];
      links.push({ between, ...(l.latency === null ? {} : { latency: l.latency }), ...(l.bandwidth === null ? {} : { bandwidth: l.bandwidth }), key: l.key });
    }
  }
  const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
  const processors: ProcessorSpec[] = ids.map((id, p) => (g.speeds[p] === null ? { id } : { id, speed: g.speeds[p]! }));
  const network = {
    ...(g.network.latency === null ? {} : { latency: g.network.latency }),
    ...(g.network.bandwidth === null ? {} : { bandwidth: g.network.bandwidth }),
    links: links.sort(byKey).map(({ key: _, ...link }) => link),
  };
  return { workflow: { tasks, edges: edges.sort(byKey).map(({ key: _, ...e }) => e) }, cluster: { processors, network } };
}
