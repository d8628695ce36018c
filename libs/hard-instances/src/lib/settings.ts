import { describeValue, isPlainObject, resolveOptions, SchedulerOptionsError, type OptionsSchema, type ResolvedOptions, type SchedulerPlugin, type ValidationIssue } from '@hetsched/core';

/** The most iterations one search may ask for: with a slow baseline (an exact solver) each one costs milliseconds. */
export const MAX_ITERATIONS = 10_000;
/** Adversarial instances are small on purpose (PISA starts at 3-5 tasks): small enough to read, and for an exact baseline. */
export const MAX_TASKS = 20;
export const MAX_PROCESSORS = 8;
/** A workflow keeps at least this many tasks when tasks are removed. */
export const MIN_TASKS = 2;

/** PISA's schedule (Coleman & Krishnamachari; SAGA's experiments): T from 10 down to 0.1, × 0.99 per iteration. */
export const PISA_MAX_TEMPERATURE = 10;
export const PISA_MIN_TEMPERATURE = 0.1;
export const PISA_COOLING_RATE = 0.99;
/** PISA's budget per annealing run. */
export const PISA_ITERATIONS = 1000;

/**
 * The search's own settings, in the options-schema subset of core, so that every host (the run engine, the API, the
 * CLI) bounds and defaults them the same way and names a faulty field by its path.
 */
export const HARD_INSTANCE_SETTINGS_SCHEMA: OptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    iterations: {
      type: 'integer',
      default: PISA_ITERATIONS,
      minimum: 1,
      maximum: MAX_ITERATIONS,
      description: 'Instances evaluated (each scheduled by both schedulers), over all restarts.',
    },
    maxTasks: { type: 'integer', default: 10, minimum: MIN_TASKS, maximum: MAX_TASKS, description: 'Most tasks a workflow may grow to.' },
    maxProcessors: { type: 'integer', default: 5, minimum: 1, maximum: MAX_PROCESSORS, description: 'Most processors of a cluster.' },
    seed: { type: 'integer', default: 1, minimum: 0, maximum: 0xffff_ffff, description: 'Seed of the search: the same seed, the same instance.' },
    maxTemperature: { type: 'number', default: PISA_MAX_TEMPERATURE, minimum: 0.001, maximum: 1000, description: 'Temperature at the start of each annealing run.' },
    minTemperature: { type: 'number', default: PISA_MIN_TEMPERATURE, minimum: 0.0001, maximum: 100, description: 'An annealing run ends (and the next restarts) once the temperature reaches it.' },
    coolingRate: { type: 'number', default: PISA_COOLING_RATE, minimum: 0.5, maximum: 0.9999, description: 'Factor applied to the temperature after each iteration.' },
  },
};

export interface HardInstanceSettings {
  iterations: number;
  maxTasks: number;
  maxProcessors: number;
  seed: number;
  maxTemperature: number;
  minTemperature: number;
  coolingRate: number;
}

/**
 * Bounds and defaults `raw` against HARD_INSTANCE_SETTINGS_SCHEMA; throws SchedulerOptionsError listing every fault,
 * each named by its path under `path` (e.g. `options.maxTasks`).
 */
export function resolveHardInstanceSettings(raw: unknown, path = 'options'): HardInstanceSettings {
  const resolved = resolveOptions(HARD_INSTANCE_SETTINGS_SCHEMA, raw, path) as unknown as HardInstanceSettings;
  if (resolved.minTemperature >= resolved.maxTemperature) {
    throw new SchedulerOptionsError(
      [{ severity: 'error', path: `${path}.minTemperature`, message: `must be below maxTemperature (${resolved.maxTemperature}), got ${resolved.minTemperature}` }],
      'options',
    );
  }
  return resolved;
}

/** The settings with both plugins' options resolved against their schemas. */
export interface ResolvedHardInstanceOptions extends HardInstanceSettings {
  targetOptions: ResolvedOptions;
  baselineOptions: ResolvedOptions;
}

/**
 * Everything a search for `target` against `baseline` is asked, checked at once: the settings (above), each plugin's
 * options against its own schema (`<path>.targetOptions`, `<path>.baselineOptions`), and `maxProcessors` against a
 * plugin's processor limit (a cluster it refuses would fail the search half-way). Throws one SchedulerOptionsError
 * with every fault.
 */
export function resolveHardInstanceOptions(target: SchedulerPlugin, baseline: SchedulerPlugin, raw: unknown, path = 'options'): ResolvedHardInstanceOptions {
  if (raw !== undefined && raw !== null && !isPlainObject(raw)) {
    throw new SchedulerOptionsError([{ severity: 'error', path, message: `must be an object, got ${describeValue(raw)}` }], 'options');
  }
  const { targetOptions: rawTarget, baselineOptions: rawBaseline, ...rawSettings } = (raw ?? {}) as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  /** Runs one resolution, keeping its issues so that every fault is reported at once. */
  const collect = <T>(resolve: () => T): T | undefined => {
    try {
      return resolve();
    } catch (error) {
      if (!(error instanceof SchedulerOptionsError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const settings = collect(() => resolveHardInstanceSettings(rawSettings, path));
  const targetOptions = collect(() => resolveOptions(target.optionsSchema, rawTarget ?? {}, `${path}.targetOptions`));
  const baselineOptions = collect(() => resolveOptions(baseline.optionsSchema, rawBaseline ?? {}, `${path}.baselineOptions`));
  for (const plugin of [target, baseline]) {
    const limit = plugin.metadata.capabilities.maxProcessors;
    if (settings && limit !== undefined && settings.maxProcessors > limit) {
      issues.push({ severity: 'error', path: `${path}.maxProcessors`, message: `scheduler "${plugin.metadata.name}" handles at most ${limit} processors, got ${settings.maxProcessors}` });
    }
  }
  if (issues.length > 0 || !settings || !targetOptions || !baselineOptions) throw new SchedulerOptionsError(issues, 'options');
  return { ...settings, targetOptions, baselineOptions };
}
