import {
  DataArrival,
  emptySchedule,
  IndexHeap,
  MessageEstimates,
  rankKeys,
  TaskHeap,
  upwardRanks,
  type Schedule,
  type SchedulingProblem,
} from '@hetsched/core';

/**
 * FCP, Fast Critical Path (Radulescu & van Gemund, "On the complexity of list scheduling algorithms for
 * distributed-memory systems", ICS 1999; "Low-cost task scheduling for distributed-memory machines", IEEE TPDS 13(6),
 * 2002), on heterogeneous processors:
 *  1. priority: the bottom level, here HEFT's upward rank (mean execution time, mean communication c̄ = L̄ + data/B̄);
 *  2. ready tasks wait in a priority queue of at most m tasks (higher rank first, then lower index) and, once it is
 *     full, in a FIFO list; taking a task out of the queue moves the head of the list in; tasks made ready by one
 *     placement join in index order;
 *  3. each task taken out goes to one of two processors, whichever lets it start first: its enabling processor (the
 *     one its last message would come from, by the estimates of MessageEstimates) and the processor that becomes idle first (ties
 *     to the earlier-listed one); ties in start to the processor listed first. No insertion: a processor is free
 *     from the end of its last task.
 *
 * Comparing start times, as the paper does for identical processors, ignores how fast each candidate runs the task.
 * O(V log m) for the queue and the processor heap, O(E) for enabling processors and data-ready times (two
 * processors per task), plus sorting each task's newly ready successors by index.
 */
export function fcp(problem: SchedulingProblem): Schedule {
  const state = new FcpState(problem);
  for (let step = 0; step < problem.taskCount; step++) state.placeNext();
  return state.schedule;
}

class FcpState {
  readonly schedule: Schedule;
  private readonly m: number;
  private readonly arrivals: DataArrival;
  private readonly messages: MessageEstimates;
  /** End of the last task on each processor. */
  private readonly free: Float64Array;
  /** The processors by the time they become idle, then by index. */
  private readonly processors: IndexHeap;
  private readonly rankKey: Float64Array;
  /** The bounded priority queue (at most m tasks). */
  private readonly queue: TaskHeap;
  /** Ready tasks that found the queue full, in the order they became ready. */
  private readonly fifo: Int32Array;
  private fifoHead = 0;
  private fifoTail = 0;
  private readonly unplacedPredecessors: Int32Array;
  /** Successors made ready by the latest placement. */
  private readonly released: number[] = [];

  constructor(private readonly problem: SchedulingProblem) {
    const { taskCount: n, processorCount: m, predOffsets } = problem;
    this.m = m;
    this.schedule = emptySchedule(n);
    this.arrivals = new DataArrival(problem, this.schedule);
    this.messages = new MessageEstimates(problem);
    const free = (this.free = new Float64Array(m));
    this.processors = IndexHeap.withAll(m, (a, b) => free[a]! < free[b]! || (free[a] === free[b] && a < b));
    this.rankKey = rankKeys(upwardRanks(problem));
    this.queue = new TaskHeap();
    this.fifo = new Int32Array(n);
    this.unplacedPredecessors = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      this.unplacedPredecessors[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.unplacedPredecessors[t] === 0) this.makeReady(t);
    }
  }

  placeNext(): void {
    const t = this.queue.pop();
    if (this.fifoHead < this.fifoTail) this.enqueue(this.fifo[this.fifoHead++]!);
    const { processor: p, start } = this.chooseProcessor(t);
    const finish = start + this.problem.cost[t * this.m + p]!;
    const { schedule } = this;
    schedule.processorOf[t] = p;
    schedule.start[t] = start;
    schedule.finish[t] = finish;
    this.free[p] = finish;
    this.processors.update(p);
    this.release(t);
  }

  /** The enabling processor or the first idle one, whichever gives the earlier start; ties to the lower index. */
  private chooseProcessor(t: number): { processor: number; start: number } {
    const { free, arrivals } = this;
    const idle = this.processors.peek();
    const idleStart = Math.max(arrivals.on(t, idle), free[idle]!);
    const enabling = this.messages.enabling(this.schedule, t).processor;
    if (enabling < 0 || enabling === idle) return { processor: idle, start: idleStart };
    const enablingStart = Math.max(arrivals.on(t, enabling), free[enabling]!);
    if (enablingStart < idleStart || (enablingStart === idleStart && enabling < idle)) return { processor: enabling, start: enablingStart };
    return { processor: idle, start: idleStart };
  }

  /** Successors whose predecessors are now all placed join the queue (or the list) in index order. */
  private release(t: number): void {
    const { succOffsets, succTasks } = this.problem;
    const released = this.released;
    released.length = 0;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.unplacedPredecessors[s]! === 0) released.push(s);
    }
    if (released.length > 1) released.sort((a, b) => a - b);
    for (const s of released) this.makeReady(s);
  }

  private makeReady(t: number): void {
    if (this.queue.size < this.m) this.enqueue(t);
    else this.fifo[this.fifoTail++] = t;
  }

  /** Into the priority queue: higher rank first (negated, as the heap gives the smallest key first), then lower index. */
  private enqueue(t: number): void {
    this.queue.push(t, -this.rankKey[t]!);
  }
}
