import type { ValidationIssue } from '../errors.js';
import { ValidationError } from '../errors.js';
import { DEFAULT_SPEED, type ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { checkId, checkNumber, describeValue, errorAt, IssueCollector, isPlainObject, quoteId, type Place } from './issue-collector.js';
import { jsonPath } from './json-path.js';
import { checkExtraFields } from './nesting.js';
import { checkTotalTime, MAX_TOTAL_TIME, MIN_BANDWIDTH } from './time-bounds.js';

// Re-exported here because the package index re-exports this module whole.
export { MAX_TOTAL_TIME, MIN_BANDWIDTH } from './time-bounds.js';

/** The fields the format defines at each level; any other field is kept as it is (and checked for depth only). */
const CLUSTER_FIELDS = new Set(['name', 'processors', 'network']);
const PROCESSOR_FIELDS = new Set(['id', 'speed', 'cores', 'memoryGb', 'type']);
const NETWORK_FIELDS = new Set(['bandwidth', 'latency', 'links']);
const LINK_FIELDS = new Set(['between', 'bandwidth', 'latency']);

/** Every problem with a cluster document: processors, network defaults and per-pair links. */
export function validateCluster(input: unknown): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!isPlainObject(input)) {
    issues.error('$', `a cluster must be a JSON object with "processors", got ${describeValue(input)}`);
    return issues.issues;
  }
  if (input['name'] !== undefined && typeof input['name'] !== 'string') {
    issues.error('$.name', `must be a string, got ${describeValue(input['name'])}`);
  }
  checkExtraFields(issues, input, CLUSTER_FIELDS, { path: '$', depth: 0 });
  const processors = input['processors'];
  if (!Array.isArray(processors)) {
    issues.error('$.processors', processors === undefined ? 'is required (a list of processors)' : 'must be a list of processors');
    return issues.issues;
  }
  if (processors.length === 0) issues.error('$.processors', 'the cluster is empty: it needs at least one processor');

  const indexById = new Map<string, number>();
  processors.forEach((processor, i) => {
    const path = jsonPath('$.processors', i);
    if (!isPlainObject(processor)) {
      issues.error(path, `a processor must be an object, got ${describeValue(processor)}`);
      return;
    }
    const id = processor['id'];
    if (!checkId(issues, id, jsonPath(path, 'id'), 'processor')) return;
    const first = indexById.get(id);
    if (first !== undefined) {
      issues.error(jsonPath(path, 'id'), `duplicate processor id ${quoteId(id)} (first at $.processors[${first}])`, { processorId: id });
    } else {
      indexById.set(id, i);
    }
    checkNumber(issues, processor['speed'], { path: jsonPath(path, 'speed'), processorId: id }, { greaterThan: 0 });
    checkNumber(issues, processor['cores'], { path: jsonPath(path, 'cores'), processorId: id }, { min: 1, integer: true });
    checkNumber(issues, processor['memoryGb'], { path: jsonPath(path, 'memoryGb'), processorId: id }, { min: 0 });
    if (processor['type'] !== undefined && typeof processor['type'] !== 'string') {
      errorAt(issues, { path: jsonPath(path, 'type'), processorId: id }, `must be a string, got ${describeValue(processor['type'])}`);
    }
    checkExtraFields(issues, processor, PROCESSOR_FIELDS, { path, depth: 2, processorId: id });
  });

  const network = input['network'];
  if (network === undefined) return issues.issues;
  if (!isPlainObject(network)) {
    issues.error('$.network', 'must be an object with "bandwidth", "latency" and optional "links"');
    return issues.issues;
  }
  checkBandwidth(issues, network['bandwidth'], { path: '$.network.bandwidth' });
  checkNumber(issues, network['latency'], { path: '$.network.latency' }, { min: 0 });
  checkExtraFields(issues, network, NETWORK_FIELDS, { path: '$.network', depth: 1 });
  const links = network['links'];
  if (links === undefined) return issues.issues;
  if (!Array.isArray(links)) {
    issues.error('$.network.links', 'must be a list of links');
    return issues.issues;
  }
  const seenPairs = new Map<string, number>();
  links.forEach((link, i) => {
    const path = jsonPath('$.network.links', i);
    if (!isPlainObject(link)) {
      issues.error(path, `a link must be an object with "between", got ${describeValue(link)}`);
      return;
    }
    const between = link['between'];
    const owner = Array.isArray(between) && typeof between[0] === 'string' && typeof between[1] === 'string' ? `link ${quoteId(between[0])} - ${quoteId(between[1])}` : undefined;
    checkBandwidth(issues, link['bandwidth'], { path: jsonPath(path, 'bandwidth'), ...(owner ? { owner } : {}) });
    checkNumber(issues, link['latency'], { path: jsonPath(path, 'latency'), ...(owner ? { owner } : {}) }, { min: 0 });
    checkExtraFields(issues, link, LINK_FIELDS, { path, depth: 3, ...(owner ? { owner } : {}) });
    const betweenPath = jsonPath(path, 'between');
    if (!Array.isArray(between) || between.length !== 2) {
      issues.error(betweenPath, 'must be a pair of processor ids, e.g. ["p1", "p2"]');
      return;
    }
    const [a, b] = between;
    if (!checkId(issues, a, jsonPath(betweenPath, 0), 'processor') || !checkId(issues, b, jsonPath(betweenPath, 1), 'processor')) return;
    for (const [k, id] of [a, b].entries()) {
      if (!indexById.has(id)) issues.error(jsonPath(betweenPath, k), `link to unknown processor ${quoteId(id)}`, { processorId: id });
    }
    if (a === b) {
      issues.error(betweenPath, `a link joins two different processors, got ${quoteId(a)} twice (communication on one processor is free)`, { processorId: a });
      return;
    }
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const first = seenPairs.get(key);
    if (first !== undefined) {
      issues.error(path, `duplicate link between ${quoteId(a)} and ${quoteId(b)} (first at $.network.links[${first}]; links are symmetric)`, { processorId: a });
    } else {
      seenPairs.set(key, i);
    }
  });
  return issues.issues;
}

