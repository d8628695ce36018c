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

/**
 * A request's loaders, each made the first time the request asks for it and the same one for the rest of the
 * request: most requests use one or two of the ten (a history page whose names are cached uses none), and making
 * all ten, each with its map and list, for every request was garbage for the collector. One object per request;
 * the getters live on the prototype.
 */
class RequestLoaders implements Loaders {
  private made: Partial<Loaders> = {};

  constructor(private readonly store: ApiStore) {}

  get workflow() {
    return (this.made.workflow ??= new BatchLoader((ids) => this.store.workflows.summaries(ids)));
  }
  get runWorkflow() {
    return (this.made.runWorkflow ??= new BatchLoader((ids) => this.store.workflows.referencedSummaries(ids)));
  }
  get workflowDocument() {
    // Documents can be large: a smaller batch keeps one query's result within reason.
    return (this.made.workflowDocument ??= new BatchLoader((ids) => this.store.workflows.documents(ids), 10));
  }
  get cluster() {
    return (this.made.cluster ??= new BatchLoader((ids) => this.store.clusters.summaries(ids)));
  }
  get runCluster() {
    return (this.made.runCluster ??= new BatchLoader((ids) => this.store.clusters.referencedSummaries(ids)));
  }
  get clusterDocument() {
    return (this.made.clusterDocument ??= new BatchLoader((ids) => this.store.clusters.documents(ids), 50));
  }
  get run() {
    return (this.made.run ??= new BatchLoader((ids) => this.store.runs.byIds(ids)));
  }
  get runAssignments() {
    return (this.made.runAssignments ??= new BatchLoader((ids) => this.store.runs.assignments(ids), 10));
  }
  get model() {
    return (this.made.model ??= new BatchLoader((ids) => this.store.models.byIds(ids)));
  }
  get trainingRunModels() {
    return (this.made.trainingRunModels ??= new BatchLoader((ids) => this.store.models.byTrainingRuns(ids)));
  }
}

export function createLoaders(store: ApiStore): Loaders {
  return new RequestLoaders(store);
}
