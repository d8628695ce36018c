// Test support: seeded random workflows and clusters, and fast-check arbitraries over their parameters (so that a
// failing case shrinks to few tasks and processors). Not exported by the package.
import { compileProblem, Random, type ClusterSpec, type EdgeSpec, type SchedulingProblem, type TaskSpec, type WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { positionsOf } from '../lib/chromosome.js';
import { createIndividual, type Individual } from '../lib/individual.js';
import { randomRankSolution } from '../lib/initial-population.js';

export interface ProblemParams {
  tasks: number;
  processors: number;
  /** Mean communication time of an edge over mean task cost (at the mean bandwidth, no latency). */
  ccr: number;
  seed: number;
  /** Per-pair links with their own bandwidth and latency. */
  heterogeneousNetwork?: boolean;
  /** Some tasks cost 0 somewhere and some edges carry no data (the decoder's edge cases). */
  zeros?: boolean;
  /** Edge probability between a task and each later one (default 0.25). */
  density?: number;
}

export interface RandomInstance {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
  problem: SchedulingProblem;
}

/**
 * A random DAG (edges from lower to higher index, so it is acyclic; tasks then listed in a shuffled order so input
 * order is not a topological order) with per-processor costs, on a cluster of the given size.
 */
export function randomInstance(params: ProblemParams): RandomInstance {
  const { tasks: n, processors: m, ccr, seed } = params;
  const random = new Random(seed);
  const density = params.density ?? 0.25;
  const ids = Array.from({ length: n }, (_, i) => `t${i}`);
  const processorIds = Array.from({ length: m }, (_, p) => `p${p}`);
  const taskSpecs: TaskSpec[] = ids.map((id) => {
    const mean = random.uniform(1, 40);
    const costs: Record<string, number> = {};
    for (const p of processorIds) costs[p] = params.zeros && random.chance(0.1) ? 0 : round(random.uniform(mean * 0.5, mean * 1.5));
    return { id, costs };
  });
  const edges: EdgeSpec[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!random.chance(j === i + 1 ? Math.max(density, 0.5) : density)) continue;
      const data = params.zeros && random.chance(0.15) ? 0 : round(random.uniform(0, 2 * 20 * ccr));
      edges.push({ from: ids[i]!, to: ids[j]!, data });
    }
  }
  random.shuffle(taskSpecs);
  random.shuffle(edges);
  const cluster: ClusterSpec = {
    processors: processorIds.map((id) => ({ id })),
    network: { bandwidth: 1, latency: 0 },
  };
  if (params.heterogeneousNetwork && m > 1) {
    cluster.network = {
      bandwidth: 1,
      latency: 0,
      links: processorIds.flatMap((a, i) =>
        processorIds.slice(i + 1).map((b) => ({ between: [a, b] as [string, string], bandwidth: round(random.uniform(0.5, 2)), latency: round(random.uniform(0, 3)) })),
      ),
    };
  }
  const workflow: WorkflowSpec = { tasks: taskSpecs, edges };
  return { workflow, cluster, problem: compileProblem(workflow, cluster) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Parameters of small random problems for property tests. */
export function problemParams(limits: { maxTasks?: number; maxProcessors?: number } = {}): fc.Arbitrary<ProblemParams> {
  return fc.record({
    tasks: fc.integer({ min: 1, max: limits.maxTasks ?? 30 }),
    processors: fc.integer({ min: 1, max: limits.maxProcessors ?? 5 }),
    ccr: fc.constantFrom(0.1, 1, 5, 10),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    heterogeneousNetwork: fc.boolean(),
    zeros: fc.boolean(),
  });
}

/** A random chromosome, positions filled: a random-rank order and random processors (the GA's random seeds). */
export function randomIndividual(problem: SchedulingProblem, random: Random): Individual {
  const individual = createIndividual(problem.taskCount);
  randomRankSolution(problem, random, individual);
  positionsOf(individual.order, individual.position);
  return individual;
}