/**
 * A bandwidth: a number > 0 whose inverse (the time to move one data unit, which the schedulers multiply data by)
 * is finite and within the total-time limit, i.e. at least MIN_BANDWIDTH.
 */
function checkBandwidth(issues: IssueCollector, value: unknown, place: Place): void {
  if (!checkNumber(issues, value, place, { greaterThan: 0 }) || value >= MIN_BANDWIDTH) return;
  errorAt(issues, place, `must be at least ${MIN_BANDWIDTH} (moving one data unit, 1 / bandwidth, must take at most ${MAX_TOTAL_TIME}), got ${value}`);
}

export function parseCluster(input: unknown, what = 'cluster'): ClusterSpec {
  const issues = validateCluster(input);
  if (issues.some((i) => i.severity === 'error')) throw new ValidationError(issues, what);
  return input as ClusterSpec;
}

/**
 * Checks that need both documents: each task needs a time on every processor (an explicit cost, or `work` to
 * divide by the processor's speed), and the problem's total time must stay within MAX_TOTAL_TIME (time-bounds.ts)
 * so that no schedule time can overflow. A cost for a processor the cluster lacks is only a warning: one workflow
 * may be scheduled on several clusters.
 *
 * One pass over the tasks' own cost keys: each key is looked up once in a map of processor ids, the processors a
 * task has a cost for are stamped in a typed array (no set per task), and the task's longest time is kept in a
 * Float64Array for the total-time check, so that it does not look the costs up again. O(n·m + E + links) time for
 * n tasks, m processors and E edges, O(n + m) extra memory; nothing is allocated per cost unless it is reported.
 */
