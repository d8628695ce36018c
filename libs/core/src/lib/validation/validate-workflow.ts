import type { ValidationIssue } from '../errors.js';
import { ValidationError } from '../errors.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { checkId, checkNumber, describeValue, errorAt, IssueCollector, isPlainObject, quoteId } from './issue-collector.js';
import { jsonPath } from './json-path.js';
import { checkExtraFields } from './nesting.js';

// Re-exported here because the package index re-exports this module whole.
export { MAX_NESTING_DEPTH } from './nesting.js';
export { quoteId } from './issue-collector.js';

/** The fields the format defines at each level; any other field is kept as it is (and checked for depth only). */
const WORKFLOW_FIELDS = new Set(['name', 'tasks', 'edges']);
const TASK_FIELDS = new Set(['id', 'work', 'costs', 'memoryGb', 'priority']);
const EDGE_FIELDS = new Set(['from', 'to', 'data']);

/**
 * Every problem with a workflow document, structural and graph-level: missing or mistyped fields, duplicate task
 * ids, self-loops, duplicate edges, edges to unknown tasks, bad numbers and cycles (naming the tasks on one).
 * Checks that need the cluster (a cost for every processor) are in `validateProblem`.
 */
export function validateWorkflow(input: unknown): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!isPlainObject(input)) {
    issues.error('$', `a workflow must be a JSON object with "tasks" and "edges", got ${describeValue(input)}`);
    return issues.issues;
  }
  if (input['name'] !== undefined && typeof input['name'] !== 'string') {
    issues.error('$.name', `must be a string, got ${describeValue(input['name'])}`);
  }
  checkExtraFields(issues, input, WORKFLOW_FIELDS, { path: '$', depth: 0 });
  const tasks = input['tasks'];
  if (!Array.isArray(tasks)) {
    issues.error('$.tasks', tasks === undefined ? 'is required (a list of tasks)' : 'must be a list of tasks');
    return issues.issues;
  }
  if (tasks.length === 0) issues.error('$.tasks', 'the workflow is empty: it needs at least one task');

  const indexById = new Map<string, number>();
  tasks.forEach((task, i) => {
    const path = jsonPath('$.tasks', i);
    if (!isPlainObject(task)) {
      issues.error(path, `a task must be an object, got ${describeValue(task)}`);
      return;
    }
    const id = task['id'];
    if (!checkId(issues, id, () => jsonPath(path, 'id'), 'task')) return;
    const first = indexById.get(id);
    if (first !== undefined) {
      issues.error(jsonPath(path, 'id'), `duplicate task id ${quoteId(id)} (first at $.tasks[${first}])`, { taskId: id });
    } else {
      indexById.set(id, i);
    }
    checkNumber(issues, task['work'], { path: () => jsonPath(path, 'work'), taskId: id }, { min: 0 });
    checkNumber(issues, task['memoryGb'], { path: () => jsonPath(path, 'memoryGb'), taskId: id }, { min: 0 });
    if (task['priority'] !== undefined) checkNumber(issues, task['priority'], { path: () => jsonPath(path, 'priority'), taskId: id }, {});
    checkCosts(issues, task['costs'], path, id);
    if (task['work'] === undefined && task['costs'] === undefined) {
      issues.error(path, `task ${quoteId(id)} has neither "work" nor "costs": its execution time is unknown`, { taskId: id });
    }
    checkExtraFields(issues, task, TASK_FIELDS, { path, depth: 2, taskId: id });
  });

  const edges = input['edges'];
  if (edges === undefined) {
    issues.error('$.edges', 'is required (a list of edges; [] for independent tasks)');
    return issues.issues;
  }
  if (!Array.isArray(edges)) {
    issues.error('$.edges', 'must be a list of edges');
    return issues.issues;
  }

  // Adjacency over task indices for the cycle search; only edges between known, distinct tasks take part.
  const successors: number[][] = tasks.map(() => []);
  const seenEdges = new Map<string, number>();
  edges.forEach((edge, i) => {
    const path = jsonPath('$.edges', i);
    if (!isPlainObject(edge)) {
      issues.error(path, `an edge must be an object with "from" and "to", got ${describeValue(edge)}`);
      return;
    }
    const from = edge['from'];
    const to = edge['to'];
    const fromOk = checkId(issues, from, () => jsonPath(path, 'from'), 'task');
    const toOk = checkId(issues, to, () => jsonPath(path, 'to'), 'task');
    const owner = fromOk && toOk ? `edge ${quoteId(from)} -> ${quoteId(to)}` : undefined;
    checkNumber(issues, edge['data'], { path: () => jsonPath(path, 'data'), ...(owner ? { owner } : {}) }, { min: 0 });
    checkExtraFields(issues, edge, EDGE_FIELDS, { path, depth: 2, ...(owner ? { owner } : {}) });
    if (!fromOk || !toOk) return;
    const fromIndex = indexById.get(from);
    const toIndex = indexById.get(to);
    if (fromIndex === undefined) issues.error(jsonPath(path, 'from'), `edge from unknown task ${quoteId(from)}`, { taskId: from });
    if (toIndex === undefined) issues.error(jsonPath(path, 'to'), `edge to unknown task ${quoteId(to)}`, { taskId: to });
    if (from === to) {
      issues.error(path, `self-loop on task ${quoteId(from)}`, { taskId: from });
      return;
    }
    const key = `${from}\u0000${to}`;
    const first = seenEdges.get(key);
    if (first !== undefined) {
      issues.error(path, `duplicate edge ${quoteId(from)} -> ${quoteId(to)} (first at $.edges[${first}])`, { taskId: from });
      return;
    }
    seenEdges.set(key, i);
    if (fromIndex !== undefined && toIndex !== undefined) successors[fromIndex]!.push(toIndex);
  });

  const cycle = findCycle(successors);
  if (cycle) {
    const names = cycle.map((i) => (tasks[i] as { id: string }).id);
    issues.error('$.edges', `the workflow has a cycle: ${describeCycle(names)}`, { taskId: names[0] });
  }
  return issues.issues;
}

