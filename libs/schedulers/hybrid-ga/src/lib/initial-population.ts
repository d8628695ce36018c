import { priorityOrder, scheduleEarliestFinish, upwardRanks, type Random, type SchedulingProblem } from '@hetsched/core';
import type { Chromosome } from './chromosome.js';
import { followProbability, type Coupling } from './coupling.js';

/**
 * HEFT's own schedule as a chromosome (§3.3, "near optimal solutions obtained by the list scheduling
 * algorithm"): V1 = decreasing upward rank (mean costs, mean communication), V2 = the processor HEFT's
 * insertion-based earliest-finish-time phase chose. Decoding it gives HEFT's schedule exactly: each task meets
 * the same ready time and the same timelines as in HEFT, and HEFT put it where it now goes. Built from core's
 * primitives, as `heft()` of the heft plugin is (a test checks they agree).
 */
export function heftChromosome(problem: SchedulingProblem): Chromosome {
  const order = priorityOrder(problem, upwardRanks(problem));
  const { processorOf } = scheduleEarliestFinish(problem, order);
  return { order, processorOf: Int32Array.from(processorOf) };
}

/**
 * A random-rank solution (§3.3, first way): a random execution time per task, no communication, HEFT's
 * task-prioritising phase on those (upward rank, equation 5) gives V1; V2 draws every processor at random. The
 * random time of a task is drawn between its cheapest and its dearest processor, so orders stay plausible for
 * this workflow (the paper does not say from where; uniform over the task's own range is the least biased).
 */
export function randomRankSolution(problem: SchedulingProblem, random: Random, into: Chromosome): void {
  const { taskCount: n, processorCount: m, cost } = problem;
  const randomCost = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let low = Infinity;
    let high = -Infinity;
    for (let p = 0; p < m; p++) {
      const c = cost[t * m + p]!;
      if (c < low) low = c;
      if (c > high) high = c;
    }
    randomCost[t] = low === high ? low : random.uniform(low, high);
  }
  into.order.set(priorityOrder(problem, upwardRanks(problem, randomCost, false)));
  for (let t = 0; t < n; t++) into.processorOf[t] = random.int(0, m - 1);
}

/** What every coupling solution of a problem shares: its coupling factors and HEFT's order. */
export interface CouplingGuide {
  coupling: Coupling;
  heftOrder: Int32Array;
}

/**
 * A coupling solution (§3.3, second way): V1 from upward ranks with mean costs and real communication (HEFT's
 * order); V2 walks that order and puts each task, with probability CF / (1 + CF), on the processor of its most
 * strongly coupled predecessor, else on a random processor — "the strongly coupled tasks are scheduled onto the
 * same processor in a high probability".
 */
export function couplingSolution(problem: SchedulingProblem, { coupling, heftOrder }: CouplingGuide, random: Random, into: Chromosome): void {
  const m = problem.processorCount;
  into.order.set(heftOrder);
  const { processorOf } = into;
  for (let k = 0; k < heftOrder.length; k++) {
    const t = heftOrder[k]!;
    const j = coupling.strongestPredecessor[t]!;
    processorOf[t] = j >= 0 && random.chance(followProbability(coupling.factor[t]!)) ? processorOf[j]! : random.int(0, m - 1);
  }
}

/**
 * An earliest-finish-time solution from a random-rank order (improved variant only): the same random orders as
 * the random-rank solutions, but each task on the processor that finishes it first, as HEFT would. A random
 * processor per task is a poor start on a heterogeneous cluster; these are as diverse in order and as good as
 * HEFT's neighbourhood.
 */
export function randomOrderEarliestFinishSolution(problem: SchedulingProblem, random: Random, into: Chromosome): void {
  randomRankSolution(problem, random, into);
  const { processorOf } = scheduleEarliestFinish(problem, into.order);
  into.processorOf.set(processorOf);
}
