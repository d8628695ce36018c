import type { Random } from '@hetsched/core';
import type { Decoder } from './decoder.js';
import { isBetter, scoreOf, type Objective, type Score } from './objective.js';
import { copyIndividual, createIndividual, type Individual } from './individual.js';
import { moveInOrder, precedenceWindow, type ProblemArrays } from './operators.js';

export interface LocalSearchResult {
  /** Candidate schedules decoded (complete or stopped at the cutoff). */
  trials: number;
  /** Moves accepted. */
  accepted: number;
  /** True when every move of the last neighbourhood was tried without improvement. */
  localOptimum: boolean;
  /** Moves that made the objective strictly better (the others kept were sideways). */
  improvements: number;
  /** The measures of the improved schedule. */
  makespan: number;
  finishSum: number;
}

export interface LocalSearchOptions {
  /** False: every candidate decoded from scratch and to the end (for measuring what incremental decoding saves). */
  incremental?: boolean;
  /** Asked every few candidates: true ends the search early (the run is being stopped), keeping what it has. */
  shouldStop?: () => boolean;
  /** The walk keeps a move only when the other measure is not worse either (default true). */
  walkTieBreak?: boolean;
  /** The descent tries exchanging and merging whole processors at a local optimum (default true). */
  relabelMoves?: boolean;
}

/**
 * The improved variant's local searches (not in the paper), on the critical path of the current schedule.
 *
 * Only tasks whose start decides the makespan can shorten it. The critical chain is walked back from the last
 * task to finish: a task is data-bound (it starts when its latest input arrives: the chain goes on through that
 * predecessor) or processor-bound (it starts when the task before it on its processor ends: the chain goes on
 * through that task). Moves of a task: to another processor (a data-bound task moved onto its critical
 * predecessor's processor loses the transfer — the coupling idea applied where it matters), or earlier or later in
 * V1 within its precedence window (a processor-bound task moved ahead of the task that blocks it).
 *
 *  - `descend`: first improvement over every move of every chain task, strict improvements only, with the other
 *    measure (for the makespan, the sum of finish times) breaking ties; ends at a local optimum. Cheap and exact
 *    where the critical path is short: it polishes the GA's new children.
 *  - `walk`: random moves (half on the chain, half on any task) kept when the makespan is not worse. On large
 *    workflows nearly every single move leaves the makespan unchanged: a descent stops at once, the walk drifts
 *    along the plateau until a move that shortens the makespan appears.
 *
 * Candidates are decoded from their first changed position (`Decoder.tryFrom`, the timelines rolled back, not
 * rebuilt) and stopped as soon as they cannot be kept: with the makespan, once a placed task's finish plus its
 * tail — the longest chain of successors under the current processors, with their transfers — passes the current
 * makespan. For the average-turnaround objective every task matters, and the chain is replaced by all tasks.
 */
export class LocalSearch {
  private readonly chain: Int32Array;
  private readonly moves: Int32Array;
  /** Processor pairs (from * m + to) for `tryRelabellings`. */
  private readonly relabellings: Int32Array;
  /** Lower bounds from each task's finish to the makespan under the current processors (see `tailOf`). */
  private readonly tails: Float64Array;
  private readonly dirty: Uint8Array;
  private readonly spare: Individual;
  // The state of one run: two buffers take turns as the current solution and the candidate (the caller's
  // individual is one of them, and gets the result back at the end).
  private current: Individual;
  private candidate: Individual;
  private readonly score: Score = { primary: 0, secondary: 0 };
  private readonly cutoff: Score = { primary: 0, secondary: 0 };
  private defaultTail: Float64Array;
  private trials = 0;
  private accepted = 0;
  private improvements = 0;

  private readonly problem: ProblemArrays;
  private readonly objective: Objective;
  private readonly incremental: boolean;
  private readonly shouldStop: () => boolean;
  private readonly walkTieBreak: boolean;
  private readonly relabelMoves: boolean;

