import { detachedContext, resolveOptions, SCHEDULER_PLUGIN_API_VERSION, type OptionsSchema, type ScheduleContext, type SchedulerPlugin, type SchedulingProblem } from '@hetsched/core';
import { availableParallelism } from 'node:os';
import { Evaluator } from './evaluator.js';
import { evaluatorSettings, evolve, poolCapacity, tuningFor, type GaResult, type GenerationStats, type HybridGaOptions, type Tuning } from './ga.js';
import { IndividualPool } from './individual-pool.js';
import { InlineRunner, type JobRunner } from './job-runner.js';
import { ThreadRunner, workerEntry } from './thread-runner.js';

export const hybridGaOptionsSchema: OptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    population: { type: 'integer', default: 50, minimum: 2, maximum: 2000, description: 'Individuals per generation (the paper evolves 50).' },
    generations: { type: 'integer', default: 1000, minimum: 0, maximum: 10_000_000, description: 'Generation limit.' },
    timeBudgetMs: {
      type: 'integer',
      default: 10_000,
      minimum: 0,
      maximum: 3_600_000,
      description: 'Wall-clock limit in milliseconds (0: none); the run stops after the generation that reaches it.',
    },
    crossoverRate: { type: 'number', default: 0.9, minimum: 0, maximum: 1, description: 'Probability that a child is a crossover of two parents (else a copy of one).' },
    mutationRate: { type: 'number', default: 0.02, minimum: 0, maximum: 1, description: "Per-task probability that a child's task moves to another random processor." },
    seed: { type: 'integer', default: 1, minimum: 0, maximum: 4_294_967_295, description: 'Random seed: the same seed, problem and options give the same schedule.' },
    objective: {
      type: 'string',
      default: 'makespan',
      enum: ['makespan', 'averageTurnaround'],
      description: 'What to minimise: the makespan, or the mean task finish time (average turnaround).',
    },
    variant: {
      type: 'string',
      default: 'improved',
      enum: ['improved', 'paper'],
      description: "'paper': Kang & Zhang's operators only; 'improved': plus order mutation, local search on the elite and restarts.",
    },
    threads: {
      type: 'integer',
      default: 0,
      minimum: 0,
      maximum: 256,
      description: 'Worker threads for evaluation (0: chosen from the work per generation and the cores; 1: none). The result does not depend on it.',
    },
  },
};

/** Below this many task placements per generation, threads cost more in messages than they save. */
const PLACEMENTS_WORTH_A_THREAD = 50_000;

/**
 * The hybrid GA on a compiled problem: options are completed with the schema's defaults, evaluation runs on worker
 * threads when worth it. `tuning` overrides what the variant means (for the benchmark's ablations).
 */
export async function hybridGa(
  problem: SchedulingProblem,
  options: Partial<HybridGaOptions> = {},
  context: ScheduleContext = detachedContext(),
  tuning?: Tuning,
  onGeneration?: (stats: GenerationStats) => void,
): Promise<GaResult> {
  const resolved = resolveOptions(hybridGaOptionsSchema, options) as unknown as HybridGaOptions;
  const chosen = tuning ?? tuningFor(resolved.variant);
  const settings = evaluatorSettings(resolved, chosen);
  const pool = IndividualPool.create(problem.taskCount, poolCapacity(resolved));
  const threads = threadCount(problem, resolved, chosen);
  const entry = threads > 1 ? workerEntry() : null;
  const runner: JobRunner = entry
    ? ThreadRunner.start(entry, threads, problem, pool, settings, pool.capacity)
    : new InlineRunner(new Evaluator(problem, pool, settings));
  try {
    return await evolve(problem, resolved, chosen, context, pool, runner, onGeneration);
  } finally {
    await runner.close();
  }
}

/**
 * Threads for a run: as asked, or (0) one per core when a generation's work — a decode per child plus the local
 * search's candidates — is large enough to pay for the messages, never more than the jobs of a batch.
 */
export function threadCount(problem: SchedulingProblem, options: HybridGaOptions, tuning: Tuning): number {
  if (options.threads > 0) return options.threads;
  const placements = problem.taskCount * (options.population + (tuning.descentTargets * tuning.descentBudget) / 2 + tuning.walkBudgetPerTask * problem.taskCount);
  if (placements < PLACEMENTS_WORTH_A_THREAD) return 1;
  return Math.max(1, Math.min(availableParallelism(), options.population));
}

export const hybridGaPlugin: SchedulerPlugin = {
  metadata: {
    name: 'hybrid-ga',
    version: '1.0.0',
    description:
      'Hybrid genetic algorithm (Kang & Zhang 2012): HEFT, random-rank and coupling-factor initial solutions, order crossover, processor mutation, rank-based elitist selection; improved by default with order mutation, critical-path local search and restarts. Never worse than HEFT.',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: true, cancellable: true, deterministic: true },
  },
  optionsSchema: hybridGaOptionsSchema,
  async schedule(problem, options, context) {
    const result = await hybridGa(problem, options as unknown as HybridGaOptions, context);
    const { schedule, ...info } = result;
    return { schedule, info: { ...info } };
  },
};
