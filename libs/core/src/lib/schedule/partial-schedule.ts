import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import { DataArrival } from './data-arrival.js';
import { ProcessorTimelines } from './processor-timelines.js';
import { emptySchedule, type Schedule } from './schedule.js';

/** Initial room per processor in the timelines: about twice the mean number of tasks per processor. */
const EXPECTED_LOAD_FACTOR = 2;

export interface PartialScheduleOptions {
  /**
   * true: a task may go into the earliest idle gap long enough between tasks already placed (insertion-based list
   * scheduling); false: it starts after the last task placed on its processor (the machine availability time of
   * the mapping heuristics).
   */
  insertion: boolean;
  /** Timelines to reuse (cleared here), for callers that build many schedules. */
  timelines?: ProcessorTimelines;
  /** A schedule to write into (reset here) instead of a new one. */
  into?: Schedule;
}

/**
 * A schedule built one task at a time, each after all of its predecessors, on a processor its caller picks: the
 * state every list scheduler keeps.
 *
 * A task may start on processor p once the data of every predecessor are there (DataArrival) and p is free: after
 * the last task placed on p (`insertion: false`) or in the earliest idle gap long enough (`insertion: true`,
 * ProcessorTimelines). Either way a processor's earliest start for a given task never moves earlier as tasks are
 * added (ReadyCompletionTimes relies on it). Placing costs a gap-search update of the timelines, O(1) when appending.
 */
export class PartialSchedule {
  readonly schedule: Schedule;
  readonly insertion: boolean;
  /** The data-arrival times of tasks on this schedule. */
  readonly arrivals: DataArrival;
  private readonly timelines: ProcessorTimelines;

  constructor(
    readonly problem: SchedulingProblem,
    options: PartialScheduleOptions,
  ) {
    const { taskCount: n, processorCount: m } = problem;
    this.insertion = options.insertion;
    this.timelines = options.timelines ?? new ProcessorTimelines(m, Math.ceil((EXPECTED_LOAD_FACTOR * n) / m));
    this.timelines.clear();
    this.schedule = options.into ?? emptySchedule(n);
    this.schedule.processorOf.fill(-1);
    this.arrivals = new DataArrival(problem, this.schedule);
  }

  isPlaced(t: number): boolean {
    return this.schedule.processorOf[t] !== -1;
  }

  /** The finish of the last task placed on p (0 while p is idle): the papers' machine availability time. */
  availableAt(p: number): number {
    return this.timelines.lastFinish(p);
  }

  /** `into[p]` = when all input data of t are on processor p (0 for an entry task), for every p. O(in-degree · m). */
  arrivalTimes(t: number, into: Float64Array): Float64Array {
    if (!this.arrivals.fill(t, into)) throw this.unplacedPredecessor(t);
    return into;
  }

  /** When all input data of t are on processor p. O(in-degree). */
  arrivalOn(t: number, p: number): number {
    const ready = this.arrivals.on(t, p);
    if (ready < 0) throw this.unplacedPredecessor(t);
    return ready;
  }

  /** The earliest start on p of a task of `duration` whose input data are there at `ready`. */
  earliestStart(p: number, ready: number, duration: number): number {
    if (this.insertion) return this.timelines.earliestStart(p, ready, duration);
    const free = this.timelines.lastFinish(p);
    return ready > free ? ready : free;
  }

  /** Places t on p at its earliest start there, its input data being on p at `ready`; returns its finish. */
  place(t: number, p: number, ready: number): number {
    const duration = this.problem.cost[t * this.problem.processorCount + p]!;
    return this.placeAt(t, p, this.earliestStart(p, ready, duration));
  }

  /** Places t on p from `start`, which the caller found with `earliestStart`; returns its finish. */
  placeAt(t: number, p: number, start: number): number {
    if (this.isPlaced(t)) throw new RangeError(`task "${this.problem.taskIds[t]}" is placed twice`);
    const finish = start + this.problem.cost[t * this.problem.processorCount + p]!;
    const { processorOf, start: starts, finish: finishes } = this.schedule;
    processorOf[t] = p;
    starts[t] = start;
    finishes[t] = finish;
    this.timelines.insert(p, t, start, finish);
    return finish;
  }

  private unplacedPredecessor(t: number): Error {
    const ids = this.problem.taskIds;
    return new RangeError(`task "${ids[t]}" is evaluated before its predecessor "${ids[this.arrivals.unplacedPredecessor(t)]}" is placed`);
  }
}
