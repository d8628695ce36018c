/**
 * The cost model of docs/formats.md read straight from the documents (never from a compiled problem's typed arrays)
 * in exact rationals, deliberately naive, for the reference schedulers the scheduler specs compare with: a task of
 * work w takes w / speed unless its costs name the processor; a transfer between distinct processors takes latency +
 * data / bandwidth (a link's values, else the network's, else 0 and 1), on one processor nothing. Tasks and
 * processors are numbered in document order, as compileProblem numbers them.
 */
import type { Schedule } from '@hetsched/core';
import type { DocumentProblem } from './document-problems.js';
import { Q } from './exact.js';

/** A task placed by a reference scheduler, in exact arithmetic. */
export interface Placement {
  processor: number;
  start: Q;
  finish: Q;
}

/** Placements so far, by task index (undefined: not placed). */
export type Placements = readonly (Placement | undefined)[];

/** An edge seen from one end: the task at the other end and the data it carries. */
export interface Edge {
  task: number;
  data: number;
}

export class DocumentModel {
  readonly taskCount: number;
  readonly processorCount: number;
  private readonly index: Map<string, number>;
  // Memoised only for speed: each is the plain definition, computed once.
  private readonly predecessorLists = new Map<number, Edge[]>();
  private readonly successorLists = new Map<number, Edge[]>();
  private meanLink?: { latency: Q; bandwidth: Q };

  constructor(readonly problem: DocumentProblem) {
    this.taskCount = problem.workflow.tasks.length;
    this.processorCount = problem.cluster.processors.length;
    this.index = new Map(problem.workflow.tasks.map((t, i) => [t.id, i]));
  }

  /** Execution time of task t on processor p: its explicit cost there, else work / speed. */
  cost(t: number, p: number): Q {
    const task = this.problem.workflow.tasks[t]!;
    const processor = this.problem.cluster.processors[p]!;
    if (task.costs && Object.hasOwn(task.costs, processor.id)) return Q.of(task.costs[processor.id]!);
    return Q.of(task.work!).over(Q.of(processor.speed ?? 1));
  }

  /** Transfer time of `data` from processor `from` to processor `to`: latency + data / bandwidth, 0 on one processor. */
  transfer(data: number, from: number, to: number): Q {
    if (from === to) return Q.zero;
    return this.latency(from, to).plus(Q.of(data).over(this.bandwidth(from, to)));
  }

  latency(p: number, q: number): Q {
    return Q.of(this.link(p, q)?.latency ?? this.problem.cluster.network?.latency ?? 0);
  }

  bandwidth(p: number, q: number): Q {
    return Q.of(this.link(p, q)?.bandwidth ?? this.problem.cluster.network?.bandwidth ?? 1);
  }

  /** w̄(t): the mean of t's execution times. */
  meanCost(t: number): Q {
    let sum = Q.zero;
    for (let p = 0; p < this.processorCount; p++) sum = sum.plus(this.cost(t, p));
    return sum.over(new Q(BigInt(this.processorCount)));
  }

