import type { Assignment, ClusterSpec, WorkflowSpec } from '@hetsched/core';
import { BatchLoader } from './batch-loader.js';
import type { ApiStore, ClusterSummary, ModelRecord, Run, WorkflowSummary } from '../store/api-store.js';

/**
 * One loader per kind of row, made fresh for each request. A history page whose runs ask for their workflow,
 * cluster and assignments costs three queries, not three per run; a run and its workflow asked for twice in one
 * query are read once.
 */
export interface Loaders {
  workflow: BatchLoader<string, WorkflowSummary>;
  /** Workflows that stored runs name: through the process's cache of immutable summaries (WorkflowStore.referencedSummaries). */
  runWorkflow: BatchLoader<string, WorkflowSummary>;
  workflowDocument: BatchLoader<string, WorkflowSpec>;
  cluster: BatchLoader<string, ClusterSummary>;
  runCluster: BatchLoader<string, ClusterSummary>;
  clusterDocument: BatchLoader<string, ClusterSpec>;
  /** Runs of any kind. */
  run: BatchLoader<string, Run>;
  runAssignments: BatchLoader<string, Assignment[]>;
  model: BatchLoader<string, ModelRecord>;
  /** The models each training run stored, oldest first. */
  trainingRunModels: BatchLoader<string, ModelRecord[]>;
}

export function createLoaders(store: ApiStore): Loaders {
  return {
    workflow: new BatchLoader((ids) => store.workflows.summaries(ids)),
    runWorkflow: new BatchLoader((ids) => store.workflows.referencedSummaries(ids)),
    // Documents can be large: a smaller batch keeps one query's result within reason.
    workflowDocument: new BatchLoader((ids) => store.workflows.documents(ids), 10),
    cluster: new BatchLoader((ids) => store.clusters.summaries(ids)),
    runCluster: new BatchLoader((ids) => store.clusters.referencedSummaries(ids)),
    clusterDocument: new BatchLoader((ids) => store.clusters.documents(ids), 50),
    run: new BatchLoader((ids) => store.runs.byIds(ids)),
    runAssignments: new BatchLoader((ids) => store.runs.assignments(ids), 10),
    model: new BatchLoader((ids) => store.models.byIds(ids)),
    trainingRunModels: new BatchLoader((ids) => store.models.byTrainingRuns(ids)),
  };
}
