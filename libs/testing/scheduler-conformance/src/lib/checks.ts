import {
  compileProblem,
  detachedContext,
  runScheduler,
  ScheduleAbortedError,
  SchedulerOptionsError,
  type ProgressEvent,
  type OptionProperty,
  type OptionValue,
  type ResolvedOptions,
  type SchedulerPlugin,
  type ScheduleOutcome,
  type SchedulingProblem,
} from '@hetsched/core';
import { validateSchedulerPlugin } from '@hetsched/plugin-registry';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { buildRandomProblem, cornerProblemParams, edgeCaseProblems, randomProblemParams, type RandomProblemParams } from './problems.js';

/** A plugin broke the contract in a way the conformance suite checks. */
export class ConformanceError extends Error {
  constructor(
    readonly scheduler: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`scheduler "${scheduler}": ${message}`, options);
    this.name = this.constructor.name;
  }
}

export interface ConformanceOptions {
  /** Random problems per size, after three fixed corner cases (default 3). */
  runs?: number;
  /** Task counts of the random problems (default [1, 10, 50, 150]). */
  sizes?: number[];
  /**
   * Options for every run except the defaults and cancellation checks (default `{}`: the schema's defaults). A slow
   * search passes a small budget here, e.g. `{ generations: 20 }`.
   */
  options?: Record<string, unknown>;
  /** Seed of the random problems and of fast-check (default 2002): the suite is reproducible. */
  seed?: number;
  /** The largest cluster tried (default 8, never above the plugin's `maxProcessors`). */
  maxProcessors?: number;
  /** Per-test timeout in milliseconds (default 60 s). */
  timeoutMs?: number;
  cancellation?: {
    /** Tasks of the larger problem to cancel (default 1000) on `processors` processors (default 8). */
    tasks?: number;
    processors?: number;
    /** Options that make the run long enough to be worth cancelling (default `{}`: the schema's defaults). */
    options?: Record<string, unknown>;
    /** Abort this long after the start (default 25 ms). */
    abortAfterMs?: number;
    /**
     * How long after the planned abort the run may take to settle (default 10,000 ms). Deliberately generous: the
     * check is that the signal is honoured at all (a plugin that ignores it runs to its end), not how fast, and the
     * suite must pass on a shared, loaded 2-core machine (2 s failed there once, a GA setting up on 1,000 tasks).
     */
    graceMs?: number;
  };
  /** Tasks of the problem for the progress and determinism checks (default 60). */
  checkTasks?: number;
}

export type ResolvedConformanceOptions = Required<Omit<ConformanceOptions, 'cancellation'>> & {
  cancellation: Required<NonNullable<ConformanceOptions['cancellation']>>;
};

export function resolveConformanceOptions(plugin: SchedulerPlugin, options: ConformanceOptions = {}): ResolvedConformanceOptions {
  const limit = plugin.metadata.capabilities.maxProcessors ?? Number.POSITIVE_INFINITY;
  const maxProcessors = Math.max(1, Math.min(options.maxProcessors ?? 8, limit));
  return {
    runs: options.runs ?? 3,
    sizes: options.sizes ?? [1, 10, 50, 150],
    options: options.options ?? {},
    seed: options.seed ?? 2002,
    maxProcessors,
    timeoutMs: options.timeoutMs ?? 60_000,
    checkTasks: options.checkTasks ?? 60,
    cancellation: {
      tasks: options.cancellation?.tasks ?? 1000,
      processors: Math.min(options.cancellation?.processors ?? 8, maxProcessors),
      options: options.cancellation?.options ?? {},
      abortAfterMs: options.cancellation?.abortAfterMs ?? 25,
      graceMs: options.cancellation?.graceMs ?? 10_000,
    },
  };
}

/** The plugin passes the registry's validation: it would be loaded from a package. */
export function checkMetadata(plugin: SchedulerPlugin): void {
  const problems = validateSchedulerPlugin(plugin);
  if (problems.length > 0) throw new ConformanceError(nameOf(plugin), `the registry would refuse it: ${problems.join('; ')}`);
}

