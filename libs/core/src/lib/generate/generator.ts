import type { ClusterSpec, LinkSpec, ProcessorSpec } from '../model/cluster.js';
import type { EdgeSpec, TaskSpec, WorkflowSpec } from '../model/workflow.js';
import { optional, roundTo } from '../util/numbers.js';
import { Random } from '../util/random.js';

/**
 * The random DAG generator of Topcuoglu, Hariri & Wu, "Performance-effective and low-complexity task scheduling
 * for heterogeneous computing", IEEE TPDS 13(3), 2002, §5.1, with its parameters and their names.
 */
export interface WorkflowGeneratorParams {
  /** v: the number of tasks. */
  tasks: number;
  /** α: height ceil(√v / α) levels of mean width √v·α; α > 1 gives wide, parallel graphs, α < 1 long chains. Default 1. */
  shape?: number;
  /** The most edges a task sends to later levels (at least one, most to the next level). Default 3. */
  outDegree?: number;
  /** Communication to computation ratio: mean edge communication cost / mean task cost, at bandwidth 1. Default 1. */
  ccr?: number;
  /** β ∈ [0, 2): range of a task's costs around its mean, w_ij ∈ [w̄_i(1 − β/2), w̄_i(1 + β/2)]. Default 1. */
  heterogeneity?: number;
  /** w̄_DAG: mean task cost; each task's mean w̄_i is drawn from U[0, 2·w̄_DAG]. Default 20. */
  meanCost?: number;
  /** Processor ids, or a count m for p1..pm (the ids of `generateCluster`). */
  processors: string[] | number;
  /** Same parameters and seed give byte-identical output. An integer or a string. */
  seed: number | string;
  name?: string;
}

export interface ClusterGeneratorParams {
  /** m: processors p1..pm. */
  processors: number;
  seed: number | string;
  /** Speeds are drawn from U[min, max]. Default [1, 1]: identical processors. */
  speed?: [number, number];
  /** Default bandwidth between two processors. Default 1 (edge data = communication time). */
  bandwidth?: number;
  /** Default latency between two processors. Default 0. */
  latency?: number;
  /** A link for every pair of processors, with bandwidth and latency drawn from U[0.5, 1.5] × the defaults. */
  heterogeneousLinks?: boolean;
  name?: string;
}

/** Numbers are written with 4 decimals so that generated files stay readable. */
const DECIMALS = 4;
const SMALLEST = 10 ** -DECIMALS;
/** Share of a task's edges that go to the next level; the rest skip to a later one. */
const NEXT_LEVEL_SHARE = 0.75;
/** Random picks for a parent with room for another edge, before settling for one without. */
const PARENT_PICKS = 8;
/** w̄_i is drawn from [w̄_DAG / 100, 2·w̄_DAG − w̄_DAG / 100] (mean w̄_DAG): no task is free. */
const MEAN_COST_FLOOR = 0.01;
/** Edge keys `from * v + to` must stay exact doubles (v² < 2^53); far more than fits in memory as JSON anyway. */
const MAX_TASKS = 10_000_000;
/** `heterogeneousLinks` writes m(m − 1)/2 links. */
const MAX_LINKED_PROCESSORS = 1000;

/**
 * A random layered DAG after Topcuoglu et al. (2002) §5.1, with explicit costs for every processor and edge data
 * scaled so that the mean communication cost over the mean computation cost is exactly `ccr` at bandwidth 1.
 * Runs in O(v·m + E log E) with typed arrays: 100,000 tasks take well under a second.
 */
export function generateWorkflow(params: WorkflowGeneratorParams): WorkflowSpec {
  const p = resolveWorkflowParams(params);
  const random = new Random(p.seed);
  // Independent streams: changing only ccr keeps the graph and the costs, changing only β keeps the graph
  // (paired experiments).
  const structureRandom = random.fork();
  const costRandom = random.fork();
  const dataRandom = random.fork();

  const widths = levelWidths(p.tasks, p.shape, structureRandom);
  const edges = layeredEdges(widths, p.tasks, p.outDegree, structureRandom);
  const costs = computationCosts(p.tasks, p.processorIds.length, p.meanCost, p.heterogeneity, costRandom);
  const data = edgeData(edges.length, p.ccr * mean(costs), dataRandom);

  const ids = Array.from({ length: p.tasks }, (_, i) => `t${i + 1}`);
  const m = p.processorIds.length;
  const tasks = new Array<TaskSpec>(p.tasks);
  for (let t = 0; t < p.tasks; t++) {
    const taskCosts: Record<string, number> = {};
    for (let q = 0; q < m; q++) taskCosts[p.processorIds[q]!] = costs[t * m + q]!;
    tasks[t] = { id: ids[t]!, costs: taskCosts };
  }
  const edgeSpecs = new Array<EdgeSpec>(edges.length);
  for (let k = 0; k < edges.length; k++) {
    const from = Math.floor(edges[k]! / p.tasks);
    edgeSpecs[k] = { from: ids[from]!, to: ids[edges[k]! - from * p.tasks]!, data: data[k]! };
  }
  const { tasks: v, shape, outDegree, ccr, heterogeneity, meanCost, seed } = p;
  return {
    name: params.name ?? `random-v${v}-a${shape}-ccr${ccr}-b${heterogeneity}-s${seed}`,
    tasks,
    edges: edgeSpecs,
    generator: { model: 'Topcuoglu2002', tasks: v, shape, outDegree, ccr, heterogeneity, meanCost, seed },
  };
}

