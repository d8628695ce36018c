import { Random } from '@hetsched/core';
import { firstDifference, positionsOf } from './chromosome.js';
import { Decoder } from './decoder.js';
import type { IndividualPool } from './individual-pool.js';
import { LocalSearch } from './local-search.js';
import type { Objective } from './objective.js';
import {
  mutateOrder,
  mutateProcessors,
  orderCrossover,
  processorCrossoverByTask,
  processorCrossoverBySegment,
  type ProblemArrays,
} from './operators.js';

export type Variant = 'paper' | 'improved';

/** What every thread needs to know to run jobs the same way. */
export interface EvaluatorSettings {
  objective: Objective;
  crossoverRate: number;
  mutationRate: number;
  /** Probability that a child also gets an order mutation (improved variant; 0 in the paper's). */
  orderMutationRate: number;
  /** Processor crossover by order segment (improved) instead of one-point by task index (paper). */
  segmentProcessorCrossover: boolean;
  /** Re-decode from the first changed position (false: always from scratch, for measuring what it saves). */
  incrementalDecoding: boolean;
  /** The local search's variations (see `Tuning`). */
  walkTieBreak: boolean;
  relabelMoves: boolean;
}

/**
 * Jobs, six numbers each in a Float64Array: [kind, slot, a, b, seed, amount].
 *  - DECODE  slot: decode the chromosome in `slot` from scratch.
 *  - BREED   slot <- crossover(a, b) + mutation, with the random stream `seed`; decoded from the first position
 *            where it differs from parent a.
 *  - DESCEND slot: critical-path descent in place, at most `amount` candidate decodes.
 *  - WALK    slot: plateau walk in place, `amount` candidate decodes.
 *  - PERTURB slot <- a with `amount` random moves (restarts), decoded from the first change.
 * A job reads its parents and writes only its own slot, and its result depends only on them and its seed: jobs of
 * one batch may run in any thread in any order and give the same population.
 */
export const JobKind = { decode: 0, breed: 1, descend: 2, walk: 3, perturb: 4 } as const;
export type JobKind = (typeof JobKind)[keyof typeof JobKind];
export const JOB_FIELDS = 6;

/** Runs jobs on a pool: the same code in the main thread (no workers) and in each worker thread. */
export class Evaluator {
  readonly decoder: Decoder;
  private readonly localSearch: LocalSearch;
  private readonly taken: Uint8Array;

  constructor(
    private readonly problem: ProblemArrays,
    private readonly pool: IndividualPool,
    private readonly settings: EvaluatorSettings,
    /** True once the run is being stopped (time up, aborted): long local searches end early. */
    shouldStop: () => boolean = () => false,
  ) {
    this.decoder = new Decoder(problem, { objective: settings.objective });
    const { incrementalDecoding: incremental, walkTieBreak, relabelMoves } = settings;
    this.localSearch = new LocalSearch(this.decoder, { incremental, walkTieBreak, relabelMoves, shouldStop });
    this.taken = new Uint8Array(problem.taskCount);
  }

  run(jobs: Float64Array, index: number): void {
    const at = index * JOB_FIELDS;
    const kind = jobs[at]!;
    const slot = jobs[at + 1]!;
    switch (kind) {
      case JobKind.decode:
        this.decode(slot);
        break;
      case JobKind.breed:
        this.breed(slot, jobs[at + 2]!, jobs[at + 3]!, jobs[at + 4]!);
        break;
      case JobKind.descend:
        this.descend(slot, jobs[at + 4]!, jobs[at + 5]!);
        break;
      case JobKind.walk:
        this.walk(slot, jobs[at + 4]!, jobs[at + 5]!);
        break;
      case JobKind.perturb:
        this.perturb(slot, jobs[at + 2]!, jobs[at + 4]!, jobs[at + 5]!);
        break;
      default:
        throw new Error(`unknown job kind ${kind}`);
    }
  }

  decode(slot: number): void {
    this.decoder.decode(this.pool.individuals[slot]!);
    this.record(slot, this.decoder.makespan, this.decoder.finishSum, 0);
  }

