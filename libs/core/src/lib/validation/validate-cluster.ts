import type { ValidationIssue } from '../errors.js';
import { ValidationError } from '../errors.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { checkId, checkNumber, describeValue, IssueCollector, isPlainObject } from './issue-collector.js';
import { jsonPath } from './json-path.js';

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
      issues.error(jsonPath(path, 'id'), `duplicate processor id "${id}" (first at $.processors[${first}])`, { processorId: id });
    } else {
      indexById.set(id, i);
    }
    const ids = { processorId: id };
    checkNumber(issues, processor['speed'], jsonPath(path, 'speed'), { greaterThan: 0 }, ids);
    checkNumber(issues, processor['cores'], jsonPath(path, 'cores'), { min: 1, integer: true }, ids);
    checkNumber(issues, processor['memoryGb'], jsonPath(path, 'memoryGb'), { min: 0 }, ids);
    if (processor['type'] !== undefined && typeof processor['type'] !== 'string') {
      issues.error(jsonPath(path, 'type'), `must be a string, got ${describeValue(processor['type'])}`, ids);
    }
  });

  const network = input['network'];
  if (network === undefined) return issues.issues;
  if (!isPlainObject(network)) {
    issues.error('$.network', 'must be an object with "bandwidth", "latency" and optional "links"');
    return issues.issues;
  }
  checkNumber(issues, network['bandwidth'], '$.network.bandwidth', { greaterThan: 0 });
  checkNumber(issues, network['latency'], '$.network.latency', { min: 0 });
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
    checkNumber(issues, link['bandwidth'], jsonPath(path, 'bandwidth'), { greaterThan: 0 });
    checkNumber(issues, link['latency'], jsonPath(path, 'latency'), { min: 0 });
    const between = link['between'];
    const betweenPath = jsonPath(path, 'between');
    if (!Array.isArray(between) || between.length !== 2) {
      issues.error(betweenPath, 'must be a pair of processor ids, e.g. ["p1", "p2"]');
      return;
    }
    const [a, b] = between;
    if (!checkId(issues, a, jsonPath(betweenPath, 0), 'processor') || !checkId(issues, b, jsonPath(betweenPath, 1), 'processor')) return;
    for (const [k, id] of [a, b].entries()) {
      if (!indexById.has(id)) issues.error(jsonPath(betweenPath, k), `link to unknown processor "${id}"`, { processorId: id });
    }
    if (a === b) {
      issues.error(betweenPath, `a link joins two different processors, got "${a}" twice (communication on one processor is free)`, { processorId: a });
      return;
    }
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const first = seenPairs.get(key);
    if (first !== undefined) {
      issues.error(path, `duplicate link between "${a}" and "${b}" (first at $.network.links[${first}]; links are symmetric)`, { processorId: a });
    } else {
      seenPairs.set(key, i);
    }
  });
  return issues.issues;
}

export function parseCluster(input: unknown, what = 'cluster'): ClusterSpec {
  const issues = validateCluster(input);
  if (issues.some((i) => i.severity === 'error')) throw new ValidationError(issues, what);
  return input as ClusterSpec;
}

/**
 * Checks that need both documents: each task needs a time on every processor (an explicit cost, or `work` to
 * divide by the processor's speed). A cost for a processor the cluster lacks is only a warning: one workflow may
 * be scheduled on several clusters.
 */
export function validateProblem(workflow: WorkflowSpec, cluster: ClusterSpec): ValidationIssue[] {
  const issues = new IssueCollector();
  const processorIds = new Set(cluster.processors.map((p) => p.id));
  workflow.tasks.forEach((task, i) => {
    const costsPath = () => jsonPath(jsonPath('$.tasks', i), 'costs');
    const costs = task.costs ?? {};
    // One pass over the task's own cost keys (Object.keys never yields inherited names such as "constructor").
    let known = 0;
    for (const processorId of Object.keys(costs)) {
      if (processorIds.has(processorId)) {
        if (costs[processorId] !== undefined) known++;
      } else {
        issues.warning(jsonPath(costsPath(), processorId), `cost for processor "${processorId}", which the cluster does not have (ignored)`, {
          taskId: task.id,
          processorId,
        });
      }
    }
    if (task.work === undefined && known < processorIds.size) {
      const missing = cluster.processors.filter((p) => !Object.hasOwn(costs, p.id) || costs[p.id] === undefined).map((p) => p.id);
      const list = missing.slice(0, 5).map((id) => `"${id}"`).join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
      issues.error(costsPath(), `task "${task.id}" has no cost for processor${missing.length > 1 ? 's' : ''} ${list} and no "work" to fall back on`, {
        taskId: task.id,
        processorId: missing[0],
      });
    }
  });
  return issues.issues;
}
