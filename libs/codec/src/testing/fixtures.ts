import type { ClusterSpec, TaskSpec, WorkflowSpec, EdgeSpec } from '@hetsched/core';

/** A deterministic pseudo-random generator (mulberry32), so fixtures are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LargeWorkflowOptions {
  tasks?: number;
  processors?: number;
  /** Edges per task on average (each to a later task, so the graph is a DAG). */
  edgesPerTask?: number;
  seed?: number;
}

/**
 * A large random DAG in the native format: every task has an explicit cost on each processor (random doubles),
 * edges go from a task to a later one with a random data volume. Default: 100,000 tasks, 64 processors,
 * ~300,000 edges (the store's benchmark size).
 */
export function largeWorkflow(options: LargeWorkflowOptions = {}): WorkflowSpec {
  const n = options.tasks ?? 100_000;
  const m = options.processors ?? 64;
  const perTask = options.edgesPerTask ?? 3;
  const random = seededRandom(options.seed ?? 1);
  const processorIds = Array.from({ length: m }, (_, p) => `p${p}`);
  const tasks: TaskSpec[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const costs: Record<string, number> = {};
    for (let p = 0; p < m; p++) costs[processorIds[p]!] = 1 + random() * 99;
    tasks[t] = { id: `t${t}`, work: 1 + random() * 99, costs };
  }
  const edges: EdgeSpec[] = [];
  for (let t = 0; t + 1 < n; t++) {
    for (let k = 0; k < perTask; k++) {
      const span = Math.min(n - t - 1, 1 + Math.floor(random() * 1000));
      const to = t + 1 + Math.floor(random() * span);
      edges.push({ from: `t${t}`, to: `t${to}`, data: random() * 1e6 });
    }
  }
  return { name: `random-${n}x${m}`, tasks, edges };
}

export function clusterOf(processors: number, seed = 1): ClusterSpec {
  const random = seededRandom(seed);
  return {
    name: `cluster-${processors}`,
    processors: Array.from({ length: processors }, (_, p) => ({ id: `p${p}`, speed: 0.5 + random() * 2, type: p % 2 ? 'gpu' : 'cpu' })),
    network: { bandwidth: 1000, latency: 0.01, links: [{ between: ['p0', `p${processors - 1}`], bandwidth: 10 }] },
  };
}