  /** The median of t's execution times; for an even count the mean of the two middle ones. */
  medianCost(t: number): Q {
    const sorted = Array.from({ length: this.processorCount }, (_, p) => this.cost(t, p)).sort((a, b) => a.cmp(b));
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).over(new Q(2n));
  }

  /** HEFT's c̄ = L̄ + data / B̄, means over ordered pairs of distinct processors; 0 with one processor. */
  meanTransfer(data: number): Q {
    const m = this.processorCount;
    if (m < 2) return Q.zero;
    if (!this.meanLink) {
      let latencies = Q.zero;
      let bandwidths = Q.zero;
      for (let p = 0; p < m; p++) {
        for (let q = 0; q < m; q++) {
          if (p === q) continue;
          latencies = latencies.plus(this.latency(p, q));
          bandwidths = bandwidths.plus(this.bandwidth(p, q));
        }
      }
      const pairs = new Q(BigInt(m * (m - 1)));
      this.meanLink = { latency: latencies.over(pairs), bandwidth: bandwidths.over(pairs) };
    }
    return this.meanLink.latency.plus(Q.of(data).over(this.meanLink.bandwidth));
  }

  /** The edges into t, in document order. */
  predecessors(t: number): Edge[] {
    return this.edges(this.predecessorLists, t, 'to');
  }

  /** The edges out of t, in document order. */
  successors(t: number): Edge[] {
    return this.edges(this.successorLists, t, 'from');
  }

  /** level(t) = weight(t) + max over successors s of (edge(data) + level(s)), by memoised recursion. */
  levels(weight: (t: number) => Q, edge: (data: number) => Q): Q[] {
    const memo = new Map<number, Q>();
    const level = (t: number): Q => {
      const known = memo.get(t);
      if (known) return known;
      let longest = Q.zero;
      for (const s of this.successors(t)) longest = longest.max(edge(s.data).plus(level(s.task)));
      const value = weight(t).plus(longest);
      memo.set(t, value);
      return value;
    };
    return Array.from({ length: this.taskCount }, (_, t) => level(t));
  }

  /** rank_u(t) = w̄(t) + max over successors s of (c̄(t, s) + rank_u(s)), straight from the definition. */
  upwardRanks(): Q[] {
    return this.levels(
      (t) => this.meanCost(t),
      (data) => this.meanTransfer(data),
    );
  }

  /** rank_d(t) = max over predecessors q of (rank_d(q) + w̄(q) + c̄(q, t)); 0 for an entry task. */
  downwardRanks(): Q[] {
    const memo = new Map<number, Q>();
    const rank = (t: number): Q => {
      const known = memo.get(t);
      if (known) return known;
      let longest = Q.zero;
      for (const q of this.predecessors(t)) longest = longest.max(rank(q.task).plus(this.meanCost(q.task)).plus(this.meanTransfer(q.data)));
      memo.set(t, longest);
      return longest;
    };
    return Array.from({ length: this.taskCount }, (_, t) => rank(t));
  }

  /** Unplaced tasks whose predecessors are all placed, in input order. */
  readyTasks(placements: Placements): number[] {
    const ready: number[] = [];
    for (let t = 0; t < this.taskCount; t++) {
      if (!placements[t] && this.predecessors(t).every((e) => placements[e.task])) ready.push(t);
    }
    return ready;
  }

  /** A ready list: the highest priority among tasks whose predecessors are all listed, ties by input order. */
  readyListOrder(priority: readonly Q[]): number[] {
    const listed: Placement[] = new Array(this.taskCount);
    const order: number[] = [];
    while (order.length < this.taskCount) {
      const best = this.readyTasks(listed).reduce((a, b) => (priority[b]!.cmp(priority[a]!) > 0 ? b : a));
      listed[best] = { processor: 0, start: Q.zero, finish: Q.zero };
      order.push(best);
    }
    return order;
  }

  /** A topological order: repeatedly the first task in input order whose predecessors are all listed (Kahn). */
  topologicalOrder(): number[] {
    return this.readyListOrder(new Array<Q>(this.taskCount).fill(Q.zero));
  }

  /** When the inputs of t from its placed predecessors are all on processor p (the others are left out). */
  arrival(placements: Placements, t: number, p: number): Q {
    let ready = Q.zero;
    for (const q of this.predecessors(t)) {
      const parent = placements[q.task];
      if (parent) ready = ready.max(parent.finish.plus(this.transfer(q.data, parent.processor, p)));
    }
    return ready;
  }

  /**
   * Where t would run on p given the placements so far: from its data-arrival time, after the last task on p
   * (append, the papers' machine availability) or, with insertion, at the first candidate start (the arrival time or
   * any finish after it) whose interval conflicts with no task on p. [c, c + d) conflicts with [s, f) when c < f and
   * s < c + d: a zero-length task may touch anything but not sit strictly inside a busy interval.
   */
  placement(placements: Placements, t: number, p: number, insertion: boolean): Placement {
    const ready = this.arrival(placements, t, p);
    const duration = this.cost(t, p);
    const busy = placements.filter((x): x is Placement => x !== undefined && x.processor === p);
    let start: Q;
    if (!insertion) {
      start = busy.reduce((latest, x) => latest.max(x.finish), ready);
    } else {
      const candidates = [ready, ...busy.map((b) => b.finish).filter((f) => f.cmp(ready) >= 0)].sort((a, b) => a.cmp(b));
      start = candidates.find((c) => busy.every((b) => !(c.lt(b.finish) && b.start.lt(c.plus(duration)))))!;
    }
    return { processor: p, start, finish: start.plus(duration) };
  }

  /** The placement of t of earliest finish over the processors, ties to the processor listed first. */
  earliestPlacement(placements: Placements, t: number, insertion: boolean): Placement {
    let best: Placement | undefined;
    for (let p = 0; p < this.processorCount; p++) {
      const candidate = this.placement(placements, t, p, insertion);
      if (!best || candidate.finish.lt(best.finish)) best = candidate;
    }
    return best!;
  }

  /**
   * The placement of t of earliest start over the processors, tried in `processorOrder` (default: as listed), ties to
   * the one tried first: MST's and MSBC's choice, where the start alone decides whatever the finish.
   */
  earliestStartPlacement(placements: Placements, t: number, insertion: boolean, processorOrder?: readonly number[]): Placement {
    let best: Placement | undefined;
    for (const p of processorOrder ?? Array.from({ length: this.processorCount }, (_, q) => q)) {
      const candidate = this.placement(placements, t, p, insertion);
      if (!best || candidate.start.lt(best.start)) best = candidate;
    }
    return best!;
  }

  private link(p: number, q: number) {
    const a = this.problem.cluster.processors[p]!.id;
    const b = this.problem.cluster.processors[q]!.id;
    return (this.problem.cluster.network?.links ?? []).find((l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a));
  }

  private edges(memo: Map<number, Edge[]>, t: number, end: 'from' | 'to'): Edge[] {
    let list = memo.get(t);
    if (!list) {
      const id = this.problem.workflow.tasks[t]!.id;
      const other = end === 'to' ? 'from' : 'to';
      list = this.problem.workflow.edges.filter((e) => e[end] === id).map((e) => ({ task: this.index.get(e[other])!, data: e.data ?? 0 }));
      memo.set(t, list);
    }
    return list;
  }
}

/** Rows [processor, start, finish] per task of reference placements, as doubles. */
export function placementRows(placements: Placements): [number, number, number][] {
  return placements.map((x) => [x!.processor, x!.start.toNumber(), x!.finish.toNumber()]);
}

/** Rows [processor, start, finish] per task of a schedule, to compare with `placementRows`. */
export function scheduleRows(schedule: Schedule): [number, number, number][] {
  return Array.from(schedule.processorOf, (p, t) => [p, schedule.start[t]!, schedule.finish[t]!]);
}

/** The latest finish of some placements (0 for none), as a double. */
export function makespanOfPlacements(placements: Placements): number {
  return placements.reduce((latest, x) => (x ? latest.max(x.finish) : latest), Q.zero).toNumber();
}
