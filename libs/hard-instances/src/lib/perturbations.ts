import type { Random } from '@hetsched/core';
import { randomValue, VALUE_RANGE, type Instance, type InstanceEdge } from './instance.js';
import { MIN_TASKS } from './settings.js';

/**
 * PISA's neighbourhood (SAGA's `changes`): a weight moved by a uniform step in [-STEP, STEP] and clamped to
 * VALUE_RANGE (task work, edge data, processor speed, link bandwidth), an edge added where it keeps the graph acyclic
 * or removed; and, beyond PISA, a task added (fed by an edge from an existing task) or removed (with its edges), so
 * the workflow's size is searched too, within [MIN_TASKS, maxTasks]. The processors stay those of the start.
 */
export type ChangeKind = 'task-work' | 'edge-data' | 'processor-speed' | 'link-bandwidth' | 'add-edge' | 'remove-edge' | 'add-task' | 'remove-task';

export const CHANGE_KINDS: readonly ChangeKind[] = ['task-work', 'edge-data', 'processor-speed', 'link-bandwidth', 'add-edge', 'remove-edge', 'add-task', 'remove-task'];

/** PISA's step (SAGA's DELTA). */
export const STEP = 0.1;

/**
 * The kinds that can change this instance. A DAG on n tasks can take another edge exactly when it has fewer than
 * n(n-1)/2: with a pair not joined by an edge, one of its two directions closes no cycle (if v reaches u, u does not
 * reach v).
 */
export function applicableChanges(instance: Instance, maxTasks: number): ChangeKind[] {
  const n = instance.taskIds.length;
  const edges = instance.edges.length;
  return CHANGE_KINDS.filter((kind) => {
    switch (kind) {
      case 'edge-data':
      case 'remove-edge':
        return edges > 0;
      case 'link-bandwidth':
        return instance.processorIds.length > 1;
      case 'add-edge':
        return edges < (n * (n - 1)) / 2;
      case 'add-task':
        return n < maxTasks;
      case 'remove-task':
        return n > MIN_TASKS;
      default:
        return true;
    }
  });
}

/**
 * One random neighbour: a kind drawn uniformly among the applicable ones (SAGA draws among all and wastes the
 * iteration when the kind does not apply), then applied at random. O(n + E) per call (O(n·(n + E)) for add-edge).
 */
export function perturb(instance: Instance, random: Random, maxTasks: number): { instance: Instance; change: ChangeKind } {
  const kinds = applicableChanges(instance, maxTasks);
  const change = kinds[random.int(0, kinds.length - 1)]!;
  return { instance: applyChange(instance, change, random), change };
}

function applyChange(instance: Instance, change: ChangeKind, random: Random): Instance {
  switch (change) {
    case 'task-work': {
      const work = [...instance.work];
      const t = random.int(0, work.length - 1);
      work[t] = step(work[t]!, random);
      return { ...instance, work };
    }
    case 'edge-data': {
      const k = random.int(0, instance.edges.length - 1);
      const edges = instance.edges.map((e, i) => (i === k ? { ...e, data: step(e.data, random) } : e));
      return { ...instance, edges };
    }
    case 'processor-speed': {
      const speed = [...instance.speed];
      const p = random.int(0, speed.length - 1);
      speed[p] = step(speed[p]!, random);
      return { ...instance, speed };
    }
    case 'link-bandwidth':
      return changeBandwidth(instance, random);
    case 'add-edge':
      return addEdge(instance, random);
    case 'remove-edge': {
      const k = random.int(0, instance.edges.length - 1);
      return { ...instance, edges: instance.edges.filter((_, i) => i !== k) };
    }
    case 'add-task':
      return addTask(instance, random);
    case 'remove-task':
      return removeTask(instance, random.int(0, instance.taskIds.length - 1));
  }
}

/** value + U(-STEP, STEP), clamped to VALUE_RANGE. */
function step(value: number, random: Random): number {
  return Math.min(VALUE_RANGE.max, Math.max(VALUE_RANGE.min, value + random.uniform(-STEP, STEP)));
}

function changeBandwidth(instance: Instance, random: Random): Instance {
  const m = instance.processorIds.length;
  const p = random.int(0, m - 1);
  const q = (p + random.int(1, m - 1)) % m; // any other processor, uniformly
  const value = step(instance.bandwidth[p]![q]!, random);
  const bandwidth = instance.bandwidth.map((row) => [...row]);
  bandwidth[p]![q] = bandwidth[q]![p] = value;
  return { ...instance, bandwidth };
}

/**
 * SAGA's rule: tasks in random order; the first one with a possible target gets an edge to a random target that is
 * neither itself, nor one of its ancestors (a cycle), nor already a child (a duplicate). The data is uniform in
 * VALUE_RANGE.
 */
function addEdge(instance: Instance, random: Random): Instance {
  const n = instance.taskIds.length;
  const children = adjacency(n, instance.edges, 'out');
  const parents = adjacency(n, instance.edges, 'in');
  for (const source of random.shuffle(Array.from({ length: n }, (_, t) => t))) {
    const excluded = reachable(source, parents);
    for (const child of children[source]!) excluded.add(child);
    const targets = Array.from({ length: n }, (_, t) => t).filter((t) => !excluded.has(t));
    if (targets.length === 0) continue;
    const target = targets[random.int(0, targets.length - 1)]!;
    return { ...instance, edges: [...instance.edges, { from: source, to: target, data: randomValue(random) }] };
  }
  return instance; // not reached: applicableChanges offers add-edge only when some pair is free
}

/** A new last task (so no cycle can form), fed by an edge from a random existing task; id: the first free `t<k>`. */
function addTask(instance: Instance, random: Random): Instance {
  const n = instance.taskIds.length;
  const used = new Set(instance.taskIds);
  let k = n + 1;
  while (used.has(`t${k}`)) k++;
  const parent = random.int(0, n - 1);
  return {
    ...instance,
    taskIds: [...instance.taskIds, `t${k}`],
    work: [...instance.work, randomValue(random)],
    edges: [...instance.edges, { from: parent, to: n, data: randomValue(random) }],
  };
}

/** Task `removed` and its edges go; later tasks move down one index. */
export function removeTask(instance: Instance, removed: number): Instance {
  const renumber = (t: number) => (t > removed ? t - 1 : t);
  return {
    ...instance,
    taskIds: instance.taskIds.filter((_, t) => t !== removed),
    work: instance.work.filter((_, t) => t !== removed),
    edges: instance.edges.filter((e) => e.from !== removed && e.to !== removed).map((e) => ({ ...e, from: renumber(e.from), to: renumber(e.to) })),
  };
}

function adjacency(n: number, edges: readonly InstanceEdge[], direction: 'in' | 'out'): number[][] {
  const lists = Array.from({ length: n }, () => [] as number[]);
  for (const e of edges) {
    if (direction === 'out') lists[e.from]!.push(e.to);
    else lists[e.to]!.push(e.from);
  }
  return lists;
}

/** `start` and every task reachable from it along `next` (depth-first). */
function reachable(start: number, next: readonly (readonly number[])[]): Set<number> {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const t of next[stack.pop()!]!) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return seen;
}
