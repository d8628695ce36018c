import type { Assignment, ProgressEvent, ScheduleMetrics } from '@hetsched/core';

export interface ThreadInput {
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

export interface ThreadResult {
  makespan: number;
  metrics: ScheduleMetrics;
  assignments: Assignment[];
  info?: Record<string, unknown>;
}

export type ThreadMessage =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'result'; result: ThreadResult }
  | { type: 'error'; name: string; message: string };

export type ParentMessage = { type: 'abort'; reason: string };