/**
 * Processors p1..pm with speeds from U[speed], a default network, and optionally a link per pair with its own
 * bandwidth and latency.
 */
export function generateCluster(params: ClusterGeneratorParams): ClusterSpec {
  const m = integerParam('generateCluster', 'processors', params.processors, 1);
  const seed = seedParam('generateCluster', params.seed);
  const [minSpeed, maxSpeed] = params.speed ?? [1, 1];
  positiveParam('generateCluster', 'speed[0]', minSpeed);
  positiveParam('generateCluster', 'speed[1]', maxSpeed);
  if (maxSpeed < minSpeed) throw new RangeError(`generateCluster: speed must be [min, max] with min <= max, got [${minSpeed}, ${maxSpeed}]`);
  const bandwidth = positiveParam('generateCluster', 'bandwidth', params.bandwidth ?? 1);
  const latency = nonNegativeParam('generateCluster', 'latency', params.latency ?? 0);
  if (params.heterogeneousLinks && m > MAX_LINKED_PROCESSORS) {
    throw new RangeError(`generateCluster: heterogeneousLinks writes a link per pair; processors must be at most ${MAX_LINKED_PROCESSORS}, got ${m}`);
  }

  const random = new Random(seed);
  const speedRandom = random.fork();
  const linkRandom = random.fork();
  const processors: ProcessorSpec[] = [];
  for (let q = 1; q <= m; q++) {
    processors.push({ id: `p${q}`, speed: Math.max(SMALLEST, roundTo(speedRandom.uniform(minSpeed, maxSpeed), DECIMALS)) });
  }
  const links: LinkSpec[] = [];
  if (params.heterogeneousLinks) {
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        links.push({
          between: [processors[a]!.id, processors[b]!.id],
          bandwidth: Math.max(SMALLEST, roundTo(bandwidth * linkRandom.uniform(0.5, 1.5), DECIMALS)),
          latency: roundTo(latency * linkRandom.uniform(0.5, 1.5), DECIMALS),
        });
      }
    }
  }
  return {
    name: params.name ?? `random-${m}p-s${seed}`,
    processors,
    network: { bandwidth, latency, ...optional('links', links.length > 0 ? links : undefined) },
  };
}

/**
 * Level widths summing to exactly v: every level gets one task and the other v − height are shared out in
 * proportion to weights drawn from U[0, 2), so widths vary uniformly around their mean v / height ≈ √v·α.
 * Cumulative rounding keeps the total exact without a sort.
 */
function levelWidths(v: number, shape: number, random: Random): Int32Array {
  const height = Math.min(v, Math.ceil(Math.sqrt(v) / shape));
  const weights = new Float64Array(height);
  let total = 0;
  for (let l = 0; l < height; l++) total += weights[l] = random.uniform(0, 2);
  if (total === 0) {
    weights.fill(1);
    total = height;
  }
  const widths = new Int32Array(height);
  const spare = v - height;
  let cumulative = 0;
  let assigned = 0;
  for (let l = 0; l < height; l++) {
    cumulative += weights[l]!;
    const upTo = l === height - 1 ? spare : Math.round((spare * cumulative) / total);
    widths[l] = 1 + upTo - assigned;
    assigned = upTo;
  }
  return widths;
}

/**
 * Edges as sorted keys `from * v + to` over tasks numbered level by level. Each task of a non-final level sends
 * 1..outDegree edges to distinct tasks of later levels (most to the next); then every task of the next level
 * still without a parent gets one from the current level, so the DAG is connected level by level and its
 * entry tasks are exactly the first level. That parent is a task with fewer than outDegree edges when a few
 * random picks find one; a level more than outDegree times narrower than the next leaves no choice.
 */
function layeredEdges(widths: Int32Array, v: number, outDegree: number, random: Random): Float64Array {
  const height = widths.length;
  const levelStart = new Int32Array(height + 1);
  for (let l = 0; l < height; l++) levelStart[l + 1] = levelStart[l]! + widths[l]!;
  const hasParent = new Uint8Array(v);
  const children = new Int32Array(v);
  const keys: number[] = [];
  const chosen = new Int32Array(outDegree);
  for (let l = 0; l + 1 < height; l++) {
    for (let t = levelStart[l]!; t < levelStart[l + 1]!; t++) {
      const wanted = random.int(1, outDegree);
      let count = 0;
      // A few extra draws make up for duplicates; a narrow next level may still give fewer than `wanted`.
      for (let attempt = 0; attempt < 2 * wanted && count < wanted; attempt++) {
        const level = l + 2 >= height || random.next() < NEXT_LEVEL_SHARE ? l + 1 : random.int(l + 2, height - 1);
        const target = levelStart[level]! + random.int(0, widths[level]! - 1);
        if (isAmong(chosen, count, target)) continue;
        chosen[count++] = target;
        hasParent[target] = 1;
        keys.push(t * v + target);
      }
      children[t] = count;
    }
    for (let s = levelStart[l + 1]!; s < levelStart[l + 2]!; s++) {
      if (hasParent[s]) continue;
      hasParent[s] = 1;
      let parent = levelStart[l]! + random.int(0, widths[l]! - 1);
      for (let attempt = 0; attempt < PARENT_PICKS && children[parent]! >= outDegree; attempt++) {
        parent = levelStart[l]! + random.int(0, widths[l]! - 1);
      }
      children[parent]!++;
      keys.push(parent * v + s);
    }
  }
  return Float64Array.from(keys).sort();
}

