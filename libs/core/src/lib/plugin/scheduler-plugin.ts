import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import type { Schedule } from '../schedule/schedule.js';
import type { OptionsSchema, ResolvedOptions } from './options-schema.js';

/**
 * The version of this contract. A plugin declares the semver range it supports in `metadata.apiVersion`; the
 * registry refuses plugins whose range excludes this version.
 */
export const SCHEDULER_PLUGIN_API_VERSION = '1.0.0';

/** Plugin names: lower-case words joined by dashes (they appear in URLs, CLI flags and the database). */
export const SCHEDULER_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface SchedulerCapabilities {
  /** Reports progress events while it runs (worth following over a subscription). */
  progress: boolean;
  /** Stops promptly when the AbortSignal fires, returning its best result so far or throwing. */
  cancellable: boolean;
  /** The same problem, options and seed always give the same schedule. */
  deterministic: boolean;
  /** The largest cluster it accepts, when it has a limit (a neural model's input size). */
  maxProcessors?: number;
}

export interface SchedulerMetadata {
  name: string;
  version: string;
  description: string;
  /** Semver range of SCHEDULER_PLUGIN_API_VERSION this plugin works with, e.g. "^1.0.0". */
  apiVersion: string;
  capabilities: SchedulerCapabilities;
}

/** What a scheduler says about its progress; the run engine stores and streams these (throttled). */
export interface ProgressEvent {
  /** Completed fraction in [0, 1] when known. */
  fraction?: number;
  message?: string;
  /** Scheduler-specific numbers, e.g. { generation, bestMakespan, meanMakespan, improvementOverHeft }. */
  data?: Record<string, number | string | boolean | null>;
}

export interface ScheduleContext {
  /** Fires when the run is cancelled or times out. */
  signal: AbortSignal;
  reportProgress(event: ProgressEvent): void;
  /** Milliseconds; injectable so tests can fake the clock. */
  now(): number;
  /**
   * Stored data a plugin may ask for by id, such as a trained model's weights. The host (the worker, the CLI)
   * decides where artifacts live (the database, a folder it was told about); a plugin never opens a path or URL
   * it was given, so options arriving over the API can name an artifact but never a file. Absent when the host
   * keeps none.
   */
  artifacts?: ArtifactSource;
}

/** Read access to the host's stored artifacts: `kind` names the family (e.g. "deepsched-model"), `id` one item. */
export interface ArtifactSource {
  /** The artifact's bytes, or undefined when there is no such artifact. */
  get(kind: string, id: string): Promise<Uint8Array | undefined>;
}

export interface ScheduleResult {
  schedule: Schedule;
  /** Anything worth keeping with the run: generations done, model version, prediction error... */
  info?: Record<string, unknown>;
}

export interface SchedulerPlugin<TOptions extends ResolvedOptions = ResolvedOptions> {
  readonly metadata: SchedulerMetadata;
  readonly optionsSchema: OptionsSchema;
  /** `options` have been validated against `optionsSchema` and completed with its defaults. */
  schedule(problem: SchedulingProblem, options: TOptions, context: ScheduleContext): Promise<ScheduleResult>;
}

/** A context for a run that nobody follows: never aborted, progress dropped, real clock. */
export function detachedContext(overrides: Partial<ScheduleContext> = {}): ScheduleContext {
  return {
    signal: new AbortController().signal,
    reportProgress: () => undefined, // nobody listens
    now: () => performance.now(),
    ...overrides,
  };
}
