import type { Random, SchedulingProblem } from '@hetsched/core';
import type { Chromosome } from './chromosome.js';

/** The arrays of a problem the operators, the decoder and the local search read (what a worker thread receives). */
export type ProblemArrays = Pick<
  SchedulingProblem,
  | 'taskCount'
  | 'processorCount'
  | 'cost'
  | 'predOffsets'
  | 'predTasks'
  | 'predData'
  | 'succOffsets'
  | 'succTasks'
  | 'succData'
  | 'latency'
  | 'inverseBandwidth'
  | 'topologicalOrder'
>;

/** The same vector (V1 or V2) of parents A and B. */
export type Parents = readonly [a: Int32Array, b: Int32Array];

/**
 * One-point order crossover (§3.4): the child's V1 is parent A's order up to `cut`, then the remaining tasks in
 * parent B's order. It keeps precedence: a prefix of a precedence order holds every predecessor of its tasks,
 * and the rest keeps B's (valid) relative order. `taken` is scratch of length n.
 */
export function orderCrossover([a, b]: Parents, cut: number, child: Int32Array, taken: Uint8Array): void {
  const n = a.length;
  taken.fill(0);
  for (let k = 0; k < cut; k++) {
    const t = a[k]!;
    child[k] = t;
    taken[t] = 1;
  }
  let k = cut;
  for (let j = 0; j < n && k < n; j++) {
    const t = b[j]!;
    if (taken[t] === 0) child[k++] = t;
  }
}

/**
 * The paper's exchange of processor assignments (V2): one-point crossover on the task-indexed vector — tasks
 * below `cut` keep parent A's processor, the others take parent B's.
 */
export function processorCrossoverByTask([a, b]: Parents, cut: number, child: Int32Array): void {
  for (let t = 0; t < a.length; t++) child[t] = t < cut ? a[t]! : b[t]!;
}

/**
 * The improved variant's exchange: the tasks the child took from parent B's part of the order (positions >= cut)
 * also take B's processors. Order and processor of a task then come from the same parent, so the child is
 * exactly A up to the cut (its decode is A's, reused) and B's arrangement of the rest, not a mix that neither
 * parent's schedule supports.
 */
export function processorCrossoverBySegment([a, b]: Parents, childOrder: Int32Array, cut: number, child: Int32Array): void {
  for (let k = 0; k < childOrder.length; k++) {
    const t = childOrder[k]!;
    child[t] = k < cut ? a[t]! : b[t]!;
  }
}

/** A chromosome with its positions (`position[t]` = index of task t in `order`). */
export type Positioned = Chromosome & { readonly position: Int32Array };

/**
 * Activity-based mutation (§3.5): each task, with probability `rate`, moves to another processor drawn
 * uniformly (never its own: a mutation that changes nothing would only cost a decode). Returns the lowest
 * position changed (n when none), for incremental re-decoding.
 */
export function mutateProcessors(individual: Positioned, processorCount: number, rate: number, random: Random): number {
  const { processorOf, position } = individual;
  let first = processorOf.length;
  if (processorCount < 2 || rate <= 0) return first;
  for (let t = 0; t < processorOf.length; t++) {
    if (random.next() >= rate) continue;
    const other = random.int(0, processorCount - 2);
    processorOf[t] = other >= processorOf[t]! ? other + 1 : other;
    if (position[t]! < first) first = position[t]!;
  }
  return first;
}

/**
 * The positions task `t` may occupy in `order` without breaking precedence: after its last predecessor and
 * before its first successor (positions as in `position`, with t still in place).
 */
export function precedenceWindow(problem: ProblemArrays, position: Int32Array, t: number): { lo: number; hi: number } {
  let lo = 0;
  let hi = problem.taskCount - 1;
  for (let i = problem.predOffsets[t]!; i < problem.predOffsets[t + 1]!; i++) lo = Math.max(lo, position[problem.predTasks[i]!]! + 1);
  for (let i = problem.succOffsets[t]!; i < problem.succOffsets[t + 1]!; i++) hi = Math.min(hi, position[problem.succTasks[i]!]! - 1);
  return { lo, hi };
}

/**
 * Moves the task at position `from` to position `to` (the others between shift by one), updating `position`.
 * Precedence holds when `to` is inside the task's precedence window.
 */
export function moveInOrder(order: Int32Array, position: Int32Array, from: number, to: number): void {
  const t = order[from]!;
  if (to < from) {
    for (let k = from; k > to; k--) {
      const u = order[k - 1]!;
      order[k] = u;
      position[u] = k;
    }
  } else {
    for (let k = from; k < to; k++) {
      const u = order[k + 1]!;
      order[k] = u;
      position[u] = k;
    }
  }
  order[to] = t;
  position[t] = to;
}

/**
 * Order mutation (not in the paper): one random task moves to a random other position of its precedence
 * window. The paper's operators only ever re-order tasks through crossover, so the priority of a task relative
 * to the tasks between its predecessors and successors is never explored on its own. Returns the first position
 * changed (n when the task could not move).
 */
export function mutateOrder(problem: ProblemArrays, chromosome: Chromosome, position: Int32Array, random: Random): number {
  const n = problem.taskCount;
  if (n < 2) return n;
  const t = random.int(0, n - 1);
  const from = position[t]!;
  const { lo, hi } = precedenceWindow(problem, position, t);
  if (hi <= lo) return n;
  let to = random.int(lo, hi - 1);
  if (to >= from) to++;
  moveInOrder(chromosome.order, position, from, to);
  return Math.min(from, to);
}