  /** A search whose candidates `decoder` decodes, on its problem and under its objective. */
  constructor(
    private readonly decoder: Decoder,
    { incremental = true, shouldStop = () => false, walkTieBreak = true, relabelMoves = true }: LocalSearchOptions = {},
  ) {
    this.problem = decoder.problem;
    this.objective = decoder.objective;
    this.incremental = incremental;
    this.shouldStop = shouldStop;
    this.walkTieBreak = walkTieBreak;
    this.relabelMoves = relabelMoves;
    const n = this.problem.taskCount;
    this.spare = createIndividual(n);
    this.current = this.spare;
    this.candidate = this.spare;
    this.chain = new Int32Array(n);
    this.tails = new Float64Array(n);
    this.dirty = new Uint8Array(n);
    this.defaultTail = decoder.tail;
    // A move is encoded as task * (m + 2) + kind: kind < m reassigns to that processor, m moves earlier, m + 1 later.
    this.moves = new Int32Array(n * (this.problem.processorCount + 2));
    this.relabellings = new Int32Array(this.problem.processorCount ** 2);
  }

  /**
   * Steepest-ish descent: first improvement over the whole critical-chain neighbourhood, in random order, strict
   * (lexicographic) improvements only; stops at a local optimum or when `budget` candidates were decoded.
   */
  descend(individual: Individual, random: Random, budget: number): LocalSearchResult {
    const m = this.problem.processorCount;
    const kinds = m + 2;
    this.begin(individual);
    let localOptimum = false;
    search: while (this.trials < budget) {
      const chainLength = this.objective === 'makespan' ? this.criticalChain(this.current) : this.allTasks();
      let moveCount = 0;
      for (let c = 0; c < chainLength; c++) {
        const t = this.chain[c]!;
        for (let kind = 0; kind < kinds; kind++) if (kind !== this.current.processorOf[t]) this.moves[moveCount++] = t * kinds + kind;
      }
      shuffle(this.moves, moveCount, random);
      for (let i = 0; i < moveCount; i++) {
        if (this.trials >= budget || ((this.trials & STOP_CHECK_MASK) === 0 && this.shouldStop())) break search;
        const t = (this.moves[i]! / kinds) | 0;
        const kind = this.moves[i]! - t * kinds;
        if (kind < m ? this.tryProcessor(t, kind, false) : this.tryShift(t, kind === m ? -1 : 1, random, false)) continue search;
      }
      if (this.relabelMoves && this.tryRelabellings(random, budget)) continue;
      localOptimum = true;
      break;
    }
    return this.end(individual, localOptimum);
  }

  /**
   * Moves of whole processors, tried once no single task's move improves: two processors exchange their tasks,
   * or one hands all of its tasks to another. With heterogeneous costs a group of tasks that belongs together
   * may sit on the wrong processor, and no single task can leave the group without paying its transfers; at high
   * CCR the best schedules often use fewer processors than the local optimum does. True when one improved.
   */
  private tryRelabellings(random: Random, budget: number): boolean {
    const m = this.problem.processorCount;
    const moves = this.relabellings;
    // Every entry, the pairs p = q (skipped below) too: a shuffle leaves any other value there, and a search must
    // not depend on what an earlier one left.
    for (let pair = 0; pair < m * m; pair++) moves[pair] = pair;
    shuffle(moves, m * m, random);
    for (let i = 0; i < m * m; i++) {
      const from = Math.floor(moves[i]! / m);
      const to = moves[i]! % m;
      if (from === to) continue;
      // Each unordered pair is tried once as an exchange (from < to) and both ways as a merge.
      for (const exchange of from < to ? [true, false] : [false]) {
        if (this.trials >= budget) return false;
        if (this.tryRelabel(from, to, exchange)) return true;
      }
    }
    return false;
  }

