import { DataArrival, emptySchedule, meanCosts, rankKeys, TaskHeap, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * ETF, Earliest Time First (Hwang, Chow, Anger & Lee, "Scheduling precedence graphs in systems with interprocessor
 * communication times", SIAM J. Computing 18(2), 1989), on heterogeneous processors:
 *  1. static level SL(t): the longest path of mean execution times from t to an exit task, t included, without
 *     communication;
 *  2. until every task is placed: of all pairs (t, p) of a ready task (its predecessors all placed) and a processor,
 *     take the one of earliest start max(data-ready(t, p), free(p)), ties to the higher static level, then the lower
 *     task index, then the processor listed first; t runs there from that start, without insertion (free(p) is the
 *     end of p's last task).
 *
 * The paper evaluates every ready task on every processor at each step, O(W·m) per step for W ready tasks. Here each
 * processor keeps the ready tasks in two queues: those whose data are ready by free(p), which would all start at
 * free(p) and so are ordered by static level, and those still waiting, ordered by data-ready time. A step reads the
 * head of each queue; a task moves between them once per processor and leaves them lazily once placed.
 * O(E·m) for the data-ready times, O(n·m·log W) for the queues (W the ready-set width), O(n·m) for the steps.
 */
export function etf(problem: SchedulingProblem): Schedule {
  const state = new EtfState(problem);
  for (let step = 0; step < problem.taskCount; step++) state.placeNext();
  return state.schedule;
}

class EtfState {
  readonly schedule: Schedule;
  private readonly m: number;
  private readonly levelKey: Float64Array;
  private readonly arrivals: DataArrival;
  /** Scratch: the data-ready times of the task being enqueued, per processor. */
  private readonly dataReady: Float64Array;
  /** End of the last task on each processor. */
  private readonly free: Float64Array;
  /** Per processor: ready tasks whose data are there by free(p) (higher static level first, then lower index). */
  private readonly onTime: TaskHeap[];
  /** Per processor: ready tasks whose data arrive after free(p) (earliest data-ready time first). */
  private readonly waiting: TaskHeap[];
  private readonly unplacedPredecessors: Int32Array;

  constructor(private readonly problem: SchedulingProblem) {
    const { taskCount: n, processorCount: m, predOffsets } = problem;
    this.m = m;
    this.schedule = emptySchedule(n);
    this.levelKey = rankKeys(upwardRanks(problem, meanCosts(problem), false));
    this.arrivals = new DataArrival(problem, this.schedule);
    this.dataReady = new Float64Array(m);
    this.free = new Float64Array(m);
    this.onTime = Array.from({ length: m }, () => new TaskHeap());
    this.waiting = Array.from({ length: m }, () => new TaskHeap());
    this.unplacedPredecessors = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      this.unplacedPredecessors[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.unplacedPredecessors[t] === 0) this.enqueue(t);
    }
  }

  /** Places the pair of earliest start; ties to the higher static level, the lower task index, the first processor. */
  placeNext(): void {
    const { m, free, levelKey } = this;
    let bestTask = -1;
    let bestProcessor = -1;
    let bestStart = Infinity;
    for (let p = 0; p < m; p++) {
      this.settle(p);
      let t = this.onTime[p]!.peek();
      let start = free[p]!;
      if (t < 0) {
        t = this.waiting[p]!.peek();
        if (t < 0) continue;
        start = this.waiting[p]!.peekPrimary();
      }
      const better =
        start < bestStart || (start === bestStart && (levelKey[t]! > levelKey[bestTask]! || (levelKey[t] === levelKey[bestTask] && t < bestTask)));
      if (better) {
        bestTask = t;
        bestProcessor = p;
        bestStart = start;
      }
    }
    this.place(bestTask, bestProcessor, bestStart);
  }

  private place(t: number, p: number, start: number): void {
    const { problem, schedule } = this;
    const finish = start + problem.cost[t * this.m + p]!;
    schedule.processorOf[t] = p;
    schedule.start[t] = start;
    schedule.finish[t] = finish;
    this.free[p] = finish;
    const { succOffsets, succTasks } = problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.unplacedPredecessors[s]! === 0) this.enqueue(s);
    }
  }

  /** A task just made ready joins every processor's queues. */
  private enqueue(t: number): void {
    const { m, dataReady, free } = this;
    this.arrivals.fill(t, dataReady);
    const level = this.levelKey[t]!;
    for (let p = 0; p < m; p++) {
      const ready = dataReady[p]!;
      if (ready <= free[p]!) this.onTime[p]!.push(t, 0, level);
      else this.waiting[p]!.push(t, ready, level);
    }
  }

  /** Moves tasks whose data are now ready by free(p) to p's on-time queue; drops placed tasks from the heads. */
  private settle(p: number): void {
    const free = this.free;
    const placed = this.schedule.processorOf;
    const waiting = this.waiting[p]!;
    const onTime = this.onTime[p]!;
    while (waiting.size > 0) {
      const t = waiting.peek();
      if (placed[t]! >= 0) waiting.pop();
      else if (waiting.peekPrimary() <= free[p]!) onTime.push(waiting.pop(), 0, this.levelKey[t]!);
      else break;
    }
    while (onTime.size > 0 && placed[onTime.peek()]! >= 0) onTime.pop();
  }
}
