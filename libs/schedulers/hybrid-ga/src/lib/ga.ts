import { Random, type Schedule, type ScheduleContext, type SchedulingProblem } from '@hetsched/core';
import type { Chromosome } from './chromosome.js';
import { couplingFactors } from './coupling.js';
import type { Objective } from './objective.js';
import { JobKind, type EvaluatorSettings, type Variant } from './evaluator.js';
import type { IndividualPool } from './individual-pool.js';
import {
  constructionGuide,
  costAwareEarliestFinishSolution,
  couplingSolution,
  heftChromosome,
  randomOrderEarliestFinishSolution,
  randomRankSolution,
  type CouplingGuide,
} from './initial-population.js';
import { exhaustiveSearch } from './exhaustive.js';
import { JobBatch, type JobRunner } from './job-runner.js';
import { objectiveLowerBound, reaches } from './lower-bound.js';
import { rankSlots, selectSurvivors, tournament, uniformPick, type Scores } from './selection.js';
import type { Tuning } from './tuning.js';

/** The options of a run (the plugin's options schema, resolved). */
export interface HybridGaOptions {
  population: number;
  /** Generation limit; 0 = none (the time budget, the abort signal or the lower bound ends the run). */
  generations: number;
  /** Wall-clock budget in ms; 0 = none (the generation limit ends the run). */
  timeBudgetMs: number;
  crossoverRate: number;
  mutationRate: number;
  seed: number;
  objective: Objective;
  variant: Variant;
  /** Worker threads; 0 = decide from the amount of work and the cores. */
  threads: number;
}

export interface GenerationStats {
  generation: number;
  /** Objective of the best individual (makespan, or mean finish time). */
  bestFitness: number;
  meanFitness: number;
  /** (HEFT − best) / HEFT on the objective. */
  improvementOverHeft: number;
  elapsedMs: number;
  decodes: number;
}

/**
 * Why a run ended: its generation limit, its time budget, the abort signal, or a best schedule proven optimal (it
 * meets the objective's lower bound, `objectiveLowerBound`, or an enumeration of every chromosome found nothing
 * better, `exhaustiveSearch`).
 */
export type StopReason = 'generations' | 'time' | 'signal' | 'optimal';

export interface GaResult {
  schedule: Schedule;
  makespan: number;
  averageTurnaround: number;
  heftFitness: number;
  bestFitness: number;
  improvementOverHeft: number;
  /** The objective's lower bound the run stops at (`objectiveLowerBound`). */
  lowerBound: number;
  generations: number;
  decodes: number;
  elapsedMs: number;
  threads: number;
  population: number;
  variant: Variant;
  objective: Objective;
  stoppedBy: StopReason;
}

/** Where a run evolves and who listens: the context (clock, signal, progress), the shared pool and its runner. */
export interface EvolveSetup {
  context: ScheduleContext;
  pool: IndividualPool;
  runner: JobRunner;
  /** `context.now()` when the run began (the time budget counts from there). */
  startedAt: number;
  onGeneration?: (stats: GenerationStats) => void;
}

/** The evaluator settings a run's jobs use (the same in every thread). */
export function evaluatorSettings(options: HybridGaOptions, tuning: Tuning): EvaluatorSettings {
  return {
    objective: options.objective,
    segmentProcessorCrossover: tuning.segmentProcessorCrossover,
    crossoverRate: options.crossoverRate,
    mutationRate: options.mutationRate,
    orderMutationRate: tuning.orderMutationRate,
    incrementalDecoding: tuning.incrementalDecoding,
    walkTieBreak: tuning.walkTieBreak,
    relabelMoves: tuning.relabelMoves,
  };
}

/** Slots a run needs: the population and one generation of offspring. */
export function poolCapacity(options: HybridGaOptions): number {
  return 2 * options.population;
}

