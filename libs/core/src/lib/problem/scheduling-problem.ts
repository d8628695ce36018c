import { ValidationError } from '../errors.js';
import { DEFAULT_BANDWIDTH, DEFAULT_LATENCY, DEFAULT_SPEED, type ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { validateCluster, validateProblem } from '../validation/validate-cluster.js';
import { validateWorkflow } from '../validation/validate-workflow.js';
import { IndexHeap } from '../util/index-heap.js';

/**
 * A workflow and a cluster compiled into flat typed arrays: the form every scheduler's hot loop reads.
 * Tasks and processors are numbered by their order in the documents, so index order is input order
 * (tie-breaking rules such as "ties to the processor listed first" rely on it).
 *
 * - `cost[t * processorCount + p]`: execution time of task t on processor p.
 * - Predecessors and successors in CSR form: the edges into t are `predOffsets[t] .. predOffsets[t+1]`,
 *   with `predTasks[k]` the source task and `predData[k]` the data volume (and likewise for successors).
 * - Communication between distinct processors p, q: `latency[p*m+q] + data * inverseBandwidth[p*m+q]`;
 *   on one processor it is 0.
 */
export interface SchedulingProblem {
  readonly workflow: WorkflowSpec;
  readonly cluster: ClusterSpec;
  readonly taskCount: number;
  readonly processorCount: number;
  readonly edgeCount: number;
  readonly taskIds: readonly string[];
  readonly processorIds: readonly string[];
  readonly cost: Float64Array;
  readonly predOffsets: Int32Array;
  readonly predTasks: Int32Array;
  readonly predData: Float64Array;
  readonly succOffsets: Int32Array;
  readonly succTasks: Int32Array;
  readonly succData: Float64Array;
  readonly latency: Float64Array;
  readonly inverseBandwidth: Float64Array;
  /** Mean latency over ordered pairs of distinct processors (0 with one processor). */
  readonly meanLatency: number;
  /** Mean bandwidth over ordered pairs of distinct processors (Infinity with one processor: no transfers). */
  readonly meanBandwidth: number;
  /** A topological order of the tasks (Kahn's algorithm, smallest index first among the ready). */
  readonly topologicalOrder: Int32Array;
  readonly taskIndex: ReadonlyMap<string, number>;
  readonly processorIndex: ReadonlyMap<string, number>;
}

export interface CompileOptions {
  /** Skip validation: only for documents already validated (e.g. loaded back from the store). */
  trusted?: boolean;
}

/** Validates both documents (throwing a ValidationError with every problem) and compiles them. */
export function compileProblem(workflow: WorkflowSpec, cluster: ClusterSpec, options: CompileOptions = {}): SchedulingProblem {
  if (!options.trusted) {
    const workflowIssues = validateWorkflow(workflow);
    if (workflowIssues.some((i) => i.severity === 'error')) throw new ValidationError(workflowIssues, 'workflow');
    const clusterIssues = validateCluster(cluster);
    if (clusterIssues.some((i) => i.severity === 'error')) throw new ValidationError(clusterIssues, 'cluster');
    const pairIssues = validateProblem(workflow, cluster);
    if (pairIssues.some((i) => i.severity === 'error')) throw new ValidationError(pairIssues, 'workflow for this cluster');
  }

  const n = workflow.tasks.length;
  const m = cluster.processors.length;
  const taskIds = workflow.tasks.map((t) => t.id);
  const processorIds = cluster.processors.map((p) => p.id);
  const taskIndex = new Map(taskIds.map((id, i) => [id, i]));
  const processorIndex = new Map(processorIds.map((id, i) => [id, i]));

  const speed = new Float64Array(m);
  cluster.processors.forEach((p, i) => (speed[i] = p.speed ?? DEFAULT_SPEED));
  const cost = new Float64Array(n * m);
  workflow.tasks.forEach((task, t) => {
    const row = t * m;
    const work = task.work;
    for (let p = 0; p < m; p++) cost[row + p] = work === undefined ? NaN : work / speed[p]!;
    const costs = task.costs;
    if (costs === undefined) return;
    // Own keys only (Object.keys), so a processor named "constructor" never picks up Object.prototype's member.
    for (const processorId of Object.keys(costs)) {
      const p = processorIndex.get(processorId);
      const explicit = costs[processorId];
      if (p !== undefined && explicit !== undefined) cost[row + p] = explicit;
    }
  });

  const { latency, inverseBandwidth, meanLatency, meanBandwidth } = compileNetwork(cluster, processorIndex);

  const edges = workflow.edges;
  const e = edges.length;
  const from = new Int32Array(e);
  const to = new Int32Array(e);
  const data = new Float64Array(e);
  const predOffsets = new Int32Array(n + 1);
  const succOffsets = new Int32Array(n + 1);
  for (let k = 0; k < e; k++) {
    const edge = edges[k]!;
    from[k] = taskIndex.get(edge.from)!;
    to[k] = taskIndex.get(edge.to)!;
    data[k] = edge.data ?? 0;
    succOffsets[from[k]! + 1]!++;
    predOffsets[to[k]! + 1]!++;
  }
  for (let t = 0; t < n; t++) {
    succOffsets[t + 1]! += succOffsets[t]!;
    predOffsets[t + 1]! += predOffsets[t]!;
  }
  const predTasks = new Int32Array(e);
  const predData = new Float64Array(e);
  const succTasks = new Int32Array(e);
  const succData = new Float64Array(e);
  const predFill = predOffsets.slice(0, n);
  const succFill = succOffsets.slice(0, n);
  // Edges in input order, so each adjacency list keeps the document's order.
  for (let k = 0; k < e; k++) {
    const s = succFill[from[k]!]!++;
    succTasks[s] = to[k]!;
    succData[s] = data[k]!;
    const q = predFill[to[k]!]!++;
    predTasks[q] = from[k]!;
    predData[q] = data[k]!;
  }

  return {
    workflow,
    cluster,
    taskCount: n,
    processorCount: m,
    edgeCount: e,
    taskIds,
    processorIds,
    cost,
    predOffsets,
    predTasks,
    predData,
    succOffsets,
    succTasks,
    succData,
    latency,
    inverseBandwidth,
    meanLatency,
    meanBandwidth,
    topologicalOrder: topologicalOrder(n, predOffsets, succOffsets, succTasks),
    taskIndex,
    processorIndex,
  };
}

function compileNetwork(cluster: ClusterSpec, processorIndex: ReadonlyMap<string, number>) {
  const m = cluster.processors.length;
  const network = cluster.network ?? {};
  const defaultLatency = network.latency ?? DEFAULT_LATENCY;
  const defaultBandwidth = network.bandwidth ?? DEFAULT_BANDWIDTH;
  const latency = new Float64Array(m * m).fill(defaultLatency);
  const bandwidth = new Float64Array(m * m).fill(defaultBandwidth);
  for (const link of network.links ?? []) {
    const a = processorIndex.get(link.between[0])!;
    const b = processorIndex.get(link.between[1])!;
    const l = link.latency ?? defaultLatency;
    const bw = link.bandwidth ?? defaultBandwidth;
    latency[a * m + b] = latency[b * m + a] = l;
    bandwidth[a * m + b] = bandwidth[b * m + a] = bw;
  }
  const inverseBandwidth = new Float64Array(m * m);
  let latencySum = 0;
  let bandwidthSum = 0;
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      const k = p * m + q;
      if (p === q) {
        latency[k] = 0;
        inverseBandwidth[k] = 0;
        continue;
      }
      inverseBandwidth[k] = 1 / bandwidth[k]!;
      latencySum += latency[k]!;
      bandwidthSum += bandwidth[k]!;
    }
  }
  const pairs = m * (m - 1);
  return {
    latency,
    inverseBandwidth,
    meanLatency: pairs > 0 ? latencySum / pairs : 0,
    meanBandwidth: pairs > 0 ? bandwidthSum / pairs : Infinity,
  };
}

