import type { Assignment, ProgressEvent, ScheduleMetrics } from '@hetsched/core';
import type { TrainingParameters } from './training/training-parameters.js';

/** A schedule run's thread (run-thread.ts). */
export interface ThreadInput {
  task?: 'schedule';
  runId: string;
  scheduler: string;
  packageName: string;
  /** Where the package is installed: `<root>/node_modules/<packageName>`. */
  root: string;
  options: Record<string, unknown>;
  /** encodeWorkflow / encodeCluster bytes (libs/db's codec), transferred. */
  workflow: Uint8Array;
  cluster: Uint8Array;
}

/** A training run's thread (training-thread.ts): the parameters only; the examples are generated in the thread. */
export interface TrainingThreadInput {
  task: 'training';
  runId: string;
  parameters: TrainingParameters;
}

export interface ThreadResult {
  makespan: number;
  metrics: ScheduleMetrics;
  assignments: Assignment[];
  info?: Record<string, unknown>;
}

/** What a training thread hands back: the serialized best model (null when no epoch finished) and how it went. */
export interface TrainedResult {
  model: Uint8Array | null;
  info: Record<string, unknown>;
}

export type ThreadMessage =
  | { type: 'progress'; event: ProgressEvent; important?: boolean }
  | { type: 'result'; result: ThreadResult }
  | { type: 'trained'; result: TrainedResult }
  /** The best model so far (training): kept by the parent in case the thread must be terminated. */
  | { type: 'checkpoint'; model: Uint8Array }
  /** context.artifacts.get(kind, id) in the plugin: the parent reads the store and answers with `artifact`. */
  | { type: 'artifact-request'; requestId: number; kind: string; id: string }
  | { type: 'error'; name: string; message: string };

export type ParentMessage =
  | { type: 'abort'; reason: string }
  | { type: 'artifact'; requestId: number; data: Uint8Array | null; error?: string };