  /** Candidate: processor `from`'s tasks on `to`, and with `exchange` `to`'s on `from`. */
  private tryRelabel(from: number, to: number, exchange: boolean): boolean {
    const { current, candidate } = this;
    copyIndividual(current, candidate);
    const { processorOf } = candidate;
    let first = current.order.length;
    for (let t = 0; t < processorOf.length; t++) {
      const p = processorOf[t]!;
      if (p !== from && !(exchange && p === to)) continue;
      processorOf[t] = p === from ? to : from;
      first = Math.min(first, current.position[t]!);
    }
    if (first === current.order.length) return false;
    this.computeTails(candidate);
    if (this.decodeCandidate(first, false)) return true;
    this.computeTails(current);
    return false;
  }

  /**
   * Plateau walk: `budget` random moves — a task of the critical chain (half the time) or any task, to a random
   * other processor (60%) or a random position of its precedence window — each kept when the objective is not
   * worse. Accepting equal makespans lets the schedule drift across the plateaus where no single move shortens
   * the makespan, which on large workflows is almost everywhere; it never returns worse than it started.
   */
  walk(individual: Individual, random: Random, budget: number): LocalSearchResult {
    const { taskCount: n, processorCount: m } = this.problem;
    this.begin(individual);
    let chainLength = this.criticalChain(this.current);
    // Counted in moves drawn, not decodes: a move with nowhere to go costs no decode but must still end the walk
    // (one processor and a chain of tasks leave no move at all).
    for (let drawn = 0; drawn < budget; drawn++) {
      if ((drawn & STOP_CHECK_MASK) === 0 && this.shouldStop()) break;
      const t = random.chance(WALK_CHAIN_SHARE) ? this.chain[random.int(0, chainLength - 1)]! : random.int(0, n - 1);
      let kept: boolean;
      if (m > 1 && random.chance(WALK_REASSIGN_SHARE)) {
        kept = this.tryProcessor(t, this.walkProcessor(t, random), true);
      } else {
        kept = this.tryShift(t, 0, random, true);
      }
      if (kept) chainLength = this.criticalChain(this.current);
    }
    return this.end(individual, false);
  }

  /**
   * Another processor for t: often a neighbour's (a predecessor's or successor's), where the transfer between
   * them disappears — the coupling idea; otherwise any other, uniformly.
   */
  private walkProcessor(t: number, random: Random): number {
    const { predOffsets, predTasks, succOffsets, succTasks } = this.problem;
    const { processorOf } = this.current;
    const own = processorOf[t]!;
    const inputs = predOffsets[t + 1]! - predOffsets[t]!;
    const neighbours = inputs + succOffsets[t + 1]! - succOffsets[t]!;
    if (neighbours > 0 && random.chance(WALK_NEIGHBOUR_SHARE)) {
      const i = random.int(0, neighbours - 1);
      const u = i < inputs ? predTasks[predOffsets[t]! + i]! : succTasks[succOffsets[t]! + i - inputs]!;
      if (processorOf[u] !== own) return processorOf[u]!;
    }
    const other = random.int(0, this.problem.processorCount - 2);
    return other >= own ? other + 1 : other;
  }

  private begin(individual: Individual): void {
    this.current = individual;
    this.candidate = this.spare;
    this.trials = 0;
    this.accepted = 0;
    this.improvements = 0;
    this.decoder.decode(individual);
    this.decoder.load(individual);
    scoreOf(this.objective, this.decoder.makespan, this.decoder.finishSum, this.score);
    this.defaultTail = this.decoder.tail;
    this.computeTails(individual);
    this.decoder.tail = this.tails;
  }

  private end(individual: Individual, localOptimum: boolean): LocalSearchResult {
    this.decoder.tail = this.defaultTail;
    if (this.current !== individual) copyIndividual(this.current, individual);
    const byMakespan = this.objective === 'makespan';
    return {
      trials: this.trials,
      accepted: this.accepted,
      improvements: this.improvements,
      localOptimum,
      makespan: byMakespan ? this.score.primary : this.score.secondary,
      finishSum: byMakespan ? this.score.secondary : this.score.primary,
    };
  }

