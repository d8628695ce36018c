import type { Assignment, ProgressEvent, ResolvedOptions, ScheduleMetrics, TrainedArtifact } from '@hetsched/core';

/** What every run's thread is told: which plugin, loaded by its installed package name (never a path). */
interface ThreadInputBase {
  runId: string;
  scheduler: string;
  packageName: string;
  /** Where the package is installed: `<root>/node_modules/<packageName>`. */
  root: string;
}

/** A schedule run's thread (run-thread.ts). */
export interface ScheduleThreadInput extends ThreadInputBase {
  task: 'schedule';
  options: Record<string, unknown>;
  /** encodeWorkflow / encodeCluster bytes (@hetsched/codec), transferred. */
  workflow: Uint8Array;
  cluster: Uint8Array;
}

/** A training run's thread (training-thread.ts): the plugin's training capability with resolved parameters. */
export interface TrainingThreadInput extends ThreadInputBase {
  task: 'training';
  parameters: ResolvedOptions;
}

export type ThreadInput = ScheduleThreadInput | TrainingThreadInput;

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
  /** The best artifact so far (training): kept by the parent in case the thread must be terminated. */
  | { type: 'checkpoint'; artifact: TrainedArtifact }
  /** context.artifacts.get(kind, id) in the plugin: the parent reads the store and answers with `artifact`. */
  | { type: 'artifact-request'; requestId: number; kind: string; id: string }
  | { type: 'error'; name: string; message: string };

export type ParentMessage =
  | { type: 'abort'; reason: string }
  | { type: 'artifact'; requestId: number; data: Uint8Array | null; error?: string };
