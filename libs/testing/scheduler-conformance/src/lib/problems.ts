import { compileProblem, type ClusterSpec, type SchedulingProblem, type WorkflowSpec } from '@hetsched/core';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import fc from 'fast-check';

/** The parameters of one random problem: a Topcuoglu et al. (2002) DAG on a generated cluster. */
export interface RandomProblemParams {
  tasks: number;
  processors: number;
  /** Communication to computation ratio. */
  ccr: number;
  /** α: < 1 long chains, > 1 wide graphs. */
  shape: number;
  /** β: spread of a task's costs over processors. */
  heterogeneity: number;
  outDegree: number;
  /** A link with its own bandwidth and latency for every pair of processors. */
  heterogeneousLinks: boolean;
  bandwidth: number;
  latency: number;
  seed: number;
}

export const CCR_VALUES = [0.1, 0.5, 1, 2, 5, 10] as const;

/** Random problem parameters for `tasks` tasks on 1..maxProcessors processors. */
export function randomProblemParams(tasks: number, maxProcessors: number): fc.Arbitrary<RandomProblemParams> {
  return fc.record({
    tasks: fc.constant(tasks),
    processors: fc.integer({ min: 1, max: maxProcessors }),
    ccr: fc.constantFrom(...CCR_VALUES),
    shape: fc.constantFrom(0.5, 1, 2),
    heterogeneity: fc.constantFrom(0, 0.5, 1, 1.5, 1.9),
    outDegree: fc.integer({ min: 1, max: 4 }),
    heterogeneousLinks: fc.boolean(),
    bandwidth: fc.constantFrom(0.5, 1, 4),
    latency: fc.constantFrom(0, 0.5, 2),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

/**
 * Fixed corners tried before the random ones at each size: one processor with little communication, a middle
 * cluster at CCR 1, the largest cluster with communication-heavy heterogeneous links.
 */
export function cornerProblemParams(tasks: number, maxProcessors: number, seed: number): RandomProblemParams[] {
  const base = { tasks, shape: 1, heterogeneity: 1, outDegree: 3, bandwidth: 1, latency: 0, seed };
  return [
    { ...base, processors: 1, ccr: 0.1, heterogeneousLinks: false },
    { ...base, processors: Math.min(4, maxProcessors), ccr: 1, heterogeneousLinks: false },
    { ...base, processors: maxProcessors, ccr: 10, heterogeneousLinks: true, latency: 0.5, heterogeneity: 1.9, shape: 2 },
  ];
}

export function buildRandomProblem(params: RandomProblemParams): SchedulingProblem {
  const workflow = generateWorkflow({
    tasks: params.tasks,
    processors: params.processors,
    ccr: params.ccr,
    shape: params.shape,
    heterogeneity: params.heterogeneity,
    outDegree: params.outDegree,
    seed: params.seed,
  });
  const cluster = generateCluster({
    processors: params.processors,
    seed: params.seed,
    bandwidth: params.bandwidth,
    latency: params.latency,
    heterogeneousLinks: params.heterogeneousLinks,
  });
  return compileProblem(workflow, cluster);
}

/** A workflow and cluster written out by hand, for the shapes random DAGs rarely produce. */
export interface EdgeCaseProblem {
  name: string;
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

const processors = (count: number, speeds: number[] = []): ClusterSpec['processors'] =>
  Array.from({ length: count }, (_, i) => ({ id: `p${i + 1}`, ...(speeds[i] === undefined ? {} : { speed: speeds[i] }) }));

/** Small problems at the corners of the model: one task, no edges, zero work, huge data, links, speeds. */
export function edgeCaseProblems(maxProcessors: number): EdgeCaseProblem[] {
  const m = (wanted: number) => Math.min(wanted, maxProcessors);
  const chain = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, work: 1 + i }));
  return [
    { name: 'one task, one processor', workflow: { tasks: [{ id: 'only', work: 3 }], edges: [] }, cluster: { processors: processors(1) } },
    {
      name: 'one task, processors of different speeds',
      workflow: { tasks: [{ id: 'only', work: 6 }], edges: [] },
      cluster: { processors: processors(m(3), [1, 3, 2]) },
    },
    {
      name: 'independent tasks, more processors than tasks',
      workflow: { tasks: Array.from({ length: 3 }, (_, i) => ({ id: `t${i}`, work: i + 1 })), edges: [] },
      cluster: { processors: processors(m(6)) },
    },
    {
      name: 'independent tasks, fewer processors than tasks',
      workflow: { tasks: Array.from({ length: 9 }, (_, i) => ({ id: `t${i}`, work: (i % 3) + 1 })), edges: [] },
      cluster: { processors: processors(m(2)) },
    },
    {
      name: 'a chain whose data cost far more than its tasks',
      workflow: { tasks: chain, edges: chain.slice(1).map((t, i) => ({ from: chain[i]!.id, to: t.id, data: 1000 })) },
      cluster: { processors: processors(m(3)), network: { bandwidth: 1, latency: 5 } },
    },
    {
      name: 'fork-join with zero-work tasks and zero-data edges',
      workflow: {
        tasks: [{ id: 'fork', work: 0 }, { id: 'a', work: 4 }, { id: 'b', work: 0 }, { id: 'c', work: 2 }, { id: 'join', work: 0 }],
        edges: [
          { from: 'fork', to: 'a', data: 0 },
          { from: 'fork', to: 'b' },
          { from: 'fork', to: 'c', data: 3 },
          { from: 'a', to: 'join', data: 1 },
          { from: 'b', to: 'join', data: 0 },
          { from: 'c', to: 'join', data: 2 },
        ],
      },
      cluster: { processors: processors(m(3)) },
    },
    {
      name: 'explicit costs, a processor that is slow for one task, per-link bandwidth and latency',
      workflow: {
        tasks: [
          { id: 'x', costs: m(2) > 1 ? { p1: 1, p2: 50 } : { p1: 1 }, work: 4 },
          { id: 'y', work: 8 },
          { id: 'z', costs: m(2) > 1 ? { p1: 9, p2: 0 } : { p1: 9 }, work: 1 },
        ],
        edges: [
          { from: 'x', to: 'z', data: 4 },
          { from: 'y', to: 'z', data: 2 },
        ],
      },
      cluster: {
        processors: processors(m(2), [1, 2]),
        network: { bandwidth: 2, latency: 0.25, ...(m(2) > 1 ? { links: [{ between: ['p1', 'p2'] as [string, string], bandwidth: 0.5, latency: 1 }] } : {}) },
      },
    },
  ];
}