export function validateProblem(workflow: WorkflowSpec, cluster: ClusterSpec): ValidationIssue[] {
  const issues = new IssueCollector();
  const processors = indexProcessors(cluster);
  const tasks = workflow.tasks;
  const longest = new Float64Array(tasks.length);
  for (let i = 0; i < tasks.length; i++) longest[i] = checkTaskTimes(issues, tasks[i]!, i, processors);
  // The total needs every task's time on every processor: only once the checks above found them all.
  if (!issues.hasErrors) checkTotalTime(issues, workflow, cluster, longest);
  return issues.issues;
}

/** The cluster's processors for validateProblem: ids to a dense index (duplicates share one), speeds, stamps. */
interface ProcessorIndex {
  cluster: ClusterSpec;
  indexById: Map<string, number>;
  /** Per processor position, the dense index of its id. */
  denseIndex: Int32Array;
  speeds: Float64Array;
  slowestSpeed: number;
  /** Per dense index, 1 + the last task found with a cost for it. */
  stamps: Int32Array;
}

function indexProcessors(cluster: ClusterSpec): ProcessorIndex {
  const m = cluster.processors.length;
  const indexById = new Map<string, number>();
  const denseIndex = new Int32Array(m);
  const speeds = new Float64Array(m);
  let slowestSpeed = Infinity;
  for (let k = 0; k < m; k++) {
    const processor = cluster.processors[k]!;
    let index = indexById.get(processor.id);
    if (index === undefined) indexById.set(processor.id, (index = indexById.size));
    denseIndex[k] = index;
    speeds[k] = processor.speed ?? DEFAULT_SPEED;
    slowestSpeed = Math.min(slowestSpeed, speeds[k]!);
  }
  return { cluster, indexById, denseIndex, speeds, slowestSpeed, stamps: new Int32Array(indexById.size) };
}

/**
 * Reports a task's costs for unknown processors (warnings) and the processors it has no time on (an error), and
 * returns its longest time over the processors: its explicit cost, else work / speed, on each.
 */
function checkTaskTimes(issues: IssueCollector, task: WorkflowSpec['tasks'][number], i: number, processors: ProcessorIndex): number {
  const costs = task.costs;
  const stamp = i + 1;
  let known = 0;
  let longest = -1;
  if (costs !== undefined) {
    // Own keys only (Object.keys never yields inherited names such as "constructor").
    for (const processorId of Object.keys(costs)) {
      const index = processors.indexById.get(processorId);
      if (index === undefined) {
        issues.warning(jsonPath(costsPath(i), processorId), `cost for processor ${quoteId(processorId)}, which the cluster does not have (ignored)`, {
          taskId: task.id,
          processorId,
        });
        continue;
      }
      const cost = costs[processorId];
      if (cost === undefined) continue;
      known++;
      processors.stamps[index] = stamp;
      if (cost > longest) longest = cost;
    }
  }
  const unique = processors.stamps.length;
  if (known === unique) return longest;
  const work = task.work;
  if (work === undefined) {
    reportMissingCosts(issues, task, i, processors.cluster);
    return longest;
  }
  // Division by a positive speed is monotonic: the slowest processor gives the longest time of `work`.
  if (known === 0) return Math.max(longest, work / processors.slowestSpeed);
  const { denseIndex, speeds, stamps } = processors;
  for (let k = 0; k < denseIndex.length; k++) {
    if (stamps[denseIndex[k]!] === stamp) continue;
    const time = work / speeds[k]!;
    if (time > longest) longest = time;
  }
  return longest;
}

const costsPath = (i: number) => jsonPath(jsonPath('$.tasks', i), 'costs');

function reportMissingCosts(issues: IssueCollector, task: WorkflowSpec['tasks'][number], i: number, cluster: ClusterSpec): void {
  const costs = task.costs ?? {};
  const missing = cluster.processors.filter((p) => !Object.hasOwn(costs, p.id) || costs[p.id] === undefined).map((p) => p.id);
  const list = missing.slice(0, 5).map(quoteId).join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
  issues.error(costsPath(i), `task ${quoteId(task.id)} has no cost for processor${missing.length > 1 ? 's' : ''} ${list} and no "work" to fall back on`, {
    taskId: task.id,
    processorId: missing[0],
  });
}
