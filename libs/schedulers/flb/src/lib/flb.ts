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

/** Where a ready or placed task stands (0 until its predecessors are all placed). */
const EP_TASK = 1;
const NON_EP_TASK = 2;
const PLACED = 3;

/**
 * FLB, Fast Load Balancing (Radulescu & van Gemund, "FLB: Fast load balancing for distributed-memory machines",
 * ICPP 1999; "Low-cost task scheduling for distributed-memory machines", IEEE TPDS 13(6), 2002), on heterogeneous
 * processors. Each step schedules the ready task that can start earliest on the processor where it starts earliest,
 * ETF's choice, from two candidates only:
 *  - every ready task has an enabling processor EP(t) and a last message arrival time LMT(t) (MessageEstimates). While
 *    EP(t) is free by LMT(t) (PRT(EP) ≤ LMT, PRT the end of a processor's last task) t is an EP task: it can start
 *    earliest on EP, at max(EMT(t, EP), PRT(EP)), EMT the data-ready time. Otherwise it is a non-EP task, which starts
 *    earliest on the processor idle first;
 *  - each processor lists its EP tasks by EMT; the non-EP tasks form one list by LMT; ties by bottom level (HEFT's
 *    upward rank), then the lower index. Processors with EP tasks are ordered by the start of their first one (ties
 *    by that task's rank and index, then the processor's), all processors by PRT (ties by index);
 *  - a step compares the first EP task on the first of those processors with the first non-EP task on the processor
 *    idle first, and schedules the earlier start, ties to the EP task; no insertion. As a processor's PRT grows, its
 *    EP tasks whose LMT falls below it become non-EP tasks.
 *
 * On heterogeneous processors: FLB, like ETF, compares start times, so differing execution times change nothing in
 * it (nor does it favour a faster processor). With every link alike LMT is the exact arrival of the last message on
 * any processor but EP, and each step takes exactly ETF's earliest start, as the paper proves; with per-link costs,
 * EP and LMT rest on the mean communication cost and are estimates, while every start compared is exact.
 * O(V (log W + log P) + E) as in the paper, W the ready-set width: heaps of ready tasks and indexed heaps of
 * processors; EMT on EP once per task, EMT of the first non-EP task on the idle processor cached per task.
 */
export function flb(problem: SchedulingProblem): Schedule {
  const state = new FlbState(problem);
  for (let step = 0; step < problem.taskCount; step++) state.placeNext();
  return state.schedule;
}

class FlbState {
  readonly schedule: Schedule;
  private readonly arrivals: DataArrival;
  private readonly messages: MessageEstimates;
  private readonly status: Uint8Array;
  private readonly enabling: Int32Array;
  /** LMT on the scale of MessageEstimates. */
  private readonly lastMessage: Float64Array;
  private readonly emtOnEnabling: Float64Array;
  /** The last EMT computed for a non-EP task, and on which processor. */
  private readonly cachedEmt: Float64Array;
  private readonly cachedEmtOn: Int32Array;
  /** PRT: the end of the last task on each processor. */
  private readonly free: Float64Array;
  private readonly rankKey: Float64Array;
  /** Non-EP tasks by LMT, then higher rank, then lower index. */
  private readonly nonEpTasks: TaskHeap;
  /** Per processor, its EP tasks by EMT, then higher rank, then lower index; and by LMT, to demote them. */
  private readonly epTasksByEmt: TaskHeap[];
  private readonly epTasksByLmt: TaskHeap[];
  /** Per processor, its first EP task (-1 for none) and that task's start there (Infinity for none). */
  private readonly firstEpTask: Int32Array;
  private readonly firstEpStart: Float64Array;
  private readonly processorsByPrt: IndexHeap;
  private readonly processorsByEpStart: IndexHeap;
  private readonly unplacedPredecessors: Int32Array;

