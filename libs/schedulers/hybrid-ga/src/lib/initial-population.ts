import { communicationTime, makespanOf, meanCosts, priorityOrder, scheduleEarliestFinish, upwardRanks, type Random, type SchedulingProblem } from '@hetsched/core';
import type { Chromosome } from './chromosome.js';
import { followProbability, type Coupling } from './coupling.js';
import type { Objective } from './objective.js';

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

/** What the cost-aware earliest-finish solutions of a problem share (see `costAwareEarliestFinishSolution`). */
export interface ConstructionGuide {
  /** Mean cost of each task over the processors (HEFT's rank weights). */
  meanCost: Float64Array;
  /** Each (task, processor)'s cost above the task's cheapest processor, row-major like `problem.cost`. */
  excessCost: Float64Array;
  /** Rank weights are scaled by a uniform factor in [1 - rankNoise, 1 + rankNoise] per task. */
  rankNoise: number;
  /** The cost penalty's weight λ is drawn uniformly in [0, maxPenalty] once per solution. */
  maxPenalty: number;
  /** Earliest-finish passes after the first, each on the ranks of the schedule before it. */
  refinements: number;
  /** Which pass's schedule to keep: the best by this measure. */
  objective: Objective;
}

export function constructionGuide(problem: SchedulingProblem, settings: Omit<ConstructionGuide, 'meanCost' | 'excessCost'>): ConstructionGuide {
  const { taskCount: n, processorCount: m, cost } = problem;
  const excessCost = new Float64Array(n * m);
  for (let t = 0; t < n; t++) {
    let cheapest = Infinity;
    for (let p = 0; p < m; p++) cheapest = Math.min(cheapest, cost[t * m + p]!);
    for (let p = 0; p < m; p++) excessCost[t * m + p] = cost[t * m + p]! - cheapest;
  }
  return { ...settings, meanCost: meanCosts(problem), excessCost };
}

/**
 * A cost-aware earliest-finish solution (improved variant): HEFT with noise, a cost penalty and iterated ranks.
 *  1. V1: upward ranks with mean communication on task weights each scaled at random by up to ±rankNoise;
 *  2. V2: each task, in that order, on the processor of least finish time + λ · (its cost there − its cheapest
 *     cost), λ drawn once in [0, maxPenalty] (plain EFT spends capacity on dear processors to finish a task early;
 *     on a wide workflow the processors are the bottleneck and that capacity is missed later);
 *  3. `refinements` times: ranks again, now with each task's cost on its processor and the transfers the
 *     schedule really makes (none between tasks on one processor) (`assignedUpwardRanks`), and step 2 on them.
 * The best of the passes by the objective is written. A processor choice follows the ranks it was made with, so
 * the chromosome (pass order, its processors) decodes to that pass's schedule. O(passes · (e·m + n·m log n)).
 */
export function costAwareEarliestFinishSolution(problem: SchedulingProblem, guide: ConstructionGuide, random: Random, into: Chromosome): void {
  const { meanCost, excessCost, rankNoise, maxPenalty, refinements } = guide;
  const weights = new Float64Array(meanCost.length);
  for (let t = 0; t < weights.length; t++) weights[t] = meanCost[t]! * random.uniform(1 - rankNoise, 1 + rankNoise);
  const penalty = random.uniform(0, maxPenalty);
  const lookahead = new Float64Array(excessCost.length);
  for (let i = 0; i < lookahead.length; i++) lookahead[i] = penalty * excessCost[i]!;
  let order = priorityOrder(problem, upwardRanks(problem, weights));
  let best = Infinity;
  for (let pass = 0; pass <= refinements; pass++) {
    const schedule = scheduleEarliestFinish(problem, order, { lookahead });
    const measure = guide.objective === 'makespan' ? makespanOf(schedule) : schedule.finish.reduce((sum, f) => sum + f, 0);
    if (measure < best) {
      best = measure;
      into.order.set(order);
      into.processorOf.set(schedule.processorOf);
    }
    if (pass < refinements) order = priorityOrder(problem, assignedUpwardRanks(problem, schedule.processorOf));
  }
}

/**
 * Upward ranks of an assignment: rank(t) = cost of t on its processor + max over successors s of (the transfer
 * t -> s between their processors, 0 on one processor, + rank(s)). HEFT's ranks guess the transfers and costs of
 * a schedule not made yet; once one exists, its own are the better guess for the next pass. O(n + e).
 */
export function assignedUpwardRanks(problem: SchedulingProblem, processorOf: ArrayLike<number>): Float64Array {
  const { taskCount: n, processorCount: m, cost, topologicalOrder, succOffsets, succTasks, succData } = problem;
  const rank = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    const p = processorOf[t]!;
    let longest = 0;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      const via = communicationTime(problem, succData[i]!, p, processorOf[s]!) + rank[s]!;
      if (via > longest) longest = via;
    }
    rank[t] = cost[t * m + p]! + longest;
  }
  return rank;
}
