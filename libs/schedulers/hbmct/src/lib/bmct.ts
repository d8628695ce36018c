import { DataArrival, type Schedule, type SchedulingProblem } from '@hetsched/core';

/**
 * BMCT, Balanced Minimum Completion Time (Sakellariou & Zhao 2004), for one group of independent tasks whose
 * predecessors are all scheduled:
 *  1. EST(t, p) = max(data arrival of t on p, finish time of p so far); each task starts on the processor where it
 *     executes fastest (ties: listed first); each processor runs its tasks in order of EST (ties: input order),
 *     each at max(EST, the previous one's finish), appended after what the processor already runs;
 *  2. repeat: take the processor M finishing last (ties: listed first); try its tasks in order of mean EST over
 *     the processors (ties: input order): a task whose removal makes M finish earlier moves to the processor that
 *     would then finish earliest (ties: listed first), provided that is before M's finish time now; after a move,
 *     start over; stop when no task of M can move.
 * Each move lowers the sorted vector of finish times lexicographically, so the loop ends. Evaluating a move
 * re-times one processor's sequence from the change on (stopping where the times fall back to the old ones or
 * exceed the bound): O(k) per try for a group of k tasks, so O(k·m·k) per move at worst; in practice far less.
 *
 * Writes the group's start and finish times into `schedule` and advances `available` (per-processor finish times).
 */
export function scheduleGroup(problem: SchedulingProblem, tasks: Int32Array, available: Float64Array, schedule: Schedule): void {
  const group = new GroupSchedule(problem, tasks, available, schedule);
  while (group.moveOneTask());
  group.commit();
}

/** A group's tasks on per-processor sequences, with their finish times. */
class GroupSchedule {
  private readonly m: number;
  /** est[i * m + p]: EST of the group's i-th task on p. */
  private readonly est: Float64Array;
  /** A task's place in the order tasks are tried for a move: by mean EST, ties by input order. */
  private readonly tryRank: Int32Array;
  private readonly byTryRank: Int32Array;
  /** Per processor, its tasks' try ranks, ascending. */
  private readonly tryOrder: number[][];
  private readonly sequence: number[][];
  private readonly finish: number[][];

  constructor(
    private readonly problem: SchedulingProblem,
    private readonly tasks: Int32Array,
    private readonly available: Float64Array,
    private readonly schedule: Schedule,
  ) {
    const m = (this.m = problem.processorCount);
    const k = tasks.length;
    this.est = new Float64Array(k * m);
    // The sum of the ESTs orders tasks as their mean does, without a division's rounding.
    const estSum = new Float64Array(k);
    const arrivals = new DataArrival(problem, schedule);
    for (let i = 0; i < k; i++) estSum[i] = this.computeEst(i, arrivals);
    const byMeanEst = Int32Array.from({ length: k }, (_, i) => i).sort((a, b) => estSum[a]! - estSum[b]! || tasks[a]! - tasks[b]!);
    this.byTryRank = byMeanEst;
    this.tryRank = new Int32Array(k);
    byMeanEst.forEach((i, rank) => (this.tryRank[i] = rank));
    this.sequence = Array.from({ length: m }, () => []);
    this.finish = Array.from({ length: m }, () => []);
    this.tryOrder = Array.from({ length: m }, () => []);
    for (const i of byMeanEst) {
      const p = this.fastestProcessor(tasks[i]!);
      this.sequence[p]!.push(i);
      this.tryOrder[p]!.push(this.tryRank[i]!);
    }
    for (let p = 0; p < m; p++) {
      this.sequence[p]!.sort((a, b) => this.comesBefore(a, b, p));
      this.retime(p);
    }
  }

  /** One balancing move; false when the processor finishing last has no task that can move. */
  moveOneTask(): boolean {
    const last = this.lastProcessor();
    const bound = this.finishTime(last);
    for (const rank of this.tryOrder[last]!) {
      const i = this.byTryRank[rank]!;
      if (this.finishWithout(last, i) >= bound) continue;
      let target = -1;
      let targetFinish = bound;
      for (let p = 0; p < this.m; p++) {
        if (p === last) continue;
        const finish = this.finishWith(p, i, targetFinish);
        if (finish < targetFinish) [target, targetFinish] = [p, finish];
      }
      if (target < 0) continue;
      this.move(i, last, target);
      return true;
    }
    return false;
  }

  /** Writes the sequences into the schedule and the processors' new finish times into `available`. */
  commit(): void {
    const { processorOf, start, finish } = this.schedule;
    const cost = this.problem.cost;
    for (let p = 0; p < this.m; p++) {
      // The same steps as `retime`, so the finish times are the ones the balancing compared.
      let previous = this.available[p]!;
      for (const i of this.sequence[p]!) {
        const t = this.tasks[i]!;
        processorOf[t] = p;
        start[t] = Math.max(this.est[i * this.m + p]!, previous);
        finish[t] = previous = start[t]! + cost[t * this.m + p]!;
      }
      this.available[p] = previous;
    }
  }

