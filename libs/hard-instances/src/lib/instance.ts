import {
  DEFAULT_BANDWIDTH,
  validateCluster,
  validateProblem,
  validateWorkflow,
  ValidationError,
  type ClusterSpec,
  type Random,
  type ValidationIssue,
  type WorkflowSpec,
} from '@hetsched/core';

/**
 * The problem PISA perturbs, in the terms of its model (SAGA's task graph and network): every task has a work, every
 * edge a data volume, every processor a speed and every pair of processors a bandwidth; no latency, no per-processor
 * costs. A task takes work / speed, a transfer data / bandwidth (core's model with latency 0), so `toSpecs` gives
 * documents every scheduler reads. Values are kept, never shared: perturbations copy what they change.
 */
export interface Instance {
  readonly taskIds: readonly string[];
  readonly work: readonly number[];
  /** Edges by task index, in document order. */
  readonly edges: readonly InstanceEdge[];
  readonly processorIds: readonly string[];
  readonly speed: readonly number[];
  /** bandwidth[p][q] = bandwidth[q][p] for p ≠ q; the diagonal is unused. */
  readonly bandwidth: readonly (readonly number[])[];
}

export interface InstanceEdge {
  readonly from: number;
  readonly to: number;
  readonly data: number;
}

/** PISA's range for every weight (SAGA's MINVAL, MAXVAL): perturbations keep values inside it. */
export const VALUE_RANGE = { min: 0.1, max: 1 } as const;
/** PISA's initial instances: chains of 3-5 tasks on 3-5 processors (within the search's bounds). */
export const INITIAL_SIZE = { min: 3, max: 5 } as const;

/** A weight drawn uniformly from VALUE_RANGE. */
export function randomValue(random: Random): number {
  return random.uniform(VALUE_RANGE.min, VALUE_RANGE.max);
}

/**
 * PISA's starting point: a chain t1 -> t2 -> ... of INITIAL_SIZE tasks on a complete network of INITIAL_SIZE
 * processors (each capped by the search's bounds), every weight uniform in VALUE_RANGE.
 */
export function randomInstance(random: Random, bounds: { maxTasks: number; maxProcessors: number }): Instance {
  const n = random.int(Math.min(INITIAL_SIZE.min, bounds.maxTasks), Math.min(INITIAL_SIZE.max, bounds.maxTasks));
  const m = random.int(Math.min(INITIAL_SIZE.min, bounds.maxProcessors), Math.min(INITIAL_SIZE.max, bounds.maxProcessors));
  const taskIds = Array.from({ length: n }, (_, i) => `t${i + 1}`);
  const work = taskIds.map(() => randomValue(random));
  const edges = Array.from({ length: n - 1 }, (_, i) => ({ from: i, to: i + 1, data: randomValue(random) }));
  const processorIds = Array.from({ length: m }, (_, i) => `p${i + 1}`);
  const speed = processorIds.map(() => randomValue(random));
  const bandwidth = processorIds.map(() => new Array<number>(m).fill(0));
  for (let p = 0; p < m; p++) {
    for (let q = p + 1; q < m; q++) bandwidth[p]![q] = bandwidth[q]![p] = randomValue(random);
  }
  return { taskIds, work, edges, processorIds, speed, bandwidth };
}

/** The instance as native documents: tasks with `work`, processors with `speed`, one link per pair of processors. */
export function toSpecs(instance: Instance, name: string): { workflow: WorkflowSpec; cluster: ClusterSpec } {
  const { taskIds, processorIds } = instance;
  const workflow: WorkflowSpec = {
    name,
    tasks: taskIds.map((id, t) => ({ id, work: instance.work[t]! })),
    edges: instance.edges.map((e) => ({ from: taskIds[e.from]!, to: taskIds[e.to]!, data: e.data })),
  };
  const links: { between: [string, string]; bandwidth: number }[] = [];
  for (let p = 0; p < processorIds.length; p++) {
    for (let q = p + 1; q < processorIds.length; q++) links.push({ between: [processorIds[p]!, processorIds[q]!], bandwidth: instance.bandwidth[p]![q]! });
  }
  const cluster: ClusterSpec = {
    name,
    processors: processorIds.map((id, p) => ({ id, speed: instance.speed[p]! })),
    network: { bandwidth: DEFAULT_BANDWIDTH, latency: 0, links },
  };
  return { workflow, cluster };
}

/**
 * A user's starting instance. Core's validators first (every fault, with its path); then what PISA's model cannot
 * hold is refused rather than silently dropped: per-processor costs, latencies, a task without positive work, and a
 * size beyond the search's bounds.
 */
export function instanceFromSpecs(workflow: WorkflowSpec, cluster: ClusterSpec, bounds: { maxTasks: number; maxProcessors: number }): Instance {
  throwIfErrors(validateWorkflow(workflow), 'initial workflow');
  throwIfErrors(validateCluster(cluster), 'initial cluster');
  throwIfErrors(validateProblem(workflow, cluster), 'initial workflow for this cluster');
  throwIfErrors(modelIssues(workflow, cluster, bounds), 'initial instance');
  const taskIndex = new Map(workflow.tasks.map((task, t) => [task.id, t]));
  const processorIds = cluster.processors.map((p) => p.id);
  const processorIndex = new Map(processorIds.map((id, p) => [id, p]));
  const base = cluster.network?.bandwidth ?? DEFAULT_BANDWIDTH;
  const bandwidth = processorIds.map(() => new Array<number>(processorIds.length).fill(base));
  for (const link of cluster.network?.links ?? []) {
    const [p, q] = link.between.map((id) => processorIndex.get(id)!);
    if (link.bandwidth !== undefined) bandwidth[p!]![q!] = bandwidth[q!]![p!] = link.bandwidth;
  }
  return {
    taskIds: workflow.tasks.map((t) => t.id),
    work: workflow.tasks.map((t) => t.work!),
    edges: workflow.edges.map((e) => ({ from: taskIndex.get(e.from)!, to: taskIndex.get(e.to)!, data: e.data ?? 0 })),
    processorIds,
    speed: cluster.processors.map((p) => p.speed ?? 1),
    bandwidth,
  };
}

function modelIssues(workflow: WorkflowSpec, cluster: ClusterSpec, bounds: { maxTasks: number; maxProcessors: number }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: 'error', path, message });
  if (workflow.tasks.length > bounds.maxTasks) error('$.tasks', `has ${workflow.tasks.length} tasks, more than maxTasks (${bounds.maxTasks})`);
  if (cluster.processors.length > bounds.maxProcessors) error('$.processors', `has ${cluster.processors.length} processors, more than maxProcessors (${bounds.maxProcessors})`);
  workflow.tasks.forEach((task, t) => {
    if (task.costs !== undefined) error(`$.tasks[${t}].costs`, 'per-processor costs are not part of the search model: give "work" only');
    if (!(typeof task.work === 'number' && task.work > 0)) error(`$.tasks[${t}].work`, 'must be a positive number (the search divides makespans)');
  });
  if ((cluster.network?.latency ?? 0) !== 0) error('$.network.latency', 'latency is not part of the search model: it must be 0 or absent');
  (cluster.network?.links ?? []).forEach((link, i) => {
    if ((link.latency ?? 0) !== 0) error(`$.network.links[${i}].latency`, 'latency is not part of the search model: it must be 0 or absent');
  });
  return issues;
}

function throwIfErrors(issues: ValidationIssue[], what: string): void {
  if (issues.some((i) => i.severity === 'error')) throw new ValidationError(issues, what);
}
