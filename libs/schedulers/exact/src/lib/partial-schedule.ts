import type { SchedulingProblem } from '@hetsched/core';

/**
 * The partial schedule at a node of the branch and bound: tasks placed so far, each appended after the last task
 * of its processor at the earliest time its data and that processor allow. Placements are undone in reverse order
 * (the search is depth-first), so every array is updated in place in O(1) per placement, O(in-degree·m) to compute
 * a start.
 */
export class PartialSchedule {
  readonly taskCount: number;
  readonly processorCount: number;
  /** Processor of each placed task, -1 for the others. */
  readonly processorOf: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  /** Finish time of the last task on each processor (0 while empty). */
  readonly lastFinish: Float64Array;
  /** Tasks on each processor in execution order: `tasksOn[p * n + k]` for k < `countOn[p]`. */
  readonly tasksOn: Int32Array;
  readonly countOn: Int32Array;
  /** Predecessors of each task not yet placed: a task is ready when this is 0. */
  readonly waiting: Int32Array;
  /** Tasks in the order they were placed. */
  readonly sequence: Int32Array;
  /** Number of placed tasks. */
  depth = 0;
  /** Latest finish among placed tasks. */
  makespan = 0;
  private readonly previousLastFinish: Float64Array;
  private readonly previousMakespan: Float64Array;

  constructor(private readonly problem: SchedulingProblem) {
    const n = (this.taskCount = problem.taskCount);
    const m = (this.processorCount = problem.processorCount);
    this.processorOf = new Int32Array(n).fill(-1);
    this.start = new Float64Array(n);
    this.finish = new Float64Array(n);
    this.lastFinish = new Float64Array(m);
    this.tasksOn = new Int32Array(n * m);
    this.countOn = new Int32Array(m);
    this.waiting = new Int32Array(n);
    for (let t = 0; t < n; t++) this.waiting[t] = problem.predOffsets[t + 1]! - problem.predOffsets[t]!;
    this.sequence = new Int32Array(n);
    this.previousLastFinish = new Float64Array(n);
    this.previousMakespan = new Float64Array(n);
  }

  /**
   * Time at which every input of `task` (whose predecessors are all placed) is on each processor: the latest of
   * finish + latency + data / bandwidth over the predecessors (finish alone on the predecessor's processor).
   */
  dataReady(task: number, into: Float64Array): Float64Array {
    const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    into.fill(0, 0, m);
    for (let i = predOffsets[task]!; i < predOffsets[task + 1]!; i++) {
      const q = predTasks[i]!;
      const from = this.processorOf[q]!;
      const done = this.finish[q]!;
      const data = predData[i]!;
      const row = from * m;
      for (let p = 0; p < m; p++) {
        const arrival = p === from ? done : done + latency[row + p]! + data * inverseBandwidth[row + p]!;
        if (arrival > into[p]!) into[p] = arrival;
      }
    }
    return into;
  }

  /** Appends `task` to `processor` from `start` (the caller computed it: max of data ready and last finish). */
  place(task: number, processor: number, start: number): void {
    const finish = start + this.problem.cost[task * this.processorCount + processor]!;
    const k = this.depth++;
    this.sequence[k] = task;
    this.previousLastFinish[k] = this.lastFinish[processor]!;
    this.previousMakespan[k] = this.makespan;
    this.processorOf[task] = processor;
    this.start[task] = start;
    this.finish[task] = finish;
    this.lastFinish[processor] = finish;
    if (finish > this.makespan) this.makespan = finish;
    this.tasksOn[processor * this.taskCount + this.countOn[processor]!++] = task;
    const { succOffsets, succTasks } = this.problem;
    for (let i = succOffsets[task]!; i < succOffsets[task + 1]!; i++) this.waiting[succTasks[i]!]!--;
  }

  /** Removes the task placed last. */
  undo(): void {
    const k = --this.depth;
    const task = this.sequence[k]!;
    const processor = this.processorOf[task]!;
    this.countOn[processor]!--;
    this.lastFinish[processor] = this.previousLastFinish[k]!;
    this.makespan = this.previousMakespan[k]!;
    this.processorOf[task] = -1;
    const { succOffsets, succTasks } = this.problem;
    for (let i = succOffsets[task]!; i < succOffsets[task + 1]!; i++) this.waiting[succTasks[i]!]!++;
  }

  /** The task placed last, -1 at the root. */
  lastTask(): number {
    return this.depth > 0 ? this.sequence[this.depth - 1]! : -1;
  }

  /**
   * True when `task` (data ready at `ready` on `processor`, cost `duration`) would fit into an idle gap of the
   * processor and so start before `appendStart`, the time appending gives it: the schedule being built is then
   * not active (a left shift improves it), and an optimal active one exists.
   * Gaps are the intervals before the first task and between consecutive tasks (a zero-length task fits at any
   * boundary). O(tasks on the processor).
   */
  fitsEarlier(task: number, processor: number, ready: number, appendStart: number): boolean {
    const duration = this.problem.cost[task * this.processorCount + processor]!;
    const base = processor * this.taskCount;
    let gapStart = 0;
    for (let k = 0; k < this.countOn[processor]!; k++) {
      const next = this.tasksOn[base + k]!;
      const begin = gapStart > ready ? gapStart : ready;
      if (begin >= appendStart) return false;
      if (begin + duration <= this.start[next]!) return true;
      gapStart = this.finish[next]!;
    }
    return false;
  }
}