  /** Candidate: task t on `processor`. Kept (and made current) when `accept` says so. */
  private tryProcessor(t: number, processor: number, sideways: boolean): boolean {
    const candidate = this.candidate;
    copyIndividual(this.current, candidate);
    candidate.processorOf[t] = processor;
    const saved = this.tails[t]!;
    this.tails[t] = this.tailOf(t, candidate.processorOf);
    if (this.decodeCandidate(this.current.position[t]!, sideways)) {
      this.propagateTails(this.current, t);
      return true;
    }
    this.tails[t] = saved;
    return false;
  }

  /**
   * Candidate: task t moved within its precedence window — earlier (direction -1), later (+1) or anywhere (0), to
   * a random position there. False (and no decode) when it has nowhere to go.
   */
  private tryShift(t: number, direction: number, random: Random, sideways: boolean): boolean {
    const current = this.current;
    const from = current.position[t]!;
    const { lo, hi } = precedenceWindow(this.problem, current.position, t);
    let to: number;
    if (direction < 0) {
      if (lo >= from) return false;
      to = random.int(lo, from - 1);
    } else if (direction > 0) {
      if (hi <= from) return false;
      to = random.int(from + 1, hi);
    } else {
      if (hi <= lo) return false;
      to = random.int(lo, hi - 1);
      if (to >= from) to++;
    }
    const candidate = this.candidate;
    copyIndividual(current, candidate);
    moveInOrder(candidate.order, candidate.position, from, to);
    return this.decodeCandidate(Math.min(from, to), sideways);
  }

  /**
   * Decodes the candidate (equal to the current solution before position `first`) and makes it current when it
   * is better — lexicographically (the objective, then the other measure), or with `sideways` when it is merely
   * not worse that way. The cutoff stops its decode as soon as it cannot be.
   */
  private decodeCandidate(first: number, sideways: boolean): boolean {
    const { decoder, objective, score, cutoff, candidate } = this;
    this.trials++;
    cutoff.primary = score.primary;
    cutoff.secondary = sideways && !this.walkTieBreak ? Infinity : score.secondary;
    const complete = this.incremental ? decoder.tryFrom(candidate, first, cutoff) : decoder.decode(candidate);
    if (!complete) return false;
    const primary = objective === 'makespan' ? decoder.makespan : decoder.finishSum;
    const secondary = objective === 'makespan' ? decoder.finishSum : decoder.makespan;
    const kept = !sideways
      ? isBetter(primary, secondary, score.primary, score.secondary)
      : this.walkTieBreak
        ? !isBetter(score.primary, score.secondary, primary, secondary)
        : primary <= score.primary;
    if (!kept) return false;
    if (primary < score.primary) this.improvements++;
    score.primary = primary;
    score.secondary = secondary;
    this.candidate = this.current;
    this.current = candidate;
    decoder.load(candidate);
    this.accepted++;
    return true;
  }