/** Most tasks of a cycle a message lists: a cycle through 100,000 tasks must not make a megabyte-long line. */
const MAX_CYCLE_NAMES = 10;

/** `"a" -> "b" -> "a"`, or the first tasks and the count for a long cycle. */
function describeCycle(names: readonly string[]): string {
  if (names.length <= MAX_CYCLE_NAMES) return [...names, names[0]!].map(quoteId).join(' -> ');
  return `${names.slice(0, MAX_CYCLE_NAMES).map(quoteId).join(' -> ')} -> … (${names.length} tasks in all)`;
}

/** A task's `costs`: an object of numbers >= 0 keyed by processor id (any id: ids are data, "constructor" too). */
function checkCosts(issues: IssueCollector, costs: unknown, taskPath: string, taskId: string): void {
  if (costs === undefined) return;
  if (!isPlainObject(costs)) {
    errorAt(issues, { path: jsonPath(taskPath, 'costs'), taskId }, 'must be an object mapping processor ids to times');
    return;
  }
  for (const processorId of Object.keys(costs)) {
    const cost = costs[processorId];
    // Hot loop (tasks x processors): a valid cost costs two comparisons and no allocation.
    if (typeof cost === 'number' && cost >= 0 && cost < Infinity) continue;
    const place = { path: jsonPath(jsonPath(taskPath, 'costs'), processorId), taskId, processorId };
    if (cost === undefined) errorAt(issues, place, 'must be a number');
    else checkNumber(issues, cost, place, { min: 0 });
  }
}

/** Throws a ValidationError listing every problem; returns the document typed when it is valid. */
export function parseWorkflow(input: unknown, what = 'workflow'): WorkflowSpec {
  const issues = validateWorkflow(input);
  if (issues.some((i) => i.severity === 'error')) throw new ValidationError(issues, what);
  return input as WorkflowSpec;
}

/**
 * Kahn's algorithm; if some nodes are never freed they lie on or behind a cycle. Every such node keeps at least
 * one unfreed predecessor, so walking predecessors from one of them must revisit a node: that loop is a cycle.
 * Returns its nodes in edge order, or undefined for a DAG.
 */
export function findCycle(successors: readonly (readonly number[])[]): number[] | undefined {
  const n = successors.length;
  const inDegree = new Int32Array(n);
  for (const list of successors) for (const s of list) inDegree[s]!++;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (inDegree[v] === 0) queue[tail++] = v;
  while (head < tail) {
    const v = queue[head++]!;
    for (const s of successors[v]!) if (--inDegree[s]! === 0) queue[tail++] = s;
  }
  if (tail === n) return undefined;

  const stuckPredecessor = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    if (inDegree[v] === 0) continue;
    for (const s of successors[v]!) if (inDegree[s]! > 0) stuckPredecessor[s] = v;
  }
  let start = 0;
  while (inDegree[start] === 0) start++;
  const visitedAt = new Int32Array(n).fill(-1);
  const walk: number[] = [];
  let v = start;
  while (visitedAt[v] === -1) {
    visitedAt[v] = walk.length;
    walk.push(v);
    v = stuckPredecessor[v]!;
  }
  // walk follows predecessors; the cycle is the tail from the repeated node, reversed into edge direction.
  return walk.slice(visitedAt[v]).reverse();
}
