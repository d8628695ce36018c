export { hybridGa, hybridGaPlugin, hybridGaOptionsSchema, threadCount, type HybridGaHooks } from './lib/plugin.js';
export { hybridGaPlugin as default } from './lib/plugin.js';
export type { GaResult, GenerationStats, HybridGaOptions, StopReason } from './lib/ga.js';
export { IMPROVED_TUNING, PAPER_TUNING, tuningFor, type Tuning } from './lib/tuning.js';
export { objectiveLowerBound } from './lib/lower-bound.js';
export { couplingFactors, followProbability, type Coupling } from './lib/coupling.js';
export {
  heftChromosome,
  randomRankSolution,
  couplingSolution,
  costAwareEarliestFinishSolution,
  constructionGuide,
  assignedUpwardRanks,
  type CouplingGuide,
  type ConstructionGuide,
} from './lib/initial-population.js';
export { Decoder, type DecoderOptions } from './lib/decoder.js';
export type { Objective } from './lib/objective.js';
export { createIndividual, type Individual } from './lib/individual.js';
export type { Chromosome } from './lib/chromosome.js';
export type { Variant } from './lib/evaluator.js';