  breed(slot: number, a: number, b: number, seed: number): void {
    const { problem, pool, settings } = this;
    const n = problem.taskCount;
    const random = new Random(seed);
    const parent = pool.individuals[a]!;
    const other = pool.individuals[b]!;
    const child = pool.individuals[slot]!;
    if (n > 1 && random.chance(settings.crossoverRate)) {
      const cut = random.int(1, n - 1);
      orderCrossover([parent.order, other.order], cut, child.order, this.taken);
      const processors = [parent.processorOf, other.processorOf] as const;
      if (settings.segmentProcessorCrossover) processorCrossoverBySegment(processors, child.order, cut, child.processorOf);
      else processorCrossoverByTask(processors, random.int(0, n), child.processorOf);
    } else {
      child.order.set(parent.order);
      child.processorOf.set(parent.processorOf);
    }
    positionsOf(child.order, child.position);
    mutateProcessors(child, problem.processorCount, settings.mutationRate, random);
    if (settings.orderMutationRate > 0 && random.chance(settings.orderMutationRate)) mutateOrder(problem, child, child.position, random);
    this.decodeAgainst(slot, a);
  }

  /** Marks the slot as a local optimum of the descent when no improving move was left. */
  descend(slot: number, seed: number, budget: number): void {
    const result = this.localSearch.descend(this.pool.individuals[slot]!, new Random(seed), budget);
    this.record(slot, result.makespan, result.finishSum, result.localOptimum ? 1 : 0);
  }

  /** A walk that kept a move leaves a schedule the descent has not seen: the mark is cleared then. */
  walk(slot: number, seed: number, budget: number): void {
    const result = this.localSearch.walk(this.pool.individuals[slot]!, new Random(seed), budget);
    this.record(slot, result.makespan, result.finishSum, result.accepted > 0 ? 0 : this.pool.localOptimum[slot]!);
  }

  /** A copy of `from` with `moves` random changes (half processor re-draws, half order moves). */
  perturb(slot: number, from: number, seed: number, moves: number): void {
    const { problem, pool } = this;
    const random = new Random(seed);
    const source = pool.individuals[from]!;
    const child = pool.individuals[slot]!;
    child.order.set(source.order);
    child.processorOf.set(source.processorOf);
    child.position.set(source.position);
    const m = problem.processorCount;
    for (let i = 0; i < moves; i++) {
      if (m > 1 && random.chance(0.5)) {
        const t = random.int(0, problem.taskCount - 1);
        const other = random.int(0, m - 2);
        child.processorOf[t] = other >= child.processorOf[t]! ? other + 1 : other;
      } else {
        mutateOrder(problem, child, child.position, random);
      }
    }
    this.decodeAgainst(slot, from);
  }

  /** Decodes the child in `slot` from its first difference with the decoded individual in `parentSlot`. */
  private decodeAgainst(slot: number, parentSlot: number): void {
    const { pool } = this;
    const parent = pool.individuals[parentSlot]!;
    const child = pool.individuals[slot]!;
    const first = firstDifference(child, parent);
    if (first === child.order.length) {
      // Identical to the parent: nothing to decode.
      child.start.set(parent.start);
      child.finish.set(parent.finish);
      pool.makespan[slot] = pool.makespan[parentSlot]!;
      pool.finishSum[slot] = pool.finishSum[parentSlot]!;
      pool.localOptimum[slot] = pool.localOptimum[parentSlot]!;
      return;
    }
    if (this.settings.incrementalDecoding) this.decoder.decodeFrom(child, first, parent);
    else this.decoder.decode(child);
    this.record(slot, this.decoder.makespan, this.decoder.finishSum, 0);
  }

  private record(slot: number, makespan: number, finishSum: number, localOptimum: number): void {
    this.pool.makespan[slot] = makespan;
    this.pool.finishSum[slot] = finishSum;
    this.pool.localOptimum[slot] = localOptimum;
  }
}