  /**
   * tail(t) under fixed processors: max over successors s of (transfer t -> s + cost of s on its processor +
   * tail(s)). Every decoded schedule with these processors keeps each successor at least that far behind t (the
   * decoder only ever adds waiting for a processor), so finish(t) + tail(t) <= makespan: the decoder's bound for
   * stopping a candidate, far tighter than cheapest costs without transfers when communication dominates.
   */
  private tailOf(t: number, processorOf: Int32Array): number {
    const { processorCount: m, cost, succOffsets, succTasks, succData, latency, inverseBandwidth } = this.problem;
    const p = processorOf[t]!;
    let longest = 0;
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const s = succTasks[i]!;
      const ps = processorOf[s]!;
      const via = (ps === p ? 0 : latency[p * m + ps]! + succData[i]! * inverseBandwidth[p * m + ps]!) + cost[s * m + ps]! + this.tails[s]!;
      if (via > longest) longest = via;
    }
    return longest;
  }

  private computeTails(current: Individual): void {
    const { order } = current;
    for (let k = order.length - 1; k >= 0; k--) this.tails[order[k]!] = this.tailOf(order[k]!, current.processorOf);
  }

  /**
   * After task t moved to another processor (its own tail already recomputed), the tails
   * of its ancestors — all earlier in the order — are brought up to date, walking back from t's position and
   * recomputing only tasks one of whose successors changed.
   */
  private propagateTails(current: Individual, t: number): void {
    const { order, position, processorOf } = current;
    // t's new processor also changed the transfers into it: its predecessors' tails change even if its own did not.
    let pending = this.markPredecessors(t);
    for (let k = position[t]! - 1; k >= 0 && pending > 0; k--) {
      const u = order[k]!;
      if (this.dirty[u] === 0) continue;
      this.dirty[u] = 0;
      pending--;
      const updated = this.tailOf(u, processorOf);
      if (updated === this.tails[u]) continue;
      this.tails[u] = updated;
      pending += this.markPredecessors(u);
    }
  }

  /** Marks the predecessors of u for recomputation; returns how many were not marked yet. */
  private markPredecessors(u: number): number {
    const { predOffsets, predTasks } = this.problem;
    let marked = 0;
    for (let i = predOffsets[u]!; i < predOffsets[u + 1]!; i++) {
      const q = predTasks[i]!;
      if (this.dirty[q] === 1) continue;
      this.dirty[q] = 1;
      marked++;
    }
    return marked;
  }

  /**
   * Writes the critical chain of `current` (which the decoder's timelines hold in full) into `chain`, from the
   * last task to finish back to a task that starts at its ready time with nothing before it; returns its length.
   * The ready time is recomputed with the decoder's own expression, so "starts when its input arrives" is an
   * exact comparison.
   */
  private criticalChain(current: Individual): number {
    const { taskCount: n, processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, start, finish } = current;
    const timelines = this.decoder.timelines;
    let t = 0;
    for (let u = 1; u < n; u++) if (finish[u]! > finish[t]!) t = u;
    let length = 0;
    while (t >= 0 && length < n) {
      this.chain[length++] = t;
      const p = processorOf[t]!;
      let ready = 0;
      let critical = -1;
      for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
        const q = predTasks[i]!;
        const pq = processorOf[q]!;
        const arrival = pq === p ? finish[q]! : finish[q]! + latency[pq * m + p]! + predData[i]! * inverseBandwidth[pq * m + p]!;
        if (arrival > ready) {
          ready = arrival;
          critical = q;
        }
      }
      if (start[t]! <= ready) {
        t = critical;
        continue;
      }
      // Processor-bound: it starts when the task before it on its processor finishes. Zero-length tasks at the
      // instant t starts are passed over: they cannot have delayed it, and their order among themselves depends on
      // how the timelines were built (a full decode, or a rollback and replay), which the chain must not.
      const begins = start[t]!;
      let before = -1;
      for (let i = 0, count = timelines.taskCountOn(p); i < count; i++) {
        const u = timelines.taskAt(p, i);
        if (u === t) break;
        if (start[u] === begins && finish[u] === begins) continue;
        before = u;
      }
      t = before;
    }
    return length;
  }

  /** The critical chain of a chromosome (decoded here), from the last task to finish back to its start. */
  criticalChainOf(individual: Individual): Int32Array {
    this.decoder.decode(individual);
    return this.chain.slice(0, this.criticalChain(individual));
  }

  private allTasks(): number {
    const n = this.problem.taskCount;
    for (let t = 0; t < n; t++) this.chain[t] = t;
    return n;
  }
}

/** How often a search asks whether to stop: every 32 candidates (a clock reading costs about a decode of 20 tasks). */
const STOP_CHECK_MASK = 31;
/** Share of the walk's moves that pick a task of the critical chain (the others pick any task). */
const WALK_CHAIN_SHARE = 0.5;
/** Share of the walk's moves that change a processor (the others move a task in the order). */
const WALK_REASSIGN_SHARE = 0.8;
/** Share of the walk's processor changes that go to a neighbour's processor (the others to any). */
const WALK_NEIGHBOUR_SHARE = 0.5;

function shuffle(values: Int32Array, count: number, random: Random): void {
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(0, i);
    const v = values[i]!;
    values[i] = values[j]!;
    values[j] = v;
  }
}