/**
 * The generational loop (§3.6's procedure). Generation 0: HEFT's chromosome, random-rank and coupling solutions
 * (and, improved, earliest-finish ones), decoded; improved, the best of `initialConstructions` sampled cost-aware
 * earliest-finish solutions replace the worst of them. Then, per generation:
 *  1. breed: as many children as the population, each a crossover + mutation of two parents (BREED jobs);
 *  2. improved variant: the critical-path descent on the best newcomers (DESCEND) and, once the best has not
 *     improved for `walkAfter` generations, the plateau walk on it (WALK), whose budget adapts to where the new
 *     bests come from;
 *  3. rank-based elitist selection over parents and offspring together;
 *  4. after `restartAfter` generations without a new best, a restart around the best.
 * It stops at the generation limit, the time budget, the abort signal, or once the best meets the objective's
 * lower bound. All randomness comes from streams derived from the seed, the generation, the job's index and its
 * `SeedStream`, so the run is the same whatever thread runs which job; the time budget only decides after which
 * generation it stops (and may cut the last local search short). Between generations it yields to the event loop,
 * so an abort is seen within one generation, or within 32 candidates of a local search.
 *
 * Cost per generation: P decodes (O(P·(n + e)·log n) with insertion) for breeding, up to
 * `descentTargets · descentBudget` + the walk's budget candidate decodes for the local search, O(P log P) for
 * ranking and selection.
 */
