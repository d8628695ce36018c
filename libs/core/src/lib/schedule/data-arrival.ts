import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import type { Schedule } from './schedule.js';

/**
 * When the input data of a task are on each processor, given where and when its predecessors run in a schedule
 * being built: the data of predecessor q arrive at finish(q) on q's own processor, and at finish(q) + latency +
 * data / bandwidth on any other (docs/formats.md). A task's data-arrival time on p is the latest of its inputs' (0 for
 * an entry task). Reads `schedule` live, so one instance serves a whole scheduling run; a predecessor counts as placed
 * once `schedule.processorOf[q] >= 0`.
 *
 * Every list scheduler in hetsched computes this one way, here, so that no two schedulers can disagree in the last
 * bit about when data arrive.
 */
export class DataArrival {
  constructor(
    readonly problem: SchedulingProblem,
    readonly schedule: Schedule,
  ) {}

  /**
   * Fills `into[p]` for every processor p with the data-arrival time of t; true when every predecessor of t is
   * placed, false (and `into` incomplete) when one is not. O(in-degree · m).
   */
  fill(t: number, into: Float64Array): boolean {
    const { predOffsets, predTasks, predData, processorCount } = this.problem;
    const { processorOf, finish } = this.schedule;
    into.fill(0, 0, processorCount);
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      if (from < 0) return false;
      this.raise(into, from, finish[q]!, predData[i]!);
    }
    return true;
  }

  /**
   * Raises `row[p]`, for every processor p, to the arrival there of `data` sent from processor `from` at time
   * `done`: one edge's share of `fill`, for schedulers that gather arrivals edge by edge as tasks are placed. O(m).
   */
  raise(row: Float64Array, from: number, done: number, data: number): void {
    const { processorCount: m, latency, inverseBandwidth } = this.problem;
    const link = from * m;
    for (let p = 0; p < m; p++) {
      const arrival = p === from ? done : done + latency[link + p]! + data * inverseBandwidth[link + p]!;
      if (arrival > row[p]!) row[p] = arrival;
    }
  }

  /**
   * The data-arrival time of t on processor p alone, or `NOT_ALL_PLACED` (-1, never a time) when a predecessor of t
   * is not placed. O(in-degree).
   */
  on(t: number, p: number): number {
    const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, finish } = this.schedule;
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      if (from < 0) return NOT_ALL_PLACED;
      const link = from * m + p;
      const arrival = from === p ? finish[q]! : finish[q]! + latency[link]! + predData[i]! * inverseBandwidth[link]!;
      if (arrival > ready) ready = arrival;
    }
    return ready;
  }

  /** The first predecessor of t (in edge order) that is not placed, or -1: for naming it in an error. O(in-degree). */
  unplacedPredecessor(t: number): number {
    const { predOffsets, predTasks } = this.problem;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) if (this.schedule.processorOf[predTasks[i]!]! < 0) return predTasks[i]!;
    return -1;
  }
}

/** What `DataArrival.on` returns when a predecessor of the task is not placed yet. */
export const NOT_ALL_PLACED = -1;
