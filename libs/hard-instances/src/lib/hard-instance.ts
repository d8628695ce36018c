import { Random, ScheduleAbortedError, type ClusterSpec, type ProgressEvent, type WorkflowSpec } from '@hetsched/core';
import { PairEvaluator, type PairOfSchedulers, type ScoredInstance } from './evaluate.js';
import { instanceFromSpecs, randomInstance, type Instance } from './instance.js';
import { perturb } from './perturbations.js';
import { resolveHardInstanceOptions, type HardInstanceSettings } from './settings.js';

/** The two plugins and the search's settings; absent settings take the defaults of HARD_INSTANCE_SETTINGS_SCHEMA. */
export interface HardInstanceRequest extends PairOfSchedulers {
  iterations?: number;
  maxTasks?: number;
  maxProcessors?: number;
  seed?: number;
  /** PISA's temperature schedule by default (settings.ts). */
  maxTemperature?: number;
  minTemperature?: number;
  coolingRate?: number;
  /** Where every annealing run starts (PISA: a random chain); it must fit the search model (instanceFromSpecs). */
  initial?: { workflow: WorkflowSpec; cluster: ClusterSpec };
  /** A progress event every this many iterations (and after the last); default 10. */
  progressInterval?: number;
}

export interface SearchContext {
  signal: AbortSignal;
  reportProgress(event: ProgressEvent): void;
  /** Milliseconds (elapsed time in the result and the progress events). */
  now(): number;
}

/** Why the search ended: its iteration budget, or its AbortSignal (with the best instance found so far). */
export type HardInstanceStop = 'iterations' | 'signal';

export interface HardInstance {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
  /** targetMakespan / baselineMakespan on this instance: the largest the search saw. */
  ratio: number;
  targetMakespan: number;
  baselineMakespan: number;
  /** Instances evaluated. */
  iterations: number;
  /** Annealing runs started (PISA's restarts from a fresh start once the temperature is spent). */
  annealingRuns: number;
  stoppedBy: HardInstanceStop;
  elapsedMs: number;
}

const DEFAULT_PROGRESS_INTERVAL = 10;

/**
 * PISA (Coleman & Krishnamachari, "PISA: An Adversarial Approach to Comparing Task Graph Scheduling Algorithms";
 * SAGA's `saga.pisa`): simulated annealing over problem instances, maximising the energy
 * E = makespan(target) / makespan(baseline).
 *  1. Start from a random chain of 3-5 tasks on 3-5 processors (or `initial`) at temperature T = maxTemperature.
 *  2. Each iteration draws a neighbour (perturbations.ts), schedules it with both plugins (evaluate.ts) and accepts
 *     it with probability 1 when E' > E, else exp(-(E'/E) / T) — SAGA's rule, kept as written; then T ← T · coolingRate.
 *  3. Once T ≤ minTemperature the run ends and a new one starts from step 1 (SAGA's experiments make ten such tries
 *     and keep the best), until `iterations` instances have been evaluated. The best instance ever seen is returned.
 * The signal stops it between two evaluations; the best so far is returned (ScheduleAbortedError when there is none).
 * Deterministic for a seed when both plugins are. Time O(iterations · (S_target + S_baseline + n·(n + E))), with S
 * a plugin's time on an instance of at most maxTasks tasks and maxProcessors processors.
 */
