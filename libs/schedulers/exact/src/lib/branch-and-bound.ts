import type { SchedulingProblem } from '@hetsched/core';
import { LowerBound, minimumCosts, tailBounds } from './bounds.js';
import type { Incumbent } from './incumbent.js';
import { PartialSchedule } from './partial-schedule.js';
import { previousIdenticalProcessor } from './symmetry.js';

/**
 * A node is pruned when its bound reaches the incumbent less this relative margin: bounds are sums taken in
 * another order than the schedule's own times, so they may exceed the true value by a rounding error, and
 * chasing a schedule shorter by 1e-12 relative is not worth a search. "Optimal" means optimal to this margin.
 */
export const BOUND_TOLERANCE = 1e-12;
const INITIAL_STACK = 1024;

/**
 * Depth-first branch and bound over partial schedules, with an explicit stack (no recursion) of pending children.
 * A child appends one ready task to one processor at the earliest time its data and that processor allow; see the
 * README for why these children, with the pruning rules below, still reach an optimal schedule:
 *  - canonical order: tasks are appended in non-decreasing start time, ties by task index unless the later one
 *    depends on the earlier (its predecessor, or on the same processor);
 *  - active schedules: no task is appended where it would have fit into an idle gap earlier on its processor;
 *  - identical processors: of a class of identical processors, only the first empty one may receive a task;
 *  - bounds: a child whose lower bound reaches the incumbent is dropped.
 * Children are tried in order of increasing bound, then finish time. Each expansion costs O(n + r·m·(d + k))
 * for r ready tasks, in-degree d and k tasks per processor; each node's full bound O(n·m + E·m²).
 */
export class BranchAndBound {
  readonly state: PartialSchedule;
  nodes = 0;
  rootBound = 0;
  private readonly bound: LowerBound;
  private readonly tail: Float64Array;
  private readonly previousIdentical: Int32Array;
  private readonly ready: Float64Array;
  private size = 0;
  private stackTask = new Int32Array(INITIAL_STACK);
  private stackProcessor = new Int32Array(INITIAL_STACK);
  private stackDepth = new Int32Array(INITIAL_STACK);
  private stackStart = new Float64Array(INITIAL_STACK);
  private stackBound = new Float64Array(INITIAL_STACK);
  private readonly children = new Children();

  constructor(
    private readonly problem: SchedulingProblem,
    private readonly incumbent: Incumbent,
  ) {
    this.state = new PartialSchedule(problem);
    this.tail = tailBounds(problem);
    this.bound = new LowerBound(problem, this.tail, minimumCosts(problem));
    this.previousIdentical = previousIdenticalProcessor(problem);
    this.ready = new Float64Array(problem.processorCount);
  }

  /** Bounds the root and pushes its children. */
  start(): void {
    this.rootBound = this.bound.of(this.state, 0);
    if (this.problem.taskCount > 0 && this.rootBound < this.threshold()) this.expand(this.rootBound);
  }

  get done(): boolean {
    return this.size === 0;
  }

  /** Processes up to `maxNodes` nodes; true when the search is over. */
  step(maxNodes: number): boolean {
    const { state } = this;
    const n = this.problem.taskCount;
    for (let processed = 0; processed < maxNodes && this.size > 0; processed++) {
      const k = --this.size;
      const parentBound = this.stackBound[k]!;
      if (parentBound >= this.threshold()) continue;
      while (state.depth > this.stackDepth[k]!) state.undo();
      const start = this.stackStart[k]!;
      state.place(this.stackTask[k]!, this.stackProcessor[k]!, start);
      this.nodes++;
      if (state.depth === n) {
        this.incumbent.offerComplete(state);
        continue;
      }
      const bound = Math.max(parentBound, this.bound.of(state, start));
      if (bound < this.threshold()) this.expand(bound);
    }
    return this.size === 0;
  }

  /** The least bound of the subtrees still to explore (Infinity when none is left). */
  pendingBound(): number {
    let least = Infinity;
    for (let k = 0; k < this.size; k++) if (this.stackBound[k]! < least) least = this.stackBound[k]!;
    return least;
  }

  private threshold(): number {
    return this.incumbent.makespan - BOUND_TOLERANCE * Math.abs(this.incumbent.makespan);
  }

  /** Generates the children the pruning rules allow, then pushes them best last (popped first). */
  private expand(parentBound: number): void {
    const { state, problem } = this;
    const { taskCount: n, processorCount: m, cost } = problem;
    const last = state.lastTask();
    const floor = last >= 0 ? state.start[last]! : 0;
    const threshold = this.threshold();
    const children = this.children;
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
        const bound = Math.max(parentBound, finish + this.tail[t * m + p]!);
        if (bound < threshold) children.add(t, p, start, finish, bound);
      }
    }
    children.sort();
    for (let i = children.count - 1; i >= 0; i--) {
      const c = children.order[i]!;
      this.push(children.task[c]!, children.processor[c]!, children.start[c]!, children.bound[c]!);
    }
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

  private push(task: number, processor: number, start: number, bound: number): void {
    if (this.size === this.stackTask.length) this.grow();
    const k = this.size++;
    this.stackTask[k] = task;
    this.stackProcessor[k] = processor;
    this.stackDepth[k] = this.state.depth;
    this.stackStart[k] = start;
    this.stackBound[k] = bound;
  }

  private grow(): void {
    const capacity = this.stackTask.length * 2;
    const widen = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.stackTask = widen(this.stackTask, new Int32Array(capacity));
    this.stackProcessor = widen(this.stackProcessor, new Int32Array(capacity));
    this.stackDepth = widen(this.stackDepth, new Int32Array(capacity));
    this.stackStart = widen(this.stackStart, new Float64Array(capacity));
    this.stackBound = widen(this.stackBound, new Float64Array(capacity));
  }
}

/** The children of one node, sorted by bound, then finish time, then task and processor index. */
class Children {
  count = 0;
  task: number[] = [];
  processor: number[] = [];
  start: number[] = [];
  finish: number[] = [];
  bound: number[] = [];
  order: number[] = [];

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