function isAmong(values: Int32Array, count: number, value: number): boolean {
  for (let i = 0; i < count; i++) if (values[i] === value) return true;
  return false;
}

/**
 * Costs `[task * m + processor]`: w̄_i ~ U[floor, 2·w̄_DAG − floor], then w_ij ~ U[w̄_i(1 − β/2), w̄_i(1 + β/2)]
 * (Topcuoglu et al. 2002, §5.1), rounded, and never below the smallest written value.
 */
function computationCosts(v: number, m: number, meanCost: number, beta: number, random: Random): Float64Array {
  const costs = new Float64Array(v * m);
  const floor = meanCost * MEAN_COST_FLOOR;
  for (let t = 0; t < v; t++) {
    const taskMean = random.uniform(floor, 2 * meanCost - floor);
    const low = taskMean * (1 - beta / 2);
    const high = taskMean * (1 + beta / 2);
    for (let q = 0; q < m; q++) costs[t * m + q] = Math.max(SMALLEST, roundTo(random.uniform(low, high), DECIMALS));
  }
  return costs;
}

/**
 * Edge data with mean `targetMean`: draws from U[0, 1) scaled by one common factor so that the sample mean is
 * the target (not just its expectation), hence measured CCR = requested CCR up to the 4-decimal rounding. At
 * bandwidth 1 and latency 0 the data is the communication cost, which is how the paper defines CCR.
 */
function edgeData(count: number, targetMean: number, random: Random): Float64Array {
  const data = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) sum += data[k] = random.next();
  const scale = sum > 0 ? (targetMean * count) / sum : 0;
  for (let k = 0; k < count; k++) data[k] = roundTo(data[k]! * scale, DECIMALS);
  return data;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length > 0 ? sum / values.length : 0;
}

interface ResolvedWorkflowParams {
  tasks: number;
  shape: number;
  outDegree: number;
  ccr: number;
  heterogeneity: number;
  meanCost: number;
  processorIds: string[];
  seed: number | string;
}

function resolveWorkflowParams(params: WorkflowGeneratorParams): ResolvedWorkflowParams {
  const where = 'generateWorkflow';
  const heterogeneity = nonNegativeParam(where, 'heterogeneity', params.heterogeneity ?? 1);
  if (heterogeneity >= 2) throw new RangeError(`${where}: heterogeneity (β) must be in [0, 2), got ${heterogeneity}`);
  const meanCost = positiveParam(where, 'meanCost', params.meanCost ?? 20);
  if (meanCost < 0.01) throw new RangeError(`${where}: meanCost must be at least 0.01 (costs are written with ${DECIMALS} decimals), got ${meanCost}`);
  return {
    tasks: integerParam(where, 'tasks', params.tasks, 1, MAX_TASKS),
    shape: positiveParam(where, 'shape', params.shape ?? 1),
    outDegree: integerParam(where, 'outDegree', params.outDegree ?? 3, 1),
    ccr: nonNegativeParam(where, 'ccr', params.ccr ?? 1),
    heterogeneity,
    meanCost,
    processorIds: processorIdsParam(where, params.processors),
    seed: seedParam(where, params.seed),
  };
}

function processorIdsParam(where: string, processors: string[] | number): string[] {
  if (typeof processors === 'number') {
    const m = integerParam(where, 'processors', processors, 1);
    return Array.from({ length: m }, (_, q) => `p${q + 1}`);
  }
  if (!Array.isArray(processors) || processors.length === 0) {
    throw new RangeError(`${where}: processors must be a count >= 1 or a non-empty list of ids`);
  }
  const seen = new Set<string>();
  for (const id of processors) {
    if (typeof id !== 'string' || id.length === 0) throw new RangeError(`${where}: processors must be non-empty strings, got ${JSON.stringify(id)}`);
    if (seen.has(id)) throw new RangeError(`${where}: processors lists "${id}" twice`);
    seen.add(id);
  }
  return processors;
}

function integerParam(where: string, name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${where}: ${name} must be an integer ${range}, got ${value}`);
  }
  return value;
}

function positiveParam(where: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${value}`);
  return value;
}

function nonNegativeParam(where: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${where}: ${name} must be a finite number >= 0, got ${value}`);
  return value;
}

function seedParam(where: string, seed: number | string): number | string {
  if (typeof seed === 'string' || Number.isSafeInteger(seed)) return seed;
  throw new RangeError(`${where}: seed must be an integer or a string, got ${String(seed)}`);
}