export async function findHardInstance(request: HardInstanceRequest, context: SearchContext): Promise<HardInstance> {
  const settings = resolveHardInstanceOptions(request.target, request.baseline, optionsOf(request));
  const started = context.now();
  const name = `hard instance: ${request.target.metadata.name} vs ${request.baseline.metadata.name}`;
  const evaluator = new PairEvaluator(request, settings, context, name);
  const random = new Random(settings.seed);
  const initial = request.initial ? instanceFromSpecs(request.initial.workflow, request.initial.cluster, settings) : undefined;
  const search = new Annealing(settings, random, () => initial ?? randomInstance(random, settings));
  const interval = request.progressInterval ?? DEFAULT_PROGRESS_INTERVAL;
  while (search.iteration < settings.iterations) {
    // An abort arrives as an event (a timer, a thread message): let it in between two evaluations.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (context.signal.aborted) break;
    const scored = await evaluator.score(search.nextCandidate());
    if (!scored) break;
    search.record(scored);
    if (search.iteration % interval === 0 || search.iteration === settings.iterations) context.reportProgress(search.progress(context.now() - started));
  }
  const best = search.best;
  if (!best) throw new ScheduleAbortedError('the search was stopped before it had scored an instance');
  return {
    workflow: best.workflow,
    cluster: best.cluster,
    ratio: best.ratio,
    targetMakespan: best.targetMakespan,
    baselineMakespan: best.baselineMakespan,
    iterations: search.iteration,
    annealingRuns: search.runs,
    stoppedBy: search.iteration < settings.iterations ? 'signal' : 'iterations',
    elapsedMs: context.now() - started,
  };
}

/**
 * SAGA's acceptance rule for a neighbour whose energy is `energyRatio` times the current one's: 1 when it is higher,
 * else exp(-energyRatio / T). (Not Metropolis' exp(-ΔE / T): SAGA's code and paper use the ratio itself, so even an
 * equal neighbour is refused with probability 1 - exp(-1 / T), which grows as T falls.)
 */
export function acceptanceProbability(energyRatio: number, temperature: number): number {
  return energyRatio > 1 ? 1 : Math.exp(-energyRatio / temperature);
}

/** The request's settings and plugin options, as resolveHardInstanceOptions takes them (absent ones defaulted). */
function optionsOf(request: HardInstanceRequest): Record<string, unknown> {
  const { iterations, maxTasks, maxProcessors, seed, maxTemperature, minTemperature, coolingRate, targetOptions, baselineOptions } = request;
  const given = { iterations, maxTasks, maxProcessors, seed, maxTemperature, minTemperature, coolingRate, targetOptions, baselineOptions };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

/** The annealing state: the walk (current instance and temperature) of the run under way, and the best ever seen. */
class Annealing {
  private walk: { current: ScoredInstance; temperature: number } | undefined;
  best: ScoredInstance | undefined;
  iteration = 0;
  runs = 0;

  constructor(
    private readonly settings: HardInstanceSettings,
    private readonly random: Random,
    private readonly start: () => Instance,
  ) {}

  /** A neighbour of the current instance, or the start of a new run. */
  nextCandidate(): Instance {
    return this.walk ? perturb(this.walk.current.instance, this.random, this.settings.maxTasks).instance : this.start();
  }

  record(scored: ScoredInstance): void {
    this.iteration++;
    // The best is always an accepted instance: beating it means beating the current one, accepted with probability 1.
    if (!this.best || scored.ratio > this.best.ratio) this.best = scored;
    if (!this.walk) {
      this.walk = { current: scored, temperature: this.settings.maxTemperature };
      this.runs++;
      return;
    }
    const probability = acceptanceProbability(scored.ratio / this.walk.current.ratio, this.walk.temperature);
    if (probability === 1 || this.random.next() < probability) this.walk.current = scored;
    this.walk.temperature *= this.settings.coolingRate;
    if (this.walk.temperature <= this.settings.minTemperature) this.walk = undefined;
  }

  progress(elapsedMs: number): ProgressEvent {
    const { iterations } = this.settings;
    const temperature = this.walk?.temperature ?? this.settings.minTemperature;
    const currentRatio = this.walk?.current.ratio ?? null;
    const bestRatio = this.best?.ratio ?? null;
    return {
      fraction: this.iteration / iterations,
      message: `iteration ${this.iteration}/${iterations}, temperature ${temperature.toPrecision(3)}, best ratio ${bestRatio?.toPrecision(4) ?? '-'}`,
      data: { iteration: this.iteration, iterations, temperature, currentRatio, bestRatio, annealingRun: this.runs, elapsedMs: Math.round(elapsedMs) },
    };
  }
}
