import type { SchedulingProblem } from '@hetsched/core';

/**
 * HBMCT's groups of independent tasks: walk the ranked list and start a new group whenever a task has a predecessor
 * in the current group. Consecutive in the list, so every predecessor of a group's task lies in an earlier group.
 * Returns offsets into `order`: group g is `order[offsets[g] .. offsets[g + 1])`. O(n + E).
 */
export function independentGroups(problem: SchedulingProblem, order: ArrayLike<number>): Int32Array {
  const { taskCount: n, predOffsets, predTasks } = problem;
  const groupOf = new Int32Array(n).fill(-1);
  const offsets = [0];
  let current = 0;
  for (let k = 0; k < order.length; k++) {
    const t = order[k]!;
    let dependent = false;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]! && !dependent; i++) dependent = groupOf[predTasks[i]!] === current;
    if (dependent && k > 0) {
      offsets.push(k);
      current++;
    }
    groupOf[t] = current;
  }
  offsets.push(order.length);
  return Int32Array.from(offsets);
}