/**
 * Valid schedules (checked by core's independent checker inside `runScheduler`) on random problems of `tasks`
 * tasks: three fixed corners (1 processor at CCR 0.1, a middle cluster at CCR 1, the largest cluster at CCR 10
 * with heterogeneous links), then `runs` random ones (processors, CCR, shape, heterogeneity, network). On a
 * failure fast-check shrinks to a small counterexample and prints the seed that replays it.
 */
export async function checkValidSchedules(plugin: SchedulerPlugin, options: ResolvedConformanceOptions, tasks: number): Promise<void> {
  const corners = cornerProblemParams(tasks, options.maxProcessors, options.seed);
  await fc.assert(
    fc.asyncProperty(randomProblemParams(tasks, options.maxProcessors), async (params) => {
      await runChecked(plugin, buildRandomProblem(params), options.options, describeParams(params));
    }),
    { numRuns: options.runs, seed: options.seed, examples: corners.map((params) => [params]), includeErrorInReport: true },
  );
}

/** Valid schedules on hand-written problems: one task, no edges, zero work, data-heavy chains, speeds, links. */
export async function checkEdgeCases(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<void> {
  for (const edgeCase of edgeCaseProblems(options.maxProcessors)) {
    await runChecked(plugin, compileProblem(edgeCase.workflow, edgeCase.cluster), options.options, edgeCase.name);
  }
}

/** An unknown option is refused with a SchedulerOptionsError before the plugin is called. */
export async function checkUnknownOptionRefused(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<void> {
  await expectOptionRefused(plugin, options, '__conformanceUnknownOption__', 1);
}

/** One option value that the schema must refuse. */
export interface BadOptionCase {
  option: string;
  value: unknown;
  /** What is wrong with it, for the test's title. */
  why: string;
}

/**
 * For each option: a value of the wrong type, and for each bound a value beyond it (minimum − 1, maximum + 1),
 * a fraction for an integer, a value outside an enum.
 */
export function badOptionCases(plugin: SchedulerPlugin): BadOptionCase[] {
  const cases: BadOptionCase[] = [];
  for (const [option, property] of Object.entries(plugin.optionsSchema.properties)) {
    switch (property.type) {
      case 'number':
      case 'integer': {
        cases.push({ option, value: 'seven', why: 'a string for a number' }, { option, value: Number.POSITIVE_INFINITY, why: 'Infinity' });
        if (property.minimum !== undefined) cases.push({ option, value: property.minimum - 1, why: `below the minimum ${property.minimum}` });
        if (property.maximum !== undefined) cases.push({ option, value: property.maximum + 1, why: `above the maximum ${property.maximum}` });
        if (property.type === 'integer') {
          const fraction = (property.minimum ?? (property.maximum !== undefined ? property.maximum - 1 : 0)) + 0.5;
          if (property.maximum === undefined || fraction <= property.maximum) cases.push({ option, value: fraction, why: 'a fraction for an integer' });
        }
        break;
      }
      case 'boolean':
        cases.push({ option, value: 'yes', why: 'a string for a boolean' });
        break;
      case 'string':
        cases.push({ option, value: 42, why: 'a number for a string' });
        if (property.enum) cases.push({ option, value: `none-of-${property.enum.join('-')}`, why: 'a value outside the enum' });
        break;
    }
  }
  return cases;
}

export async function checkBadOptionRefused(plugin: SchedulerPlugin, options: ResolvedConformanceOptions, bad: BadOptionCase): Promise<void> {
  await expectOptionRefused(plugin, options, bad.option, bad.value);
}

/** The defaults a schema declares, read straight from it: a group of options defaults to its members' defaults. */
function schemaDefaults(properties: Record<string, OptionProperty>): ResolvedOptions {
  const defaults: ResolvedOptions = {};
  for (const [key, property] of Object.entries(properties)) {
    defaults[key] = property.type === 'object' ? (schemaDefaults(property.properties) as OptionValue) : property.default;
  }
  return defaults;
}

/**
 * With no options the plugin receives the schema's defaults (undefined where there is none) and produces a valid
 * schedule: the defaults work together.
 */
export async function checkDefaults(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<void> {
  const spy = spyOn(plugin);
  const expected = schemaDefaults(plugin.optionsSchema.properties);
  const run = await runChecked(spy.plugin, smallProblem(options), {}, 'a small problem with default options');
  const received = spy.calls[0];
  if (!isDeepStrictEqual(received, expected)) {
    throw new ConformanceError(nameOf(plugin), `with no options it received ${JSON.stringify(received)}, not the schema's defaults ${JSON.stringify(expected)}`);
  }
  if (!isDeepStrictEqual(run.options, expected)) throw new ConformanceError(nameOf(plugin), `the run reports options ${JSON.stringify(run.options)}`);
}

/** The plugin leaves the problem it is given as it found it (problems are shared and cached by callers). */
export async function checkProblemUntouched(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<void> {
  const problem = buildRandomProblem(checkParams(options, 1));
  const keys = ['cost', 'predOffsets', 'predTasks', 'predData', 'succOffsets', 'succTasks', 'succData', 'latency', 'inverseBandwidth', 'topologicalOrder'] as const;
  const before = keys.map((key) => Array.from(problem[key]));
  // Compared even when the run fails: a changed problem explains the failure better than its symptom.
  const failure = await runChecked(plugin, problem, options.options, 'the untouched-problem check').then(
    () => undefined,
    (error: unknown) => error,
  );
  keys.forEach((key, i) => {
    if (!isDeepStrictEqual(Array.from(problem[key]), before[i])) throw new ConformanceError(nameOf(plugin), `it modified problem.${key}`, { cause: failure });
  });
  if (failure !== undefined) throw failure;
}

/** What a cancelled run came to. */
export interface AbortOutcome {
  /** Milliseconds from the planned abort (or from the call, when aborted before it) until the run settled. */
  settledAfterMs: number;
  /** The run settled before the abort was due: the problem was too small to tell anything. */
  finishedFirst: boolean;
  result: 'schedule' | 'aborted';
}

/**
 * A signal aborted before the call: the run settles within `graceMs` with a valid schedule (best so far, checked)
 * or a ScheduleAbortedError, nothing else.
 */
export async function checkAbortBeforeStart(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<AbortOutcome> {
  const controller = new AbortController();
  controller.abort();
  const problem = buildRandomProblem(checkParams(options, 2, options.cancellation.tasks, options.cancellation.processors));
  const started = performance.now();
  return settleAfterAbort(plugin, problem, options, controller, started);
}

/**
 * Aborts `abortAfterMs` into a run on a larger problem: it must settle within `graceMs` of the planned abort time
 * with a valid schedule or a ScheduleAbortedError. Measured from when the abort was DUE, so a plugin that blocks
 * the event loop (and so delays the abort itself) fails too.
 */
export async function checkAbortDuringRun(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<AbortOutcome> {
  const controller = new AbortController();
  const problem = buildRandomProblem(checkParams(options, 3, options.cancellation.tasks, options.cancellation.processors));
  const started = performance.now();
  const timer = setTimeout(() => controller.abort(), options.cancellation.abortAfterMs);
  try {
    return await settleAfterAbort(plugin, problem, options, controller, started + options.cancellation.abortAfterMs);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * At least one progress event; every fraction within [0, 1] and never decreasing; messages strings; data a flat
 * record of numbers, strings, booleans and nulls (what the run engine stores and streams).
 */
export async function checkProgress(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<ProgressEvent[]> {
  const events: ProgressEvent[] = [];
  const context = detachedContext({ reportProgress: (event) => events.push(structuredClone(event)) });
  await runChecked(plugin, buildRandomProblem(checkParams(options, 4)), options.options, 'the progress check', context);
  const fail = (message: string): never => {
    throw new ConformanceError(nameOf(plugin), message);
  };
  if (events.length === 0) fail('it declares progress but reported no progress event');
  let last = Number.NEGATIVE_INFINITY;
  events.forEach((event, i) => {
    if (event.fraction !== undefined) {
      if (typeof event.fraction !== 'number' || !(event.fraction >= 0 && event.fraction <= 1)) fail(`progress event ${i} has fraction ${String(event.fraction)}, outside [0, 1]`);
      if (event.fraction < last) fail(`progress went back from ${last} to ${event.fraction} at event ${i}`);
      last = event.fraction;
    }
    if (event.message !== undefined && typeof event.message !== 'string') fail(`progress event ${i} has a message that is not a string`);
    for (const [key, value] of Object.entries(event.data ?? {})) {
      if (!(value === null || ['number', 'string', 'boolean'].includes(typeof value))) fail(`progress event ${i} has data.${key} of type ${typeof value}`);
    }
  });
  return events;
}

/**
 * The same problem, options and seed give the same schedule: two runs on each of two problems compared
 * assignment by assignment. An integer `seed` option, when the schema has one, is set to the same value both times.
 */
export async function checkDeterminism(plugin: SchedulerPlugin, options: ResolvedConformanceOptions): Promise<void> {
  const seedProperty = plugin.optionsSchema.properties['seed'];
  const runOptions = { ...options.options };
  if (seedProperty && (seedProperty.type === 'integer' || seedProperty.type === 'number') && !('seed' in runOptions)) {
    runOptions['seed'] = Math.min(Math.max(12345, seedProperty.minimum ?? 12345), seedProperty.maximum ?? 12345);
  }
  for (const variant of [5, 6]) {
    const params = checkParams(options, variant);
    const first = await runChecked(plugin, buildRandomProblem(params), runOptions, describeParams(params));
    const second = await runChecked(plugin, buildRandomProblem(params), runOptions, describeParams(params));
    const differs = first.assignments.findIndex((a, i) => !isDeepStrictEqual(a, second.assignments[i]));
    if (differs !== -1 || first.assignments.length !== second.assignments.length) {
      const a = first.assignments[differs];
      const b = second.assignments[differs];
      throw new ConformanceError(
        nameOf(plugin),
        `it declares itself deterministic, but two runs on ${describeParams(params)} differ: ${JSON.stringify(a)} then ${JSON.stringify(b)}`,
      );
    }
  }
}

async function settleAfterAbort(
  plugin: SchedulerPlugin,
  problem: SchedulingProblem,
  options: ResolvedConformanceOptions,
  controller: AbortController,
  abortDueAt: number,
): Promise<AbortOutcome> {
  const { graceMs } = options.cancellation;
  const context = detachedContext({ signal: controller.signal });
  let graceTimer: NodeJS.Timeout | undefined;
  // Resolve (not reject) on timeout, so a run that never settles fails here instead of at the test's timeout.
  const late = new Promise<'late'>((resolve) => {
    const wait = Math.max(0, abortDueAt + graceMs - performance.now());
    graceTimer = setTimeout(() => resolve('late'), wait + 1);
  });
  const run = runScheduler(plugin, problem, options.cancellation.options, context).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const outcome = await Promise.race([run, late]);
  clearTimeout(graceTimer);
  const settledAt = performance.now();
  const settledAfterMs = settledAt - abortDueAt;
  if (outcome === 'late' || settledAfterMs > graceMs) {
    throw new ConformanceError(nameOf(plugin), `it declares itself cancellable but had not settled ${graceMs} ms after the abort`);
  }
  if ('error' in outcome) {
    const error = outcome.error;
    // By name as well: a plugin loaded from its build may hold another copy of core's error classes.
    if (error instanceof ScheduleAbortedError || (error as Error | undefined)?.name === 'ScheduleAbortedError') {
      return { settledAfterMs, finishedFirst: false, result: 'aborted' };
    }
    throw new ConformanceError(nameOf(plugin), `a cancelled run must give a valid schedule or a ScheduleAbortedError, it threw ${String(error)}`, { cause: error });
  }
  return { settledAfterMs, finishedFirst: settledAfterMs < 0, result: 'schedule' };
}

async function expectOptionRefused(plugin: SchedulerPlugin, options: ResolvedConformanceOptions, option: string, value: unknown): Promise<void> {
  const spy = spyOn(plugin);
  const shown = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  let error: unknown;
  try {
    await runScheduler(spy.plugin, smallProblem(options), { [option]: value });
  } catch (e) {
    error = e;
  }
  if (!(error instanceof SchedulerOptionsError)) {
    throw new ConformanceError(
      nameOf(plugin),
      `option ${option} = ${shown} must be refused with a SchedulerOptionsError, ${error === undefined ? 'it was accepted' : `got ${String(error)}`}`,
      error === undefined ? undefined : { cause: error },
    );
  }
  if (!error.issues.some((issue) => issue.path === `options.${option}`)) {
    throw new ConformanceError(nameOf(plugin), `refusing ${option} = ${shown}, the error names no issue at options.${option}: ${error.message}`);
  }
  if (spy.calls.length > 0) throw new ConformanceError(nameOf(plugin), `it was called with the invalid option ${option} = ${shown}`);
}

/** Runs through `runScheduler` (options resolved, schedule checked) and names the problem in any failure. */
async function runChecked(
  plugin: SchedulerPlugin,
  problem: SchedulingProblem,
  runOptions: Record<string, unknown>,
  what: string,
  context = detachedContext(),
): Promise<ScheduleOutcome> {
  let run: ScheduleOutcome;
  try {
    run = await runScheduler(plugin, problem, runOptions, context);
  } catch (error) {
    throw new ConformanceError(nameOf(plugin), `on ${what}: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  if (run.assignments.length !== problem.taskCount || !Number.isFinite(run.makespan)) {
    throw new ConformanceError(nameOf(plugin), `on ${what}: ${run.assignments.length} assignments for ${problem.taskCount} tasks, makespan ${run.makespan}`);
  }
  return run;
}

/** A plugin that records the options it is called with, then runs the real one. */
function spyOn(plugin: SchedulerPlugin): { plugin: SchedulerPlugin; calls: ResolvedOptions[] } {
  const calls: ResolvedOptions[] = [];
  return {
    calls,
    plugin: {
      metadata: plugin.metadata,
      optionsSchema: plugin.optionsSchema,
      schedule(problem, resolved, context) {
        calls.push({ ...resolved });
        return plugin.schedule(problem, resolved, context);
      },
    },
  };
}

function smallProblem(options: ResolvedConformanceOptions): SchedulingProblem {
  return buildRandomProblem(checkParams(options, 0, 6, 2));
}

/** Parameters of the fixed problems the single checks use; `variant` varies the seed. */
function checkParams(options: ResolvedConformanceOptions, variant: number, tasks = options.checkTasks, processors = 4): RandomProblemParams {
  return {
    tasks,
    processors: Math.min(processors, options.maxProcessors),
    ccr: 1,
    shape: 1,
    heterogeneity: 1,
    outDegree: 3,
    heterogeneousLinks: false,
    bandwidth: 1,
    latency: 0,
    seed: options.seed + variant,
  };
}

function describeParams(p: RandomProblemParams): string {
  return (
    `a random workflow of ${p.tasks} tasks on ${p.processors} processors (ccr ${p.ccr}, shape ${p.shape}, heterogeneity ${p.heterogeneity}, ` +
    `outDegree ${p.outDegree}, ${p.heterogeneousLinks ? 'heterogeneous links' : 'uniform network'}, bandwidth ${p.bandwidth}, latency ${p.latency}, seed ${p.seed})`
  );
}

function nameOf(plugin: SchedulerPlugin): string {
  return plugin.metadata?.name ?? '(unnamed)';
}