  /** Fills the EST row of the group's i-th task, max(data arrival, available), from `arrivals`; returns its sum. */
  private computeEst(i: number, arrivals: DataArrival): number {
    const m = this.m;
    const row = this.est.subarray(i * m, (i + 1) * m);
    arrivals.fill(this.tasks[i]!, row);
    let sum = 0;
    for (let p = 0; p < m; p++) {
      if (this.available[p]! > row[p]!) row[p] = this.available[p]!;
      sum += row[p]!;
    }
    return sum;
  }

  private fastestProcessor(t: number): number {
    const { cost } = this.problem;
    let best = 0;
    for (let p = 1; p < this.m; p++) if (cost[t * this.m + p]! < cost[t * this.m + best]!) best = p;
    return best;
  }

  /** Sequence order on p: by EST there, ties by input order. */
  private comesBefore(a: number, b: number, p: number): number {
    return this.est[a * this.m + p]! - this.est[b * this.m + p]! || this.tasks[a]! - this.tasks[b]!;
  }

  private lastProcessor(): number {
    let last = 0;
    for (let p = 1; p < this.m; p++) if (this.finishTime(p) > this.finishTime(last)) last = p;
    return last;
  }

  private finishTime(p: number): number {
    const finish = this.finish[p]!;
    return finish.length > 0 ? finish[finish.length - 1]! : this.available[p]!;
  }

  private duration(i: number, p: number): number {
    return this.problem.cost[this.tasks[i]! * this.m + p]!;
  }

  /** Recomputes p's finish times from position `from` of its sequence on (the earlier ones are unchanged). */
  private retime(p: number, from = 0): void {
    const sequence = this.sequence[p]!;
    const finish = this.finish[p]!;
    finish.length = sequence.length;
    let previous = from > 0 ? finish[from - 1]! : this.available[p]!;
    for (let j = from; j < sequence.length; j++) {
      const i = sequence[j]!;
      previous = Math.max(this.est[i * this.m + p]!, previous) + this.duration(i, p);
      finish[j] = previous;
    }
  }

  /** p's finish time with its task i taken out. */
  private finishWithout(p: number, i: number): number {
    const sequence = this.sequence[p]!;
    const finish = this.finish[p]!;
    const at = sequence.indexOf(i);
    let previous = at > 0 ? finish[at - 1]! : this.available[p]!;
    for (let j = at + 1; j < sequence.length; j++) {
      const next = Math.max(this.est[sequence[j]! * this.m + p]!, previous) + this.duration(sequence[j]!, p);
      // Back on the old times: the rest of the sequence is unchanged.
      if (next === finish[j]) return this.finishTime(p);
      previous = next;
    }
    return previous;
  }

  /** p's finish time with task i inserted at its place in the sequence; any value >= bound once it cannot be less. */
  private finishWith(p: number, i: number, bound: number): number {
    const sequence = this.sequence[p]!;
    const finish = this.finish[p]!;
    const at = this.insertionPoint(p, i);
    let previous = Math.max(this.est[i * this.m + p]!, at > 0 ? finish[at - 1]! : this.available[p]!) + this.duration(i, p);
    for (let j = at; j < sequence.length && previous < bound; j++) {
      const next = Math.max(this.est[sequence[j]! * this.m + p]!, previous) + this.duration(sequence[j]!, p);
      if (next === finish[j]) return this.finishTime(p);
      previous = next;
    }
    return previous;
  }

  /** Where task i goes in p's sequence (binary search: the sequence is sorted by `comesBefore`). */
  private insertionPoint(p: number, i: number): number {
    const sequence = this.sequence[p]!;
    let low = 0;
    let high = sequence.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.comesBefore(sequence[middle]!, i, p) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private move(i: number, from: number, to: number): void {
    const source = this.sequence[from]!;
    const removedAt = source.indexOf(i);
    source.splice(removedAt, 1);
    this.finish[from]!.splice(removedAt, 1);
    const insertedAt = this.insertionPoint(to, i);
    this.sequence[to]!.splice(insertedAt, 0, i);
    this.finish[to]!.splice(insertedAt, 0, 0);
    const ranks = this.tryOrder[from]!;
    const rank = this.tryRank[i]!;
    ranks.splice(sortedIndex(ranks, rank), 1);
    this.tryOrder[to]!.splice(sortedIndex(this.tryOrder[to]!, rank), 0, rank);
    this.retime(from, removedAt);
    this.retime(to, insertedAt);
  }
}

/** The first position of a sorted array whose value is >= x. */
function sortedIndex(sorted: readonly number[], x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < x) low = middle + 1;
    else high = middle;
  }
  return low;
}
