import { Random, type Schedule, type ScheduleContext, type SchedulingProblem } from '@hetsched/core';
import type { Chromosome } from './chromosome.js';
import { couplingFactors } from './coupling.js';
import type { Objective } from './decoder.js';
import { JOB_FIELDS, JobKind, type EvaluatorSettings, type Variant } from './evaluator.js';
import { IndividualPool } from './individual-pool.js';
import { couplingSolution, heftChromosome, randomOrderEarliestFinishSolution, randomRankSolution } from './initial-population.js';
import type { JobRunner } from './job-runner.js';
import { rankSlots, selectSurvivors, tournament, uniformPick } from './selection.js';

/** The options of a run (the plugin's options schema, resolved). */
export interface HybridGaOptions {
  population: number;
  generations: number;
  /** Wall-clock budget in ms; 0 = none (the generation limit alone stops the run). */
  timeBudgetMs: number;
  crossoverRate: number;
  mutationRate: number;
  seed: number;
  objective: Objective;
  variant: Variant;
  /** Worker threads; 0 = decide from the amount of work and the cores. */
  threads: number;
}

/**
 * The parts of the improved variant, each of which can be switched off (the benchmark measures each one's effect;
 * the `paper` variant switches them all off). Not plugin options: they are what the variant means.
 */
export interface Tuning {
  /** Probability that a child also gets an order mutation (move one task within its precedence window). */
  orderMutationRate: number;
  /** Individuals the descent improves per generation (the best not yet at a local optimum); 0 = none. */
  descentTargets: number;
  /** Candidate decodes per descent, at most. */
  descentBudget: number;
  /**
   * Moves of the plateau walk on the best individual per generation, per task, at first; 0 = no walk. The budget
   * then adapts between `walkMinPerTask` and `walkMaxPerTask` to whichever finds new bests (see `evolve`).
   */
  walkBudgetPerTask: number;
  walkMinPerTask: number;
  walkMaxPerTask: number;
  /** Generations without a new best before the walk works on the best (while the GA finds bests, it is not needed). */
  walkAfter: number;
  /** Generations without a new best before the population is rebuilt around the best; 0 = never. */
  restartAfter: number;
  /** Share of the population kept outright by selection (at least one). */
  eliteShare: number;
  /** Individuals with the measures of a better one survive only when no distinct one is left. */
  distinctSurvivors: boolean;
  /** Parents by binary tournament (else uniformly at random, as the paper mates). */
  tournamentParents: boolean;
  /** The child takes parent B's processors for the tasks of B's part of the order (else one-point by task index). */
  segmentProcessorCrossover: boolean;
  /** Initial solutions also from random orders with earliest-finish-time processors. */
  earliestFinishSeeds: boolean;
  /** Re-decode children from their first changed position (false: decode every child from scratch). */
  incrementalDecoding: boolean;
}

export const PAPER_TUNING: Tuning = {
  orderMutationRate: 0,
  descentTargets: 0,
  descentBudget: 0,
  walkBudgetPerTask: 0,
  walkMinPerTask: 0,
  walkMaxPerTask: 0,
  walkAfter: 0,
  restartAfter: 0,
  eliteShare: 0,
  distinctSurvivors: false,
  tournamentParents: false,
  segmentProcessorCrossover: false,
  earliestFinishSeeds: false,
  incrementalDecoding: true,
};

export const IMPROVED_TUNING: Tuning = {
  orderMutationRate: 0.5,
  descentTargets: 2,
  descentBudget: 400,
  walkBudgetPerTask: 1,
  walkMinPerTask: 0.25,
  walkMaxPerTask: 20,
  walkAfter: 3,
  restartAfter: 60,
  eliteShare: 0.1,
  distinctSurvivors: true,
  tournamentParents: true,
  segmentProcessorCrossover: true,
  earliestFinishSeeds: true,
  incrementalDecoding: true,
};

