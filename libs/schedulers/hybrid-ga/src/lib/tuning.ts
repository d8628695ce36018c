import type { Variant } from './evaluator.js';

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
  /**
   * Individuals walked per generation: the best and the next best distinct ones, each in its own job (a second
   * thread walks the runner-up instead of idling).
   */
  walkers: number;
  /** The walk keeps a move only when the other measure is not worse either (false: any move of equal objective). */
  walkTieBreak: boolean;
  /** At a local optimum of single-task moves the descent also tries exchanging and merging whole processors. */
  relabelMoves: boolean;
  /** Generations without a new best before the population is rebuilt around the best; 0 = never. */
  restartAfter: number;
  /** Share of the tasks a restart moves at random in each copy of the best (at least 2 moves). */
  restartKickShare: number;
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
  /**
   * Cost-aware earliest-finish solutions (`costAwareEarliestFinishSolution`) sampled before generation 1, the best
   * `constructionsKept` of them replacing the worst initial solutions (0 = none; `Evolution.sampleConstructions`).
   */
  initialConstructions: number;
  /** At most this many (task, processor) placements for them: fewer solutions on large problems. */
  constructionPlacements: number;
  constructionsKept: number;
  /** Their rank weights are scaled at random by up to ±this share. */
  constructionRankNoise: number;
  /** Their cost penalty's weight is drawn in [0, this]. */
  constructionMaxPenalty: number;
  /** Their passes after the first, each on the ranks of the schedule before. */
  constructionRefinements: number;
  /** Re-decode children from their first changed position (false: decode every child from scratch). */
  incrementalDecoding: boolean;
  /**
   * Placements an enumeration of every chromosome may spend, before generation 1, to prove a small problem's
   * optimum (`exhaustiveSearch`); 0 = none. A finished enumeration ends the run.
   */
  exhaustivePlacements: number;
}

export const PAPER_TUNING: Tuning = {
  orderMutationRate: 0,
  descentTargets: 0,
  descentBudget: 0,
  walkBudgetPerTask: 0,
  walkMinPerTask: 0,
  walkMaxPerTask: 0,
  walkAfter: 0,
  walkers: 0,
  walkTieBreak: false,
  relabelMoves: false,
  restartAfter: 0,
  restartKickShare: 0,
  eliteShare: 0,
  distinctSurvivors: false,
  tournamentParents: false,
  segmentProcessorCrossover: false,
  earliestFinishSeeds: false,
  initialConstructions: 0,
  constructionPlacements: 0,
  constructionsKept: 0,
  constructionRankNoise: 0,
  constructionMaxPenalty: 0,
  constructionRefinements: 0,
  incrementalDecoding: true,
  exhaustivePlacements: 0,
};

export const IMPROVED_TUNING: Tuning = {
  orderMutationRate: 0.5,
  descentTargets: 4,
  descentBudget: 400,
  walkBudgetPerTask: 1,
  walkMinPerTask: 0.25,
  walkMaxPerTask: 20,
  walkAfter: 3,
  walkers: 2,
  walkTieBreak: true,
  relabelMoves: true,
  restartAfter: 20,
  restartKickShare: 0.15,
  eliteShare: 0.1,
  distinctSurvivors: true,
  tournamentParents: true,
  segmentProcessorCrossover: true,
  earliestFinishSeeds: true,
  initialConstructions: 200,
  constructionPlacements: 10_000_000,
  constructionsKept: 2,
  constructionRankNoise: 0.3,
  constructionMaxPenalty: 3,
  constructionRefinements: 5,
  incrementalDecoding: true,
  exhaustivePlacements: 200_000,
};

export function tuningFor(variant: Variant): Tuning {
  return variant === 'paper' ? PAPER_TUNING : IMPROVED_TUNING;
}