export async function evolve(problem: SchedulingProblem, options: HybridGaOptions, tuning: Tuning, setup: EvolveSetup): Promise<GaResult> {
  const evolution = new Evolution(problem, options, tuning, setup);
  await evolution.initialise();
  while (evolution.shouldContinue()) {
    await evolution.nextGeneration();
    // Let timers and abort events run between generations (an inline runner never gives the event loop a turn).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return evolution.result();
}

/** What the walk's last generation did, for adapting its budget (see `Evolution.adaptWalkBudget`). */
interface WalkOutcome {
  /** The best fitness before the generation. */
  previousBest: number;
  /** The best fitness after breeding, before the local search. */
  bestBred: number;
  /** The best fitness of the walked individuals after their walks. */
  walked: number;
  /** The best fitness after the local search. */
  newBest: number;
}

/** The state of one run of `evolve`, one method per step of a generation. */
class Evolution {
  private readonly n: number;
  private readonly size: number;
  private readonly scores: Scores;
  /** The main thread's stream: parent picks and survivor draws. */
  private readonly random: Random;
  private readonly batch: JobBatch;
  private readonly elite: number;
  private readonly pick: (ranked: readonly number[], random: Random) => number;
  private readonly lowerBound: number;
  private heftFitness = 0;
  private population: number[] = [];
  private free: number[] = [];
  private ranked: number[] = [];
  private bestFitness = Infinity;
  private stagnant = 0;
  private walkBudget: number;
  private generation = 0;
  private stoppedBy: StopReason = 'generations';
  /** True once the best schedule is known to be optimal. */
  private proven = false;

  constructor(
    private readonly problem: SchedulingProblem,
    private readonly options: HybridGaOptions,
    private readonly tuning: Tuning,
    private readonly setup: EvolveSetup,
  ) {
    const { pool } = setup;
    const byMakespan = options.objective === 'makespan';
    this.n = problem.taskCount;
    this.size = options.population;
    this.scores = { primary: byMakespan ? pool.makespan : pool.finishSum, secondary: byMakespan ? pool.finishSum : pool.makespan };
    this.random = new Random(options.seed);
    this.batch = new JobBatch(pool.capacity, setup.runner);
    this.elite = Math.max(1, Math.round(tuning.eliteShare * this.size));
    this.pick = tuning.tournamentParents ? tournament : uniformPick;
    this.walkBudget = tuning.walkBudgetPerTask * this.n;
    this.lowerBound = objectiveLowerBound(problem, options.objective);
  }

  private fitnessOf(slot: number): number {
    const { pool } = this.setup;
    return this.options.objective === 'makespan' ? pool.makespan[slot]! : pool.finishSum[slot]! / this.n;
  }

  private elapsed(): number {
    return this.setup.context.now() - this.setup.startedAt;
  }

  private outOfTime(): boolean {
    return this.options.timeBudgetMs > 0 && this.elapsed() >= this.options.timeBudgetMs;
  }

  /** Generation 0: HEFT in slot 0, the other slots from `initialKinds`, all decoded. */
  async initialise(): Promise<void> {
    const { problem, options, size } = this;
    const heft = heftChromosome(problem);
    const guide: CouplingGuide = { coupling: couplingFactors(problem), heftOrder: heft.order };
    const kinds = initialKinds(size, this.tuning);
    for (let slot = 0; slot < size; slot++) {
      const into: Chromosome = this.setup.pool.individuals[slot]!;
      const stream = new Random(jobSeed(options.seed, 0, slot, SeedStream.initialSolution));
      if (kinds[slot] === 'heft') {
        into.order.set(heft.order);
        into.processorOf.set(heft.processorOf);
      } else if (kinds[slot] === 'random-rank') randomRankSolution(problem, stream, into);
      else if (kinds[slot] === 'coupling') couplingSolution(problem, guide, stream, into);
      else randomOrderEarliestFinishSolution(problem, stream, into);
      this.batch.add({ kind: JobKind.decode, slot });
    }
    await this.batch.run();
    this.heftFitness = this.fitnessOf(0);
    this.population = Array.from({ length: size }, (_, i) => i);
    this.free = Array.from({ length: size }, (_, i) => size + i);
    this.ranked = rankSlots(this.population, this.scores);
    this.bestFitness = this.fitnessOf(this.ranked[0]!);
    if (!reaches(this.bestFitness, this.lowerBound)) await this.sampleConstructions();
    this.proven = reaches(this.bestFitness, this.lowerBound) || (await this.enumerate());
  }

  /**
   * Before the first generation, `constructionCount` cost-aware earliest-finish solutions
   * (`costAwareEarliestFinishSolution`), made in rounds in the free slots; the best `constructionsKept` of them
   * replace the worst initial solutions. On large workflows at high CCR the best of a few hundred is already as far
   * below HEFT as the local search gets from HEFT's schedule in 10 s, and the search goes on from there (measured
   * in BENCHMARKS.md); only a few are kept, so that the initial population stays diverse. Deterministic (one
   * stream per solution), and cut short only by the end of the run. O(count · passes · (e·m + n·m log n)).
   */
  private async sampleConstructions(): Promise<void> {
    const { options, size, problem, tuning } = this;
    const count = constructionCount(problem, tuning);
    if (count === 0) return;
    const { constructionRankNoise: rankNoise, constructionMaxPenalty: maxPenalty, constructionRefinements: refinements } = tuning;
    const guide = constructionGuide(problem, { rankNoise, maxPenalty, refinements, objective: options.objective });
    const keep = Math.min(size - 1, tuning.constructionsKept);
    let kept: number[] = [];
    let spare = this.free;
    const stopped = () => this.setup.context.signal.aborted || this.outOfTime();
    for (let made = 0; made < count && !stopped(); ) {
      const round = spare.slice(0, count - made);
      // One construction of a large workflow takes tens of milliseconds: the event loop gets a turn between them,
      // so that an abort (a timer, a message) is seen within one construction, not one round. A round cut short
      // is dropped whole (its slots stay free).
      let cut = false;
      for (let i = 0; i < round.length && !cut; i++) {
        if (i > 0) {
          await yieldTurn();
          cut = stopped();
          if (cut) break;
        }
        const stream = new Random(jobSeed(options.seed, 0, made + i, SeedStream.construction));
        costAwareEarliestFinishSolution(problem, guide, stream, this.setup.pool.individuals[round[i]!]!);
      }
      if (cut) break;
      for (const slot of round) this.batch.add({ kind: JobKind.decode, slot });
      await this.batch.run();
      const ranked = [...rankSlots([...kept, ...round], this.scores), ...spare.slice(round.length)];
      kept = ranked.slice(0, keep);
      spare = ranked.slice(keep);
      made += round.length;
    }
    if (kept.length === 0) return;
    // The kept constructions take the places of the worst initial solutions, whose slots become free.
    const population = rankSlots(this.population, this.scores);
    const dropped = population.splice(population.length - kept.length, kept.length);
    this.population = [...population, ...kept];
    this.free = [...spare, ...dropped];
    this.ranked = rankSlots(this.population, this.scores);
    this.bestFitness = this.fitnessOf(this.ranked[0]!);
  }

  /**
   * On a small problem, the enumeration of every chromosome (`exhaustiveSearch`) within the tuning's budget: its
   * better schedule, if any, takes the worst slot. True when it completed (the best is then optimal).
   */
  private async enumerate(): Promise<boolean> {
    if (this.tuning.exhaustivePlacements === 0 || this.setup.context.signal.aborted) return false;
    const { pool } = this.setup;
    const best = this.ranked[0]!;
    const incumbent = this.options.objective === 'makespan' ? pool.makespan[best]! : pool.finishSum[best]!;
    const outcome = exhaustiveSearch(this.problem, this.options.objective, incumbent, this.tuning.exhaustivePlacements);
    if (outcome === null) return false;
    if (outcome.better !== null) {
      const worst = this.ranked[this.ranked.length - 1]!;
      pool.individuals[worst]!.order.set(outcome.better.order);
      pool.individuals[worst]!.processorOf.set(outcome.better.processorOf);
      this.batch.add({ kind: JobKind.decode, slot: worst });
      await this.batch.run();
      this.ranked = rankSlots(this.population, this.scores);
      this.bestFitness = this.fitnessOf(this.ranked[0]!);
    }
    return true;
  }

  /** False once the run must stop; `stoppedBy` then says why. */
  shouldContinue(): boolean {
    const reason = this.stopReason();
    if (reason !== null) this.stoppedBy = reason;
    return reason === null;
  }

  private stopReason(): StopReason | null {
    if (this.setup.context.signal.aborted) return 'signal';
    if (this.proven || reaches(this.bestFitness, this.lowerBound)) return 'optimal';
    if (this.options.generations > 0 && this.generation >= this.options.generations) return 'generations';
    if (this.outOfTime()) return 'time';
    return null;
  }

  async nextGeneration(): Promise<void> {
    this.generation++;
    await this.breed();
    let union = rankSlots([...this.population, ...this.free], this.scores);
    union = await this.improve(union);
    this.select(union);
    const fitness = this.fitnessOf(this.ranked[0]!);
    if (fitness < this.bestFitness) {
      this.bestFitness = fitness;
      this.stagnant = 0;
    } else {
      this.stagnant++;
    }
    if (this.tuning.restartAfter > 0 && this.stagnant >= this.tuning.restartAfter) await this.restart();
    this.report();
  }

  /** One child per free slot, from two parents picked among the ranked population (BREED jobs). */
  private async breed(): Promise<void> {
    const { ranked, random, size } = this;
    for (let i = 0; i < this.free.length; i++) {
      const a = this.pick(ranked, random);
      let b = this.pick(ranked, random);
      for (let tries = 0; b === a && size > 1 && tries < MATE_RETRIES; tries++) b = this.pick(ranked, random);
      this.batch.add({ kind: JobKind.breed, slot: this.free[i]!, a, b, seed: jobSeed(this.options.seed, this.generation, i, SeedStream.breed) });
    }
    await this.batch.run();
  }

  /**
   * The local search of the improved variant: the plateau walk keeps working on the best once it stagnates, the
   * descent polishes the best newcomers not yet at a local optimum (one job per slot). Returns `union` re-ranked.
   */
  private async improve(union: number[]): Promise<number[]> {
    const { tuning, options, generation } = this;
    if ((tuning.descentTargets === 0 && this.walkBudget === 0) || this.setup.context.signal.aborted || this.outOfTime()) return union;
    const bestBred = this.fitnessOf(union[0]!);
    const walked = this.walkBudget > 0 && this.stagnant >= tuning.walkAfter ? this.walkTargets(union) : [];
    walked.forEach((slot, i) => {
      this.batch.add({ kind: JobKind.walk, slot, seed: jobSeed(options.seed, generation, i, SeedStream.walk), amount: Math.ceil(this.walkBudget) });
    });
    let targets = 0;
    for (let r = 0; r < union.length && targets < tuning.descentTargets; r++) {
      const slot = union[r]!;
      if (walked.includes(slot) || this.setup.pool.localOptimum[slot] === 1) continue;
      this.batch.add({ kind: JobKind.descend, slot, seed: jobSeed(options.seed, generation, targets, SeedStream.descend), amount: tuning.descentBudget });
      targets++;
    }
    await this.batch.run();
    const reranked = rankSlots(union, this.scores);
    if (walked.length > 0) {
      const walkedBest = Math.min(...walked.map((slot) => this.fitnessOf(slot)));
      this.adaptWalkBudget({ previousBest: this.bestFitness, bestBred, walked: walkedBest, newBest: this.fitnessOf(reranked[0]!) });
    }
    return reranked;
  }

  /** The best individual and the next best ones with other measures (not clones of it), `walkers` in all. */
  private walkTargets(union: readonly number[]): number[] {
    const { pool } = this.setup;
    const targets = [union[0]!];
    for (let r = 1; r < union.length && targets.length < this.tuning.walkers; r++) {
      const slot = union[r]!;
      const previous = targets[targets.length - 1]!;
      if (pool.makespan[slot] !== pool.makespan[previous] || pool.finishSum[slot] !== pool.finishSum[previous]) targets.push(slot);
    }
    return targets;
  }

  /**
   * Effort goes where new bests come from: the walk's budget doubles when it alone found this generation's new
   * best and halves when breeding or the descent did. On small workflows the GA and the descent keep finding
   * better schedules and the walk stays a polish; on large ones, where a child is rarely better than the best, the
   * walk takes over. (Growing it on generations where nobody found anything was tried: on 100-task workflows it
   * starved the GA and cost 3-4 points of improvement.)
   */
  private adaptWalkBudget({ previousBest, bestBred, walked, newBest }: WalkOutcome): void {
    const walkFound = walked < bestBred && walked === newBest;
    const othersFound = bestBred < previousBest || (newBest < bestBred && !walkFound);
    const factor = walkFound && !othersFound ? 2 : othersFound && !walkFound ? 0.5 : 1;
    const { walkMinPerTask, walkMaxPerTask } = this.tuning;
    this.walkBudget = Math.min(walkMaxPerTask * this.n, Math.max(walkMinPerTask * this.n, this.walkBudget * factor));
  }

  /** Survivors of parents and offspring together; the other slots are free for the next generation's children. */
  private select(union: number[]): void {
    const survivors = selectSurvivors(union, this.scores, this.random, { count: this.size, elite: this.elite, distinct: this.tuning.distinctSurvivors });
    const kept = new Set(survivors);
    this.population = survivors;
    this.free = union.filter((slot) => !kept.has(slot));
    this.ranked = rankSlots(this.population, this.scores);
  }

  /**
   * A stagnant population is rebuilt around the best: the elite stays, half of the other places get copies of the
   * best with a few random moves (a kick out of its local optimum for the local search to descend from), the other
   * half new earliest-finish solutions (fresh material for crossover).
   */
  private async restart(): Promise<void> {
    const { problem, options, ranked, generation } = this;
    this.stagnant = 0;
    const elite = Math.max(1, Math.round(this.tuning.eliteShare * ranked.length));
    const best = ranked[0]!;
    const kick = Math.max(MIN_KICK_MOVES, Math.round(this.tuning.restartKickShare * problem.taskCount));
    for (let r = elite; r < ranked.length; r++) {
      const slot = ranked[r]!;
      if ((r - elite) % 2 === 0) {
        this.batch.add({ kind: JobKind.perturb, slot, a: best, seed: jobSeed(options.seed, generation, r, SeedStream.restartKick), amount: kick });
      } else {
        const stream = new Random(jobSeed(options.seed, generation, r, SeedStream.restartSolution));
        randomOrderEarliestFinishSolution(problem, stream, this.setup.pool.individuals[slot]!);
        this.batch.add({ kind: JobKind.decode, slot });
      }
    }
    await this.batch.run();
    this.ranked = rankSlots(this.population, this.scores);
  }

  /** The generation's statistics to the caller's hook and as a progress event. */
  private report(): void {
    const { generation, bestFitness, heftFitness, setup } = this;
    const stats: GenerationStats = {
      generation,
      bestFitness,
      meanFitness: this.population.reduce((sum, slot) => sum + this.fitnessOf(slot), 0) / this.size,
      improvementOverHeft: heftFitness > 0 ? (heftFitness - bestFitness) / heftFitness : 0,
      elapsedMs: this.elapsed(),
      decodes: setup.runner.decodes(),
    };
    setup.onGeneration?.(stats);
    const { decodes: _decodes, ...data } = stats;
    setup.context.reportProgress({ fraction: this.progressFraction(stats.elapsedMs), data: { ...data } });
  }

  private progressFraction(elapsedMs: number): number {
    const { generations, timeBudgetMs } = this.options;
    const byGenerations = generations > 0 ? this.generation / generations : 0;
    const byTime = timeBudgetMs > 0 ? elapsedMs / timeBudgetMs : 0;
    return Math.min(1, Math.max(byGenerations, byTime));
  }

  result(): GaResult {
    const { pool, runner } = this.setup;
    const best = rankSlots(this.population, this.scores)[0]!;
    const individual = pool.individuals[best]!;
    const bestFitness = this.fitnessOf(best);
    const { heftFitness, options } = this;
    return {
      schedule: { processorOf: Int32Array.from(individual.processorOf), start: Float64Array.from(individual.start), finish: Float64Array.from(individual.finish) },
      makespan: pool.makespan[best]!,
      averageTurnaround: pool.finishSum[best]! / this.n,
      heftFitness,
      bestFitness,
      improvementOverHeft: heftFitness > 0 ? (heftFitness - bestFitness) / heftFitness : 0,
      lowerBound: this.lowerBound,
      generations: this.generation,
      decodes: runner.decodes(),
      elapsedMs: this.elapsed(),
      threads: runner.threads,
      population: this.size,
      variant: options.variant,
      objective: options.objective,
      stoppedBy: this.stoppedBy,
    };
  }
}

/** Draws of a second parent when the first one comes up again (a child of one parent with itself is a copy). */
const MATE_RETRIES = 4;
/**
 * Solutions the sampling before generation 1 makes: `initialConstructions`, fewer when they would place more than
 * `constructionPlacements` (task, processor) pairs in all (each of a solution's 1 + `constructionRefinements`
 * passes tries every task on every processor), none when even one would.
 */
export function constructionCount(problem: Pick<SchedulingProblem, 'taskCount' | 'processorCount'>, tuning: Tuning): number {
  if (tuning.initialConstructions === 0) return 0;
  const placements = (1 + tuning.constructionRefinements) * problem.taskCount * problem.processorCount;
  return Math.min(tuning.initialConstructions, Math.floor(tuning.constructionPlacements / Math.max(1, placements)));
}

/** A restart's kick moves at least this many tasks. */
const MIN_KICK_MOVES = 2;

type InitialKind = 'heft' | 'random-rank' | 'coupling' | 'earliest-finish';

/** Slot 0 is HEFT; the others cycle through the paper's two kinds of random solution (and the improved one's). */
function initialKinds(population: number, tuning: Tuning): InitialKind[] {
  const cycle: InitialKind[] = tuning.earliestFinishSeeds ? ['coupling', 'random-rank', 'earliest-finish'] : ['coupling', 'random-rank'];
  return Array.from({ length: population }, (_, slot) => (slot === 0 ? 'heft' : cycle[(slot - 1) % cycle.length]!));
}

/**
 * The random streams of a run, the `stream` argument of `jobSeed`: one per use of randomness in a generation, so
 * that no two uses share a stream. They are not `JobKind`s (initial and restart solutions are drawn in the main
 * thread, not by a job). The numbers are part of every result: changing one changes every run's trajectory.
 */
export const SeedStream = {
  /** Generation 0's random solutions, one stream per slot. */
  initialSolution: 0,
  breed: 1,
  descend: 2,
  /** A restart's kicked copies of the best (PERTURB jobs). */
  restartKick: 3,
  /** A restart's new earliest-finish solutions. */
  restartSolution: 4,
  walk: 5,
  /** The solutions sampled before generation 1, one stream per solution. */
  construction: 6,
} as const;
export type SeedStream = (typeof SeedStream)[keyof typeof SeedStream];

/**
 * The seed of one job's random stream: a hash of the run's seed, the generation, the job's index and its stream.
 * Independent of which thread runs the job, so results do not depend on the thread count.
 */
export function jobSeed(seed: number, generation: number, index: number, stream: SeedStream): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ generation, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ index, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ stream, 0x165667b1);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Lets the event loop run its timers and messages once (setImmediate: after I/O, before the next timers). */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