export function tuningFor(variant: Variant): Tuning {
  return variant === 'paper' ? PAPER_TUNING : IMPROVED_TUNING;
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

export interface GaResult {
  schedule: Schedule;
  makespan: number;
  averageTurnaround: number;
  heftFitness: number;
  bestFitness: number;
  improvementOverHeft: number;
  generations: number;
  decodes: number;
  elapsedMs: number;
  threads: number;
  population: number;
  variant: Variant;
  objective: Objective;
  stoppedBy: 'generations' | 'time' | 'signal';
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
  };
}

/** Slots a run needs: the population and one generation of offspring. */
export function poolCapacity(options: HybridGaOptions): number {
  return 2 * options.population;
}

/**
 * The generational loop (§3.6's procedure): initial population, then per generation crossover + mutation of
 * parents into as many offspring (BREED jobs); in the improved variant, the critical-path descent on the best
 * newcomers (DESCEND) and, once the best stagnates, the plateau walk on it (WALK); rank-based elitist selection
 * over parents and offspring together; and a restart around the best after a long stagnation. All randomness
 * comes from streams derived from the seed, the generation and the job's index, so the run is the same whatever
 * thread runs which job; the time budget only decides after which generation it stops (and may cut the last
 * local search short). Between generations it yields to the event loop, so an abort is seen within one
 * generation, or within 32 candidates of a local search.
 */
