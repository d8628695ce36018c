import type { SchedulingProblem } from '@hetsched/core';
import type { Chromosome } from './chromosome.js';
import { successorTails } from './decoder.js';
import { earliestFinishes } from './lower-bound.js';
import type { Objective } from './objective.js';
import { RollbackTimelines } from './rollback-timelines.js';

/** What the enumeration proved: `better` is a chromosome strictly better than the incumbent, or null if none is. */
export interface ExhaustiveOutcome {
  better: Chromosome | null;
}

/**
 * Proves a small problem's optimum by enumerating every chromosome, or gives up after `budget` placements
 * (returns null). `incumbent` is the objective's primary measure of the best schedule known: its makespan, or its
 * sum of finish times. Every schedule the GA can reach is the decode of some chromosome, and the decoder's space holds
 * an optimal schedule (order the tasks of one by start time, keep its processors: each task then starts no later
 * than there), so a complete enumeration that finds nothing strictly better than the incumbent proves the
 * incumbent optimal.
 *
 * Depth first: at each depth, every ready task on every processor, placed as the decoder places it (insertion at
 * the earliest gap, `RollbackTimelines`), undone by a rollback. A branch is cut once it cannot beat the incumbent:
 * with the makespan, a placed task's finish plus its cheapest successor chain (`successorTails`); with the mean
 * finish time, the finishes so far plus each unplaced task's cheapest chain finish (`earliestFinishes`).
 * O(n! · m^n) placements in the worst case, hence the budget: it serves workflows of a handful of tasks, where a
 * run would otherwise spend its whole time budget on a schedule it cannot improve. Beyond `ENUMERABLE_TASKS`
 * tasks it is not tried.
 */
export function exhaustiveSearch(problem: SchedulingProblem, objective: Objective, incumbent: number, budget: number): ExhaustiveOutcome | null {
  if (problem.taskCount > ENUMERABLE_TASKS) return null;
  const search = new Enumeration(problem, objective, incumbent, budget);
  return search.run() ? { better: search.best } : null;
}

/**
 * Random workflows of the HEFT paper's generator (CCR 1 and 5, 10 per size) within 200,000 placements (~25 ms):
 * all of 4-6 tasks on 2-4 processors, 6-10 of 10 at 8 tasks, 2-10 of 10 at 10, 0-1 of 10 at 12. Larger ones
 * would only spend the budget.
 */
const ENUMERABLE_TASKS = 12;

class Enumeration {
  private readonly n: number;
  private readonly timelines: RollbackTimelines;
  private readonly start: Float64Array;
  private readonly finish: Float64Array;
  private readonly order: Int32Array;
  private readonly processorOf: Int32Array;
  private readonly position: Int32Array;
  private readonly waiting: Int32Array;
  private readonly tail: Float64Array;
  private readonly earliest: Float64Array;
  private readonly byMakespan: boolean;
  /** The incumbent in the objective's primary measure (makespan, or sum of finish times). */
  private bound: number;
  private left: number;
  best: Chromosome | null = null;

  constructor(
    private readonly problem: SchedulingProblem,
    objective: Objective,
    incumbent: number,
    budget: number,
  ) {
    const n = (this.n = problem.taskCount);
    this.byMakespan = objective === 'makespan';
    this.bound = incumbent;
    this.left = budget;
    this.timelines = new RollbackTimelines(problem.processorCount, n);
    this.start = new Float64Array(n);
    this.finish = new Float64Array(n);
    this.timelines.use(this.start, this.finish);
    this.order = new Int32Array(n);
    this.processorOf = new Int32Array(n);
    this.position = new Int32Array(n).fill(n);
    this.waiting = Int32Array.from({ length: n }, (_, t) => problem.predOffsets[t + 1]! - problem.predOffsets[t]!);
    this.tail = successorTails(problem);
    this.earliest = earliestFinishes(problem);
  }

  /** True when the enumeration completed within the budget. */
  run(): boolean {
    const unplacedBound = this.earliest.reduce((sum, f) => sum + f, 0);
    return this.extend(0, 0, 0, unplacedBound);
  }

  /** Every completion of the first `depth` positions; false once the budget is spent. */
  private extend(depth: number, makespan: number, finishSum: number, unplacedBound: number): boolean {
    if (depth === this.n) {
      this.record(makespan, finishSum);
      return true;
    }
    const { n, waiting, position } = this;
    for (let t = 0; t < n; t++) {
      if (waiting[t] !== 0 || position[t] !== n) continue;
      for (let p = 0; p < this.problem.processorCount; p++) {
        if (--this.left < 0) return false;
        const end = this.place(t, p, depth);
        const placedSum = finishSum + end;
        const promising = this.byMakespan ? end + this.tail[t]! < this.bound && makespan < this.bound : placedSum + unplacedBound - this.earliest[t]! < this.bound;
        const completed = !promising || this.descend(t, depth, { makespan: Math.max(makespan, end), finishSum: placedSum, unplacedBound: unplacedBound - this.earliest[t]! });
        this.timelines.rollback(position, depth);
        position[t] = n;
        if (!completed) return false;
      }
    }
    return true;
  }

  private descend(t: number, depth: number, next: { makespan: number; finishSum: number; unplacedBound: number }): boolean {
    const { succOffsets, succTasks } = this.problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) this.waiting[succTasks[i]!]!--;
    const completed = this.extend(depth + 1, next.makespan, next.finishSum, next.unplacedBound);
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) this.waiting[succTasks[i]!]!++;
    return completed;
  }

  /** Places t on p at position `depth` as the decoder would; returns its finish. */
  private place(t: number, p: number, depth: number): number {
    const { processorCount: m, cost, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { finish, processorOf } = this;
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const link = processorOf[q]! * m + p;
      const arrival = finish[q]! + latency[link]! + predData[i]! * inverseBandwidth[link]!;
      ready = arrival > ready ? arrival : ready;
    }
    const duration = cost[t * m + p]!;
    this.order[depth] = t;
    this.processorOf[t] = p;
    this.position[t] = depth;
    return this.timelines.placeEarliest(p, t, ready, duration) + duration;
  }

  private record(makespan: number, finishSum: number): void {
    const primary = this.byMakespan ? makespan : finishSum;
    if (primary >= this.bound) return;
    this.bound = primary;
    this.best = { order: Int32Array.from(this.order), processorOf: Int32Array.from(this.processorOf) };
  }
}
