import type { SchedulingProblem } from '@hetsched/core';

/**
 * A solution of the hybrid GA (Kang & Zhang 2012, §3.3): two vectors of length n.
 *  - V1 `order`: the tasks themselves, in decreasing priority; always a precedence order (every task after all
 *    of its predecessors), so that decoding never meets a task whose inputs are not placed yet.
 *  - V2 `processorOf`: the processor of each task, indexed by task.
 * (The paper's text swaps the two names once; the brief and this code use V1 = order, V2 = processors.)
 */
export interface Chromosome {
  readonly order: Int32Array;
  readonly processorOf: Int32Array;
}

export function copyChromosome(from: Chromosome, to: Chromosome): void {
  to.order.set(from.order);
  to.processorOf.set(from.processorOf);
}

/** `position[t]` = index of task t in `order`. */
export function positionsOf(order: ArrayLike<number>, into: Int32Array = new Int32Array(order.length)): Int32Array {
  for (let k = 0; k < order.length; k++) into[order[k]!] = k;
  return into;
}

/** True when `order` lists every task once and each after all of its predecessors. */
export function isPrecedenceOrder(problem: SchedulingProblem, order: ArrayLike<number>): boolean {
  const n = problem.taskCount;
  if (order.length !== n) return false;
  const position = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const t = order[k]!;
    if (!(t >= 0 && t < n) || position[t] !== -1) return false;
    position[t] = k;
  }
  const { predOffsets, predTasks } = problem;
  for (let t = 0; t < n; t++) {
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) if (position[predTasks[i]!]! > position[t]!) return false;
  }
  return true;
}

/**
 * The first position at which two chromosomes decode differently: the first k where the task differs, or where
 * the same task has another processor. Decoding places positions in order and a placement depends only on those
 * before it, so positions before this one decode identically and a re-decode can start here.
 */
export function firstDifference(a: Chromosome, b: Chromosome): number {
  const n = a.order.length;
  for (let k = 0; k < n; k++) {
    const t = a.order[k]!;
    if (t !== b.order[k] || a.processorOf[t] !== b.processorOf[t]) return k;
  }
  return n;
}
