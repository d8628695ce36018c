import type { SchedulingProblem } from '@hetsched/core';
import { LowerBound, tailBounds } from './bounds.js';
import type { Incumbent } from './incumbent.js';
import { PartialSchedule } from './partial-schedule.js';
import { previousIdenticalProcessor } from './symmetry.js';

/**
 * A node is pruned when its bound reaches the incumbent less this relative margin: bounds are sums taken in
 * another order than the schedule's own times, so they may exceed the true value by a rounding error, and
 * chasing a schedule shorter by 1e-12 relative is not worth a search. "Optimal" means optimal to this margin.
 */
export const BOUND_TOLERANCE = 1e-12;

/**
 * The branching of the search, shared by its depth-first and best-first parts: the children of the current
 * partial schedule (`state`), each bounded. A child appends one ready task to one processor at the earliest time
 * its data and that processor allow; the README shows why these children, with the rules below, still reach an
 * optimal schedule:
 *  - canonical order: tasks are appended in non-decreasing start time, ties by task index unless the later one
 *    depends on the earlier (its predecessor, or on the same processor);
 *  - active schedules: no task is appended where it would have fit into an idle gap earlier on its processor;
 *  - identical processors: of a class of identical processors, only the first empty one may receive a task;
 *  - bounds: a child whose lower bound reaches the incumbent is dropped (a complete child is offered to the
 *    incumbent instead).
 * An expansion costs O(n + r·m·(d + k)) for r ready tasks, in-degree d and k tasks per processor, plus a full
 * bound, O(n·m + E·m²), per child that passes the rules and the quick bound (finish + tail).
 */
export class Expander {
  readonly state: PartialSchedule;
  /** Children bounded so far: the search's node count. */
  nodes = 0;
  readonly children = new Children();
  private readonly bound: LowerBound;
  private readonly tail: Float64Array;
  private readonly previousIdentical: Int32Array;
  private readonly ready: Float64Array;

  constructor(
    readonly problem: SchedulingProblem,
    private readonly incumbent: Incumbent,
  ) {
    this.state = new PartialSchedule(problem);
    this.tail = tailBounds(problem);
    this.bound = new LowerBound(problem, this.tail);
    this.previousIdentical = previousIdenticalProcessor(problem);
    this.ready = new Float64Array(problem.processorCount);
  }

  /** The bound of the current state with nothing more known (the root's, when nothing is placed). */
  boundHere(): number {
    const last = this.state.lastTask();
    return this.bound.of(this.state, last >= 0 ? this.state.start[last]! : 0);
  }

  /** Tasks below which nodes are pruned: the incumbent less the tolerance. */
  threshold(): number {
    return this.incumbent.makespan - BOUND_TOLERANCE * Math.abs(this.incumbent.makespan);
  }

  /** Fills `children` with the children of the current state that the rules allow, sorted, each with its bound. */
  expand(parentBound: number): Children {
    const { state, problem, children } = this;
    const { taskCount: n, processorCount: m, cost } = problem;
    const last = state.lastTask();
    const floor = last >= 0 ? state.start[last]! : 0;
    children.clear();
    for (let t = 0; t < n; t++) {
      if (state.processorOf[t]! >= 0 || state.waiting[t]! > 0) continue;
      const ready = state.dataReady(t, this.ready);
      const tieAllowed = last < 0 || t > last || this.dependsOn(t, last);
      for (let p = 0; p < m; p++) {
        if (this.symmetric(p)) continue;
        const start = ready[p]! > state.lastFinish[p]! ? ready[p]! : state.lastFinish[p]!;
        if (start < floor || (start === floor && !tieAllowed && state.processorOf[last]! !== p)) continue;
        if (state.fitsEarlier(t, p, ready[p]!, start)) continue;
        const finish = start + cost[t * m + p]!;
        const quick = Math.max(parentBound, finish + this.tail[t * m + p]!);
        if (quick >= this.threshold()) continue;
        const bound = this.evaluate(t, p, start, quick);
        if (bound < this.threshold()) children.add(t, p, start, finish, bound);
      }
    }
    children.sort();
    return children;
  }

  /** The full bound of appending t to p from `start`; a complete schedule goes to the incumbent (bound ∞). */
  private evaluate(t: number, p: number, start: number, quick: number): number {
    const state = this.state;
    state.place(t, p, start);
    this.nodes++;
    let bound = Infinity;
    if (state.depth === this.problem.taskCount) this.incumbent.offerComplete(state);
    else bound = Math.max(quick, this.bound.of(state, start));
    state.undo();
    return bound;
  }

  /** An empty processor whose identical predecessor in its class is empty too: using it would repeat a branch. */
  private symmetric(p: number): boolean {
    const q = this.previousIdentical[p]!;
    return q >= 0 && this.state.countOn[p] === 0 && this.state.countOn[q] === 0;
  }

  /** Whether `earlier` is a predecessor of `task`. */
  private dependsOn(task: number, earlier: number): boolean {
    const { predOffsets, predTasks } = this.problem;
    for (let i = predOffsets[task]!; i < predOffsets[task + 1]!; i++) if (predTasks[i] === earlier) return true;
    return false;
  }
}

/** The children of one node, in `order`: by bound, then finish time, then task and processor index. */
export class Children {
  count = 0;
  readonly task: number[] = [];
  readonly processor: number[] = [];
  readonly start: number[] = [];
  readonly finish: number[] = [];
  readonly bound: number[] = [];
  readonly order: number[] = [];

  clear(): void {
    this.count = 0;
    this.order.length = 0;
  }

  add(task: number, processor: number, start: number, finish: number, bound: number): void {
    const i = this.count++;
    this.task[i] = task;
    this.processor[i] = processor;
    this.start[i] = start;
    this.finish[i] = finish;
    this.bound[i] = bound;
    this.order.push(i);
  }

  sort(): void {
    this.order.sort((a, b) => this.bound[a]! - this.bound[b]! || this.finish[a]! - this.finish[b]! || a - b);
  }
}