  constructor(private readonly problem: SchedulingProblem) {
    const { taskCount: n, processorCount: m, predOffsets } = problem;
    this.schedule = emptySchedule(n);
    this.arrivals = new DataArrival(problem, this.schedule);
    this.messages = new MessageEstimates(problem);
    this.status = new Uint8Array(n);
    this.enabling = new Int32Array(n);
    this.lastMessage = new Float64Array(n);
    this.emtOnEnabling = new Float64Array(n);
    this.cachedEmt = new Float64Array(n);
    this.cachedEmtOn = new Int32Array(n).fill(-1);
    const free = (this.free = new Float64Array(m));
    const key = (this.rankKey = rankKeys(upwardRanks(problem)));
    const higherRank = (a: number, b: number) => key[a]! > key[b]! || (key[a] === key[b] && a < b);
    this.nonEpTasks = new TaskHeap();
    this.epTasksByEmt = Array.from({ length: m }, () => new TaskHeap());
    this.epTasksByLmt = Array.from({ length: m }, () => new TaskHeap());
    const head = (this.firstEpTask = new Int32Array(m).fill(-1));
    const start = (this.firstEpStart = new Float64Array(m).fill(Infinity));
    this.processorsByPrt = IndexHeap.withAll(m, (a, b) => free[a]! < free[b]! || (free[a] === free[b] && a < b));
    this.processorsByEpStart = IndexHeap.withAll(m, (a, b) => {
      if (start[a] !== start[b]) return start[a]! < start[b]!;
      if (head[a]! < 0 || head[a] === head[b]) return a < b;
      return higherRank(head[a]!, head[b]!);
    });
    this.unplacedPredecessors = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      this.unplacedPredecessors[t] = predOffsets[t + 1]! - predOffsets[t]!;
      if (this.unplacedPredecessors[t] === 0) this.makeReady(t);
    }
  }

  /** The first EP task on its processor or the first non-EP task on the idle processor, the earlier start (ties: EP). */
  placeNext(): void {
    const active = this.processorsByEpStart.peek();
    const epTask = this.firstEpTask[active]!;
    const epStart = this.firstEpStart[active]!;
    if (this.nonEpTasks.size > 0) {
      const t = this.nonEpTasks.peek();
      const idle = this.processorsByPrt.peek();
      const start = Math.max(this.emtOn(t, idle), this.free[idle]!);
      if (epTask < 0 || start < epStart) {
        this.nonEpTasks.pop();
        this.place(t, idle, start);
        return;
      }
    }
    this.epTasksByEmt[active]!.pop();
    this.place(epTask, active, epStart);
  }

  private place(t: number, p: number, start: number): void {
    const { schedule } = this;
    const finish = start + this.problem.cost[t * this.problem.processorCount + p]!;
    schedule.processorOf[t] = p;
    schedule.start[t] = start;
    schedule.finish[t] = finish;
    this.status[t] = PLACED;
    this.free[p] = finish;
    this.processorsByPrt.update(p);
    this.demoteEpTasks(p);
    this.refreshFirstEpTask(p);
    const { succOffsets, succTasks } = this.problem;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      if (--this.unplacedPredecessors[s]! === 0) this.makeReady(s);
    }
  }

  /** Classifies a task whose predecessors are all placed (an entry task is a non-EP task with LMT 0). */
  private makeReady(t: number): void {
    const { processor: ep, scaledLastArrival } = this.messages.enabling(this.schedule, t);
    this.enabling[t] = ep;
    this.lastMessage[t] = scaledLastArrival;
    if (ep >= 0 && scaledLastArrival >= this.messages.scaledTime(this.free[ep]!)) {
      this.status[t] = EP_TASK;
      this.emtOnEnabling[t] = this.arrivals.on(t, ep);
      this.epTasksByEmt[ep]!.push(t, this.emtOnEnabling[t]!, this.rankKey[t]!);
      this.epTasksByLmt[ep]!.push(t, scaledLastArrival);
      this.refreshFirstEpTask(ep);
    } else {
      this.status[t] = NON_EP_TASK;
      this.nonEpTasks.push(t, scaledLastArrival, this.rankKey[t]!);
    }
  }

  /** p's EP tasks whose LMT is now below PRT(p) become non-EP tasks (placed ones are dropped on the way). */
  private demoteEpTasks(p: number): void {
    const byLmt = this.epTasksByLmt[p]!;
    const prt = this.messages.scaledTime(this.free[p]!);
    while (byLmt.size > 0) {
      const t = byLmt.peek();
      if (this.status[t] !== EP_TASK) byLmt.pop();
      else if (this.lastMessage[t]! < prt) {
        byLmt.pop();
        this.status[t] = NON_EP_TASK;
        this.nonEpTasks.push(t, this.lastMessage[t]!, this.rankKey[t]!);
      } else break;
    }
  }

  /** Drops placed and demoted tasks from the head of p's EP list and reorders p among the active processors. */
  private refreshFirstEpTask(p: number): void {
    const byEmt = this.epTasksByEmt[p]!;
    while (byEmt.size > 0 && this.status[byEmt.peek()] !== EP_TASK) byEmt.pop();
    const t = byEmt.peek();
    this.firstEpTask[p] = t;
    this.firstEpStart[p] = t < 0 ? Infinity : Math.max(this.emtOnEnabling[t]!, this.free[p]!);
    this.processorsByEpStart.update(p);
  }

  private emtOn(t: number, p: number): number {
    if (this.cachedEmtOn[t] !== p) {
      this.cachedEmt[t] = this.arrivals.on(t, p);
      this.cachedEmtOn[t] = p;
    }
    return this.cachedEmt[t]!;
  }
}
