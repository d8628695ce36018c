import {
  downwardRanks,
  largestMagnitude,
  meanCommunicationTime,
  meanCosts,
  priorityOrder,
  rankKey,
  scheduleEarliestFinish,
  UNPINNED,
  upwardRanks,
  type Schedule,
  type SchedulingProblem,
} from '@hetsched/core';

/**
 * CPOP, Critical-Path-on-a-Processor (Topcuoglu, Hariri & Wu, IEEE TPDS 13(3), 2002, §4.2):
 *  1. priority(t) = rank_u(t) + rank_d(t), with w̄ = mean execution time and c̄ = L̄ + data / B̄;
 *  2. |CP| = the largest priority; SET_CP = the critical path: from the entry task of priority |CP|, repeatedly a
 *     successor of priority |CP|, until an exit task;
 *  3. p_CP = the processor minimising the summed execution time of SET_CP (ties: the processor listed first);
 *  4. a ready list by decreasing priority (ties by input order): a task of SET_CP goes to p_CP at its earliest
 *     start there, any other to the processor of earliest finish time; both with insertion into idle gaps, ties
 *     to the processor listed first.
 *
 * O(n log n + E·m) for ranks, path, order and data-arrival times, plus the gap searches (as HEFT). Without a
 * single entry and exit task it behaves as with the paper's zero-cost pseudo entry and exit tasks.
 */
export function cpop(problem: SchedulingProblem): Schedule {
  const mean = meanCosts(problem);
  const upward = upwardRanks(problem, mean);
  const downward = downwardRanks(problem, mean);
  const priority = upward.map((rank, t) => rank + downward[t]!);
  const path = criticalPath(problem, upward);
  const pinned = new Int32Array(problem.taskCount).fill(UNPINNED);
  const processor = criticalPathProcessor(problem, path);
  for (const t of path) pinned[t] = processor;
  return scheduleEarliestFinish(problem, priorityOrder(problem, priority), { pinned });
}

/** CPOP's priority: upward plus downward rank, both with mean execution and communication costs. */
export function cpopPriorities(problem: SchedulingProblem): Float64Array {
  const mean = meanCosts(problem);
  const downward = downwardRanks(problem, mean);
  return upwardRanks(problem, mean).map((rank, t) => rank + downward[t]!);
}

/**
 * SET_CP, entry to exit: the entry task of largest upward rank (its priority, rank_d being 0), then each time the
 * successor through which the upward rank runs (largest c̄ + rank_u). Every such successor has priority |CP|, so this
 * is the paper's rule; where several successors have priority |CP| but some only through another critical path (a
 * tie the paper does not consider), it keeps SET_CP a path of length |CP|. Ties: the lower task index. Values are
 * compared by core's rankKey (12 significant digits of the largest rank), so that rounding does not break a tie.
 */
export function criticalPath(problem: SchedulingProblem, upward: Float64Array = upwardRanks(problem)): Int32Array {
  const { taskCount: n, predOffsets, succOffsets, succTasks, succData } = problem;
  const largest = largestMagnitude(upward);
  const comparable = (x: number) => rankKey(x, largest);
  let task = -1;
  let best = -Infinity;
  for (let t = 0; t < n; t++) {
    if (predOffsets[t + 1] !== predOffsets[t]) continue;
    const key = comparable(upward[t]!);
    if (key > best) [task, best] = [t, key];
  }
  const path: number[] = [];
  while (task >= 0) {
    path.push(task);
    let next = -1;
    best = -Infinity;
    for (let i = succOffsets[task]!; i < succOffsets[task + 1]!; i++) {
      const s = succTasks[i]!;
      const key = comparable(meanCommunicationTime(problem, succData[i]!) + upward[s]!);
      if (key > best || (key === best && s < next)) [next, best] = [s, key];
    }
    task = next;
  }
  return Int32Array.from(path);
}

/** The processor on which the critical path's execution times sum least, ties to the processor listed first. */
export function criticalPathProcessor(problem: SchedulingProblem, path: Int32Array): number {
  const { processorCount: m, cost } = problem;
  let best = 0;
  let bestSum = Infinity;
  for (let p = 0; p < m; p++) {
    let sum = 0;
    for (const t of path) sum += cost[t * m + p]!;
    if (sum < bestSum) {
      bestSum = sum;
      best = p;
    }
  }
  return best;
}
