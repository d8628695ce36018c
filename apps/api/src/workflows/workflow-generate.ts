import { generateCluster, generateWorkflow, type ClusterGeneratorParams, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { BadUserInputError } from '../common/errors.js';
import type { GenerateClusterInput, GenerateWorkflowInput } from './workflow-generate.input.js';

/** A numeric parameter's accepted range and default; `minExclusive`: the minimum itself is refused. */
export interface Bounds {
  min: number;
  max: number;
  default?: number;
  integer?: boolean;
  minExclusive?: boolean;
}

/**
 * Bounds of generateWorkflow's parameters. The generator accepts far more (10 million tasks); a request is bounded
 * so that one mutation stays a sub-second piece of work on the API: 20,000 tasks and 2 million costs generate in
 * about 0.3 s and store as a document of a few MB.
 */
export const WORKFLOW_BOUNDS = {
  tasks: { min: 1, max: 20_000, integer: true },
  shape: { min: 0.05, max: 20, default: 1 },
  outDegree: { min: 1, max: 50, default: 3, integer: true },
  ccr: { min: 0, max: 100, default: 1 },
  // β < 2 keeps every cost positive (w̄(1 − β/2) > 0).
  heterogeneity: { min: 0, max: 1.99, default: 1 },
  meanCost: { min: 0.01, max: 1_000_000, default: 20 },
  seed: { min: 0, max: 2_147_483_647, default: 1, integer: true },
} satisfies Record<string, Bounds>;

/** tasks × processors: the size of the cost table the document carries. */
export const MAX_COST_ENTRIES = 2_000_000;
export const MAX_GENERATED_NAME_LENGTH = 200;

/** A link per pair is m(m − 1)/2 links: 256 processors give 32,640. */
export const CLUSTER_BOUNDS = {
  processors: { min: 1, max: 256, integer: true },
  speedMin: { min: 0.01, max: 1000, default: 1 },
  speedMax: { min: 0.01, max: 1000 },
  bandwidth: { min: 0, max: 1e9, default: 1, minExclusive: true },
  latency: { min: 0, max: 1e6, default: 0 },
} satisfies Record<string, Bounds>;

/** What a generateWorkflow request makes: the workflow, and the cluster when it asked for a new one. */
export interface GeneratedDocuments {
  workflow: WorkflowSpec;
  cluster?: ClusterSpec;
}

/** The value of one parameter, its default when absent; BAD_USER_INPUT naming `field` when out of bounds. */
export function boundedParam(field: string, value: number | null | undefined, bounds: Bounds): number {
  const resolved = value ?? bounds.default;
  if (resolved === undefined) throw new BadUserInputError(`${field} is required`, [], { field });
  const below = bounds.minExclusive ? resolved <= bounds.min : resolved < bounds.min;
  if (!Number.isFinite(resolved) || below || resolved > bounds.max || (bounds.integer && !Number.isInteger(resolved))) {
    const kind = bounds.integer ? 'an integer' : 'a number';
    const low = bounds.minExclusive ? `above ${bounds.min}` : `between ${bounds.min}`;
    const range = bounds.minExclusive ? `${low} and at most ${bounds.max}` : `${low} and ${bounds.max}`;
    throw new BadUserInputError(`${field}: must be ${kind} ${range}, got ${resolved}`, [], { field });
  }
  return resolved;
}

/** The random cluster's generator parameters, every one checked against CLUSTER_BOUNDS. */
export function clusterParams(input: GenerateClusterInput, seed: number, field = 'input.cluster'): ClusterGeneratorParams {
  const speedMin = boundedParam(`${field}.speedMin`, input.speedMin, CLUSTER_BOUNDS.speedMin);
  const speedMax = boundedParam(`${field}.speedMax`, input.speedMax ?? speedMin, CLUSTER_BOUNDS.speedMax);
  if (speedMax < speedMin) {
    throw new BadUserInputError(`${field}.speedMax: must be at least speedMin (${speedMin}), got ${speedMax}`, [], { field: `${field}.speedMax` });
  }
  return {
    processors: boundedParam(`${field}.processors`, input.processors, CLUSTER_BOUNDS.processors),
    speed: [speedMin, speedMax],
    bandwidth: boundedParam(`${field}.bandwidth`, input.bandwidth, CLUSTER_BOUNDS.bandwidth),
    latency: boundedParam(`${field}.latency`, input.latency, CLUSTER_BOUNDS.latency),
    heterogeneousLinks: input.heterogeneousLinks ?? false,
    seed,
    ...(input.name != null ? { name: checkedName(`${field}.name`, input.name) } : {}),
  };
}

/**
 * The documents of a request: the cluster first when the request asks for one (its processors p1..pm get the costs),
 * else the processors of the stored cluster `existing` names. Every parameter is checked before anything is made.
 */
export function generateDocuments(input: GenerateWorkflowInput, existing?: ClusterSpec): GeneratedDocuments {
  const seed = boundedParam('input.seed', input.seed, WORKFLOW_BOUNDS.seed);
  const tasks = boundedParam('input.tasks', input.tasks, WORKFLOW_BOUNDS.tasks);
  const params = {
    tasks,
    shape: boundedParam('input.shape', input.shape, WORKFLOW_BOUNDS.shape),
    outDegree: boundedParam('input.outDegree', input.outDegree, WORKFLOW_BOUNDS.outDegree),
    ccr: boundedParam('input.ccr', input.ccr, WORKFLOW_BOUNDS.ccr),
    heterogeneity: boundedParam('input.heterogeneity', input.heterogeneity, WORKFLOW_BOUNDS.heterogeneity),
    meanCost: boundedParam('input.meanCost', input.meanCost, WORKFLOW_BOUNDS.meanCost),
    seed,
    ...(input.name != null ? { name: checkedName('input.name', input.name) } : {}),
  };
  const wanted = input.cluster ? clusterParams(input.cluster, seed) : undefined;
  const processorCount = wanted?.processors ?? existing?.processors.length ?? 0;
  if (!wanted && !existing) throw new BadUserInputError('input: give exactly one of clusterId or cluster', [], { field: 'input' });
  if (tasks * processorCount > MAX_COST_ENTRIES) {
    throw new BadUserInputError(`input.tasks: tasks x processors must be at most ${MAX_COST_ENTRIES}, got ${tasks} x ${processorCount}`, [], { field: 'input.tasks' });
  }
  return rangeErrorsAsInput(() => {
    const cluster = wanted ? generateCluster(wanted) : undefined;
    const processors = (cluster ?? existing!).processors.map((p) => p.id);
    return { workflow: generateWorkflow({ ...params, processors }), ...(cluster ? { cluster } : {}) };
  });
}

function checkedName(field: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_GENERATED_NAME_LENGTH) {
    throw new BadUserInputError(`${field}: must have 1 to ${MAX_GENERATED_NAME_LENGTH} characters, got ${trimmed.length}`, [], { field });
  }
  return trimmed;
}

/** The generators throw RangeError naming the parameter; the bounds above should catch everything first. */
function rangeErrorsAsInput<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError) throw new BadUserInputError(`input: ${error.message}`, [], { field: 'input' });
    throw error;
  }
}
