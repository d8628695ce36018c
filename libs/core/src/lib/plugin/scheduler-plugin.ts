import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import type { Schedule } from '../schedule/schedule.js';
import type { ValidationIssue } from '../errors.js';
import type { OptionsSchema, ResolvedOptions } from './options-schema.js';

/**
 * The version of this contract. A plugin declares the semver range it supports in `metadata.apiVersion`; the
 * registry refuses plugins whose range excludes this version. 1.1 added the optional `training` capability; a 1.0
 * plugin (range `^1.0.0`) loads unchanged.
 */
export const SCHEDULER_PLUGIN_API_VERSION = '1.1.0';

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
  /** Present when the scheduler learns: how to train it, and the artifact (a model) that training produces. */
  readonly training?: TrainingCapability;
}

/**
 * A learning scheduler's training (plugin API 1.1). Hosts name no scheduler: the worker, the API's `trainModel`
 * and `hetsched train` all go through this, and store what `train` returns as an artifact of `artifactKind` that
 * `schedule` later reads back by id through `context.artifacts`.
 */
export interface TrainingCapability {
  /** The training parameters, in the same JSON Schema subset as options (lists and nested objects allowed). */
  readonly parametersSchema: OptionsSchema;
  /** The family of artifacts it produces and reads, e.g. "deepsched-model". */
  readonly artifactKind: string;
  /**
   * The schedule option that names a stored artifact by id, so that a host can refuse an unknown id before a run
   * is queued; values in `builtIn` name artifacts shipped inside the plugin, which the host does not store.
   */
  readonly artifactOption?: { readonly name: string; readonly builtIn?: readonly string[] };
  /** Limits across parameters that the schema cannot say (e.g. count × size), as issues whose paths start at `$`, the parameters. */
  checkParameters?(parameters: ResolvedOptions): ValidationIssue[];
  /**
   * Trains: reports progress (an event per epoch or equivalent, marked important, never dropped), hands the best
   * artifact so far to `context.checkpoint` whenever it improves, and stops soon after `context.signal` fires,
   * returning the best artifact so far (null when there is none yet).
   */
  train(parameters: ResolvedOptions, context: TrainingContext): Promise<TrainingResult>;
  /** Reads the id and description an artifact carries in its own bytes (a host given a file needs its id). */
  describeArtifact?(data: Uint8Array): Promise<TrainedArtifactDescription>;
}

export interface TrainingContext {
  signal: AbortSignal;
  /** `important` events (one per epoch) are stored even when the host throttles progress. */
  reportProgress(event: ProgressEvent, important?: boolean): void;
  now(): number;
  /** The best artifact so far; the host keeps the latest in case training must be stopped by force. */
  checkpoint(artifact: TrainedArtifact): void;
  /** Stored artifacts by id (to continue training from one), as for a schedule run. */
  artifacts?: ArtifactSource;
}

/** What an artifact says about itself: its id (unique per plugin), a name, and what to show with it. */
export interface TrainedArtifactDescription {
  id: string;
  name?: string | null;
  metadata: Record<string, unknown>;
  config?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

export interface TrainedArtifact extends TrainedArtifactDescription {
  data: Uint8Array;
}

export interface TrainingResult {
  /** The best artifact, or null when training stopped before it had one. */
  artifact: TrainedArtifact | null;
  /** How it went (epochs run, why it stopped, example counts...): stored with the training run. */
  info: Record<string, unknown>;
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