export async function evolve(
  problem: SchedulingProblem,
  options: HybridGaOptions,
  tuning: Tuning,
  context: ScheduleContext,
  pool: IndividualPool,
  runner: JobRunner,
  startedAt: number,
  onGeneration?: (stats: GenerationStats) => void,
): Promise<GaResult> {
  const n = problem.taskCount;
  const P = options.population;
  const elapsed = () => context.now() - startedAt;
  const outOfTime = () => options.timeBudgetMs > 0 && elapsed() >= options.timeBudgetMs;
  const byMakespan = options.objective === 'makespan';
  const scores = { primary: byMakespan ? pool.makespan : pool.finishSum, secondary: byMakespan ? pool.finishSum : pool.makespan };
  const fitnessOf = (slot: number) => (byMakespan ? pool.makespan[slot]! : pool.finishSum[slot]! / n);
  const random = new Random(options.seed);
  const jobs = new Float64Array(pool.capacity * JOB_FIELDS);
  let jobCount = 0;
  const addJob = (kind: number, slot: number, a: number, b: number, seed: number, amount: number) => {
    jobs.set([kind, slot, a, b, seed, amount], jobCount++ * JOB_FIELDS);
  };
  const flush = async () => {
    const count = jobCount;
    jobCount = 0;
    if (count > 0) await runner.run(jobs, count);
  };

  // Generation 0: HEFT, then random-rank and coupling solutions (and, improved, earliest-finish ones), decoded.
  const heft = heftChromosome(problem);
  const coupling = couplingFactors(problem);
  const initial = initialKinds(P, tuning);
  for (let slot = 0; slot < P; slot++) {
    const into: Chromosome = pool.individuals[slot]!;
    const stream = new Random(jobSeed(options.seed, 0, slot, 0));
    switch (initial[slot]) {
      case 'heft':
        into.order.set(heft.order);
        into.processorOf.set(heft.processorOf);
        break;
      case 'random-rank':
        randomRankSolution(problem, stream, into);
        break;
      case 'coupling':
        couplingSolution(problem, coupling, heft.order, stream, into);
        break;
      case 'earliest-finish':
        randomOrderEarliestFinishSolution(problem, stream, into);
        break;
    }
    addJob(JobKind.decode, slot, 0, 0, 0, 0);
  }
  await flush();
  const heftFitness = fitnessOf(0);

  let population = Array.from({ length: P }, (_, i) => i);
  let free = Array.from({ length: P }, (_, i) => P + i);
  let ranked = rankSlots(population, scores);
  let bestFitness = fitnessOf(ranked[0]!);
  let stagnant = 0;
  let walkBudget = tuning.walkBudgetPerTask * n;
  let generation = 0;
  let stoppedBy: GaResult['stoppedBy'] = 'generations';
  const elite = Math.max(1, Math.round(tuning.eliteShare * P));
  const pick = tuning.tournamentParents ? tournament : uniformPick;

  while (generation < options.generations) {
    if (context.signal.aborted) {
      stoppedBy = 'signal';
      break;
    }
    if (outOfTime()) {
      stoppedBy = 'time';
      break;
    }
    generation++;

    for (let i = 0; i < free.length; i++) {
      const a = pick(ranked, random);
      let b = pick(ranked, random);
      for (let tries = 0; b === a && P > 1 && tries < 4; tries++) b = pick(ranked, random);
      addJob(JobKind.breed, free[i]!, a, b, jobSeed(options.seed, generation, i, 1), 0);
    }
    await flush();

    let union = rankSlots([...population, ...free], scores);
    if ((tuning.descentTargets > 0 || walkBudget > 0) && !context.signal.aborted && !outOfTime()) {
      // The plateau walk keeps working on the best; the descent polishes the best newcomers (one job per slot).
      const bestBred = fitnessOf(union[0]!);
      const walked = walkBudget > 0 && stagnant >= tuning.walkAfter ? union[0]! : -1;
      if (walked >= 0) addJob(JobKind.walk, walked, 0, 0, jobSeed(options.seed, generation, 0, 5), Math.ceil(walkBudget));
      let targets = 0;
      for (let r = 0; r < union.length && targets < tuning.descentTargets; r++) {
        const slot = union[r]!;
        if (slot === walked || pool.localOptimum[slot] === 1) continue;
        addJob(JobKind.descend, slot, 0, 0, jobSeed(options.seed, generation, targets, 2), tuning.descentBudget);
        targets++;
      }
      await flush();
      union = rankSlots(union, scores);
      if (walked >= 0) walkBudget = adaptWalkBudget(walkBudget, n, tuning, bestFitness, bestBred, fitnessOf(walked), fitnessOf(union[0]!));
    }

    const survivors = selectSurvivors(union, P, elite, scores, random, tuning.distinctSurvivors);
    const kept = new Set(survivors);
    population = survivors;
    free = union.filter((slot) => !kept.has(slot));
    ranked = rankSlots(population, scores);

    const fitness = fitnessOf(ranked[0]!);
    if (fitness < bestFitness) {
      bestFitness = fitness;
      stagnant = 0;
    } else {
      stagnant++;
    }

    if (tuning.restartAfter > 0 && stagnant >= tuning.restartAfter) {
      stagnant = 0;
      restart(problem, options, tuning, pool, ranked, generation, addJob);
      await flush();
      ranked = rankSlots(population, scores);
    }

    const stats: GenerationStats = {
      generation,
      bestFitness,
      meanFitness: population.reduce((sum, slot) => sum + fitnessOf(slot), 0) / P,
      improvementOverHeft: heftFitness > 0 ? (heftFitness - bestFitness) / heftFitness : 0,
      elapsedMs: elapsed(),
      decodes: runner.decodes(),
    };
    onGeneration?.(stats);
    context.reportProgress({
      fraction: progressFraction(options, generation, stats.elapsedMs),
      data: {
        generation,
        bestFitness: stats.bestFitness,
        meanFitness: stats.meanFitness,
        improvementOverHeft: stats.improvementOverHeft,
        elapsedMs: stats.elapsedMs,
      },
    });
    // Let timers and abort events run between generations (an inline runner never gives the event loop a turn).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  const best = rankSlots(population, scores)[0]!;
  const individual = pool.individuals[best]!;
  return {
    schedule: {
      processorOf: Int32Array.from(individual.processorOf),
      start: Float64Array.from(individual.start),
      finish: Float64Array.from(individual.finish),
    },
    makespan: pool.makespan[best]!,
    averageTurnaround: pool.finishSum[best]! / n,
    heftFitness,
    bestFitness: fitnessOf(best),
    improvementOverHeft: heftFitness > 0 ? (heftFitness - fitnessOf(best)) / heftFitness : 0,
    generations: generation,
    decodes: runner.decodes(),
    elapsedMs: elapsed(),
    threads: runner.threads,
    population: P,
    variant: options.variant,
    objective: options.objective,
    stoppedBy,
  };
}

/**
 * Effort goes where new bests come from: the walk's budget doubles when it alone found this generation's new best
 * and halves when breeding or the descent did. On small workflows the GA and the descent keep finding better
 * schedules and the walk stays a polish; on large ones, where a child is rarely better than the best, the walk
 * takes over. (Growing it on generations where nobody found anything was tried: on 100-task workflows it starved
 * the GA and cost 3-4 points of improvement.)
 */
function adaptWalkBudget(budget: number, n: number, tuning: Tuning, previousBest: number, bestBred: number, walkedFitness: number, newBest: number): number {
  const walkFound = walkedFitness < bestBred && walkedFitness === newBest;
  const othersFound = bestBred < previousBest || (newBest < bestBred && !walkFound);
  const factor = walkFound && !othersFound ? 2 : othersFound && !walkFound ? 0.5 : 1;
  return Math.min(tuning.walkMaxPerTask * n, Math.max(tuning.walkMinPerTask * n, budget * factor));
}

type InitialKind = 'heft' | 'random-rank' | 'coupling' | 'earliest-finish';

/** Slot 0 is HEFT; the others cycle through the paper's two kinds of random solution (and the improved one's). */
function initialKinds(population: number, tuning: Tuning): InitialKind[] {
  const cycle: InitialKind[] = tuning.earliestFinishSeeds ? ['coupling', 'random-rank', 'earliest-finish'] : ['coupling', 'random-rank'];
  return Array.from({ length: population }, (_, slot) => (slot === 0 ? 'heft' : cycle[(slot - 1) % cycle.length]!));
}

/**
 * A stagnant population is rebuilt around the best: the elite stays, half of the other places get copies of the
 * best with a few random moves (a kick out of its local optimum for the local search to descend from), the other
 * half new earliest-finish solutions from random orders (fresh material for crossover).
 */
function restart(
  problem: SchedulingProblem,
  options: HybridGaOptions,
  tuning: Tuning,
  pool: IndividualPool,
  ranked: readonly number[],
  generation: number,
  addJob: (kind: number, slot: number, a: number, b: number, seed: number, amount: number) => void,
): void {
  const elite = Math.max(1, Math.round(tuning.eliteShare * ranked.length));
  const best = ranked[0]!;
  const kick = Math.max(2, Math.round(0.03 * problem.taskCount));
  for (let r = elite; r < ranked.length; r++) {
    const slot = ranked[r]!;
    if ((r - elite) % 2 === 0) {
      addJob(JobKind.perturb, slot, best, 0, jobSeed(options.seed, generation, r, 3), kick);
    } else {
      randomOrderEarliestFinishSolution(problem, new Random(jobSeed(options.seed, generation, r, 4)), pool.individuals[slot]!);
      addJob(JobKind.decode, slot, 0, 0, 0, 0);
    }
  }
}

function progressFraction(options: HybridGaOptions, generation: number, elapsedMs: number): number {
  const byGenerations = generation / options.generations;
  const byTime = options.timeBudgetMs > 0 ? elapsedMs / options.timeBudgetMs : 0;
  return Math.min(1, Math.max(byGenerations, byTime));
}

/**
 * The seed of one job's random stream: a hash of the run's seed, the generation, the job's index and its kind.
 * Independent of which thread runs the job, so results do not depend on the thread count.
 */
export function jobSeed(seed: number, generation: number, index: number, kind: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ generation, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ index, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ kind, 0x165667b1);
  return (h ^ (h >>> 16)) >>> 0;
}
