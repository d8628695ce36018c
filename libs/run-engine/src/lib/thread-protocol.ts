import type { Assignment, ProgressEvent, ResolvedOptions, ScheduleMetrics, TrainedArtifact } from '@hetsched/core';
import type { HardInstance, ResolvedHardInstanceOptions } from '@hetsched/hard-instances';

/** What every run's thread is told: which plugin, loaded by its installed package name (never a path). */
interface ThreadInputBase {
  runId: string;
  scheduler: string;
  packageName: string;
  /** Where the package is installed: `<root>/node_modules/<packageName>`. */
  root: string;
}

/** A schedule run (run-thread.ts serves every kind). */
export interface ScheduleThreadInput extends ThreadInputBase {
  task: 'schedule';
  options: Record<string, unknown>;
  /** encodeWorkflow / encodeCluster bytes (@hetsched/codec), transferred. */
  workflow: Uint8Array;
  cluster: Uint8Array;
}

/** A training run: the plugin's training capability with resolved parameters. */
export interface TrainingThreadInput extends ThreadInputBase {
  task: 'training';
  parameters: ResolvedOptions;
}

/**
 * A hard-instance run: the target is the run's plugin, the baseline a second one,
 * also loaded by its installed package name.
 */
export interface HardInstanceThreadInput extends ThreadInputBase {
  task: 'hard-instance';
  baseline: { scheduler: string; packageName: string };
  options: ResolvedHardInstanceOptions;
}

export type ThreadInput = ScheduleThreadInput | TrainingThreadInput | HardInstanceThreadInput;

export interface ThreadResult {
  makespan: number;
  metrics: ScheduleMetrics;
  assignments: Assignment[];
  info?: Record<string, unknown>;
}

/** What a training thread hands back: the best artifact (null when there was none yet) and how it went. */
export interface TrainedResult {
  artifact: TrainedArtifact | null;
  info: Record<string, unknown>;
}

export type ThreadMessage =
  | { type: 'progress'; event: ProgressEvent; important?: boolean }
  | { type: 'result'; result: ThreadResult }
  | { type: 'trained'; result: TrainedResult }
  /** A hard-instance search's outcome: the best instance found (at the end of its budget, or when aborted). */
  | { type: 'found'; result: HardInstance }
  /** The best artifact so far (training): kept by the parent in case the thread must be terminated. */
  | { type: 'checkpoint'; artifact: TrainedArtifact }
  /** context.artifacts.get(kind, id) in the plugin: the parent reads the store and answers with `artifact`. */
  | { type: 'artifact-request'; requestId: number; kind: string; id: string }
  | { type: 'error'; name: string; message: string };

export type ParentMessage =
  /** The next run for this thread (a warm thread serves one run after another). */
  | { type: 'run'; input: ThreadInput }
  | { type: 'abort'; reason: string }
  | { type: 'artifact'; requestId: number; data: Uint8Array | null; error?: string };