function topologicalOrder(n: number, predOffsets: Int32Array, succOffsets: Int32Array, succTasks: Int32Array): Int32Array {
  const remaining = new Int32Array(n);
  for (let t = 0; t < n; t++) remaining[t] = predOffsets[t + 1]! - predOffsets[t]!;
  // Kahn with a min-heap on the index, so the order is deterministic and as close to input order as the DAG allows.
  const heap = new IndexHeap(n, (a, b) => a < b);
  for (let t = 0; t < n; t++) if (remaining[t] === 0) heap.push(t);
  const order = new Int32Array(n);
  let k = 0;
  while (heap.size > 0) {
    const t = heap.pop();
    order[k++] = t;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--remaining[s]! === 0) heap.push(s);
    }
  }
  if (k !== n) throw new Error('compileProblem: the workflow has a cycle (validate it first)');
  return order;
}

/** Time to move `data` from a task on processor `from` to one on processor `to`. */
export function communicationTime(problem: SchedulingProblem, data: number, from: number, to: number): number {
  if (from === to) return 0;
  const k = from * problem.processorCount + to;
  return problem.latency[k]! + data * problem.inverseBandwidth[k]!;
}

/** The mean communication cost of an edge, L̄ + data / B̄ (HEFT's c̄), 0 with a single processor. */
export function meanCommunicationTime(problem: SchedulingProblem, data: number): number {
  return problem.processorCount > 1 ? problem.meanLatency + data / problem.meanBandwidth : 0;
}
