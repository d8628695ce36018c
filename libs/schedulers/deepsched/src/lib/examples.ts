import {
  compileProblem,
  generateCluster,
  generateWorkflow,
  priorityOrder,
  Random,
  scheduleEarliestFinish,
  upwardRanks,
  type ClusterSpec,
  type Schedule,
  type SchedulingProblem,
  type WorkflowSpec,
} from '@hetsched/core';
import type { TrainingExample } from './types.js';

/**
 * Labelled examples made in memory: random workflows of Topcuoglu et al. (core's generator) on clusters of a drawn
 * size, each labelled with HEFT's schedule. The training capability trains on them; @hetsched/deepsched-training
 * writes the same examples (and real traces) to dataset folders, so a dataset and a training run from the same seed
 * and spread hold the same generated examples.
 */

/** The values generated examples draw from: each example draws one of each list. */
export interface GeneratedSpread {
  /** How many generated workflows. */
  count: number;
  taskCounts: number[];
  ccrs: number[];
  heterogeneities: number[];
  processorCounts: number[];
}

/** Graph shapes (α) and out-degrees the generated workflows are drawn from: long chains to wide graphs. */
const SHAPES = [0.5, 1, 2] as const;
const OUT_DEGREES = [2, 3, 4] as const;
/** The generator's heterogeneity β must be below this (task costs span [w̄(1 − β/2), w̄(1 + β/2)]). */
const HETEROGENEITY_LIMIT = 2;

/** How one generated example is made: enough to make it again without the others. */
export interface GeneratedRecipe {
  kind: 'generated';
  index: number;
  seed: number;
  tasks: number;
  shape: number;
  outDegree: number;
  ccr: number;
  heterogeneity: number;
  processors: number;
}

/** An example with the documents it was compiled from (what a dataset shard stores). */
export interface GeneratedExample extends TrainingExample {
  source: string;
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

/** HEFT (Topcuoglu et al. 2002) with core's helpers: upward-rank order, each task on its earliest-finish processor. */
export function heftSchedule(problem: SchedulingProblem): Schedule {
  return scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
}

/**
 * The seed of example `index`: a hash of the dataset seed and the index, so example 17 is the same whether it is
 * made alone or with the 16 before it, and sets with different counts share their first examples.
 */
export function exampleSeed(seed: number, index: number): number {
  return new Random(`deepsched-example:${seed}:${index}`).nextUint32();
}

/** The recipe of generated example `index` of a seed and spread, drawn from its own seed alone. */
export function generatedRecipe(seed: number, spread: GeneratedSpread, index: number): GeneratedRecipe {
  const exampleRandomSeed = exampleSeed(seed, index);
  const random = new Random(exampleRandomSeed);
  const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)]!;
  return {
    kind: 'generated',
    index,
    seed: exampleRandomSeed,
    tasks: pick(spread.taskCounts),
    shape: pick(SHAPES),
    outDegree: pick(OUT_DEGREES),
    ccr: pick(spread.ccrs),
    heterogeneity: pick(spread.heterogeneities),
    processors: pick(spread.processorCounts),
  };
}

/** Every generated recipe of a seed and spread, in order; throws a RangeError naming the field of a bad spread. */
export function generatedRecipes(seed: number, spread: GeneratedSpread): GeneratedRecipe[] {
  checkGeneratedSpread(spread);
  return Array.from({ length: spread.count }, (_, index) => generatedRecipe(seed, spread, index));
}

/** The documents of a recipe, compiled and labelled with HEFT's schedule. */
export function makeGeneratedExample(recipe: GeneratedRecipe): GeneratedExample {
  // The costs are explicit per processor (β spreads them), so identical processors on a unit network are the
  // setting of Topcuoglu et al.: heterogeneity lives in the cost matrix, CCR in the data.
  const cluster = generateCluster({ processors: recipe.processors, seed: recipe.seed });
  const workflow = generateWorkflow({
    tasks: recipe.tasks,
    processors: recipe.processors,
    shape: recipe.shape,
    outDegree: recipe.outDegree,
    ccr: recipe.ccr,
    heterogeneity: recipe.heterogeneity,
    seed: recipe.seed,
  });
  const { index, tasks, shape, outDegree, ccr, heterogeneity, processors, seed } = recipe;
  const source = `generated:${index} v=${tasks} a=${shape} d=${outDegree} ccr=${ccr} b=${heterogeneity} m=${processors} seed=${seed}`;
  const problem = compileProblem(workflow, cluster);
  return { problem, target: heftSchedule(problem), source, workflow, cluster };
}

/** All generated examples of a seed and spread, HEFT-labelled. Deterministic: the same input gives the same examples. */
export function generateTrainingExamples(seed: number, spread: GeneratedSpread): GeneratedExample[] {
  return generatedRecipes(seed, spread).map(makeGeneratedExample);
}

/**
 * Throws a RangeError naming the first bad field (`prefix` + its name, e.g. "generated.ccrs"): a count that is not a
 * non-negative integer, an empty list, or a value the generator cannot take.
 */
export function checkGeneratedSpread(spread: GeneratedSpread, prefix = 'generated.'): void {
  if (!spread || typeof spread !== 'object') throw new RangeError(`${prefix.replace(/\.$/, '')} must be an object`);
  if (!Number.isInteger(spread.count) || spread.count < 0) throw new RangeError(`${prefix}count must be a non-negative integer, got ${String(spread.count)}`);
  checkList(`${prefix}taskCounts`, spread.taskCounts, (x) => Number.isInteger(x) && x >= 1, 'positive integers');
  checkList(`${prefix}ccrs`, spread.ccrs, (x) => Number.isFinite(x) && x >= 0, 'non-negative numbers');
  checkList(`${prefix}heterogeneities`, spread.heterogeneities, (x) => Number.isFinite(x) && x >= 0 && x < HETEROGENEITY_LIMIT, `numbers in [0, ${HETEROGENEITY_LIMIT})`);
  checkList(`${prefix}processorCounts`, spread.processorCounts, (x) => Number.isInteger(x) && x >= 1, 'positive integers');
}

/** Throws a RangeError unless `list` is a non-empty list of numbers that pass `ok`. */
export function checkList(field: string, list: unknown, ok: (x: number) => boolean, what: string): void {
  if (!Array.isArray(list) || list.length === 0) throw new RangeError(`${field} must be a non-empty list of ${what}`);
  const bad = list.find((x) => typeof x !== 'number' || !ok(x));
  if (bad !== undefined) throw new RangeError(`${field} must hold ${what}, got ${String(bad)}`);
}
