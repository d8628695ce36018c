export { hybridGa, hybridGaPlugin, hybridGaOptionsSchema, threadCount } from './lib/plugin.js';
export { hybridGaPlugin as default } from './lib/plugin.js';
export { IMPROVED_TUNING, PAPER_TUNING, tuningFor, type GaResult, type GenerationStats, type HybridGaOptions, type Tuning } from './lib/ga.js';
export { couplingFactors, followProbability, type Coupling } from './lib/coupling.js';
export { heftChromosome, randomRankSolution, couplingSolution } from './lib/initial-population.js';
export { Decoder, type Individual, type Objective } from './lib/decoder.js';
export { createIndividual } from './lib/individual-pool.js';
export type { Chromosome } from './lib/chromosome.js';
export type { Variant } from './lib/evaluator.js';
