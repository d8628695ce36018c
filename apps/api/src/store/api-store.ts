import type { Assignment, ClusterSpec, WorkflowSpec } from '@hetsched/core';
import type { Run, RunStatus } from '@hetsched/db';

// A run is the store's Run (one name for the concept, with a `kind`); the API keeps only the rows' shape of it.
export type { Run };

/**
 * What the API needs from the store, in its own terms. Services depend on this interface only; `DbApiStore`
 * implements it with @hetsched/db's repositories, and is the one file that knows their shapes. The seam also marks
 * the transaction boundaries: each method that writes is all-or-nothing.
 */
export interface ApiStore {
  readonly workflows: WorkflowStore;
  readonly clusters: ClusterStore;
  readonly runs: RunStore;
  readonly tokens: TokenStore;
  /** Trained models of learning schedulers. */
  readonly models: ModelStore;
  /** Throws when the database cannot be reached (readiness). */
  ping(): Promise<void>;
  /**
   * The database's current snapshot as text (PostgreSQL's `pg_current_snapshot()`): equal at two reads only when no
   * transaction committed between them (response-cache.ts).
   */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

export interface WorkflowSummary {
  id: string;
  name: string | null;
  tags: string[];
  contentHash: string;
  taskCount: number;
  edgeCount: number;
  createdAt: Date;
}

export interface ClusterSummary {
  id: string;
  name: string | null;
  tags: string[];
  contentHash: string;
  processorCount: number;
  linkCount: number;
  createdAt: Date;
}

export type RunStatusValue = RunStatus;

export interface PageRequest {
  first: number;
  /** An opaque cursor from an earlier page of the same list (filter and order). */
  after?: string | null;
}

export interface StorePage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** Thrown by a store list when `after` is not one of its cursors; the API reports BAD_USER_INPUT. */
export class InvalidCursorError extends Error {
  constructor(message = 'not a cursor of this list', options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
  }
}

export interface ListFilter {
  tag?: string;
  nameContains?: string;
}

export interface NewWorkflow {
  workflow: WorkflowSpec;
  tags: string[];
  /** The machines of a WfFormat trace, stored as a cluster in the same transaction. */
  traceCluster?: { cluster: ClusterSpec; tags: string[] };
  /** Stored with the workflow, in the same transaction: a retry with the key finds this workflow. */
  idempotency?: { key: string; requestHash: string };
}

export type SubmitOutcome =
  | { kind: 'created'; workflow: WorkflowSummary; traceCluster: ClusterSummary | null }
  /** The key was used before with the same request: that workflow, nothing new stored. */
  | { kind: 'replayed'; workflow: WorkflowSummary; traceCluster: ClusterSummary | null }
  /** The key was used before with a different request. */
  | { kind: 'conflict'; workflowId: string };

export interface WorkflowStore {
  submit(input: NewWorkflow): Promise<SubmitOutcome>;
  summaries(ids: readonly string[]): Promise<Map<string, WorkflowSummary>>;
  /**
   * Summaries of workflows that stored runs name (the caller read the run, so the workflow existed then): served from
   * the process's cache of immutable summaries where possible (db-api-store.ts, summaryCache), the rest read and cached.
   */
  referencedSummaries(ids: readonly string[]): Promise<Map<string, WorkflowSummary>>;
  /** The cached summary of a workflow a run names, without a query; undefined when it is not cached. */
  cachedSummary(id: string): WorkflowSummary | undefined;
  documents(ids: readonly string[]): Promise<Map<string, WorkflowSpec>>;
  list(filter: ListFilter, page: PageRequest): Promise<StorePage<WorkflowSummary>>;
  /** False when there was none. */
  delete(id: string): Promise<boolean>;
}

export interface ClusterStore {
  create(cluster: ClusterSpec, tags: string[]): Promise<ClusterSummary>;
  summaries(ids: readonly string[]): Promise<Map<string, ClusterSummary>>;
  /** As WorkflowStore.referencedSummaries: clusters that stored runs name (a cluster is never changed nor deleted). */
  referencedSummaries(ids: readonly string[]): Promise<Map<string, ClusterSummary>>;
  cachedSummary(id: string): ClusterSummary | undefined;
  documents(ids: readonly string[]): Promise<Map<string, ClusterSpec>>;
  list(filter: ListFilter, page: PageRequest): Promise<StorePage<ClusterSummary>>;
}

export interface RunFilter {
  workflowId?: string;
  clusterId?: string;
  scheduler?: string;
  status?: RunStatusValue;
  /** Strictly after. */
  createdAfter?: Date;
  /** Strictly before. */
  createdBefore?: Date;
}

export interface RunOrder {
  field: 'CREATED_AT' | 'MAKESPAN';
  direction: 'ASC' | 'DESC';
}

export interface RunStore {
  /** Runs of any kind by id. */
  byIds(ids: readonly string[]): Promise<Map<string, Run>>;
  assignments(ids: readonly string[]): Promise<Map<string, Assignment[]>>;
  /** Schedule runs, filtered and ordered. */
  history(filter: RunFilter, order: RunOrder, page: PageRequest): Promise<StorePage<Run<'SCHEDULE'>>>;
  /** Training runs, newest first. */
  trainingHistory(filter: { status?: RunStatusValue; scheduler?: string }, page: PageRequest): Promise<StorePage<Run<'TRAINING'>>>;
}

export type TokenRole = 'READER' | 'SUBMITTER' | 'ADMIN';

export interface TokenRecord {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Refused from this time on; null: never expires. */
  expiresAt: Date | null;
}

export interface NewToken {
  name: string;
  role: TokenRole;
  /** SHA-256 (hex) of a generated token, or a salted hash ("$scrypt$...") of a chosen one. */
  tokenHash: string;
  /** Default: never expires. */
  expiresAt?: Date | null;
}

export interface TokenStore {
  /** The token with this SHA-256 hash (hex), revoked or not; undefined when none. */
  findByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  /** The tokens stored with a salted hash (chosen by an operator), revoked and expired ones too, with that hash. */
  listSalted(): Promise<(TokenRecord & { tokenHash: string })[]>;
  create(input: NewToken): Promise<TokenRecord>;
  /** Runs `create` only when no token exists yet. Returns whether it ran. */
  createIfNone(input: NewToken): Promise<boolean>;
  /** Replaces the token's hash while it still is `from`; whether this call did. */
  replaceHash(id: string, from: string, to: string): Promise<boolean>;
  /** Removes a token row for good (a duplicate of another); whether there was one. */
  delete(id: string): Promise<boolean>;
  /** Records a use; best effort, callers throttle it. */
  touch(id: string, at: Date): Promise<void>;
  /** Every token, revoked and expired ones included, oldest first. */
  list(): Promise<TokenRecord[]>;
  /** Marks the token revoked (a second call keeps the first time); undefined when there is none. */
  revoke(id: string, at: Date): Promise<TokenRecord | undefined>;
}

/** A stored trained model, without its bytes. */
export interface ModelRecord {
  id: string;
  plugin: string;
  name: string | null;
  metadata: Record<string, unknown>;
  config: Record<string, unknown>;
  metrics: Record<string, unknown>;
  sizeBytes: number;
  trainingRunId: string | null;
  createdAt: Date;
}

export interface ModelStore {
  byIds(ids: readonly string[]): Promise<Map<string, ModelRecord>>;
  /** Keyed by training run id: the models each run made (oldest first). */
  byTrainingRuns(runIds: readonly string[]): Promise<Map<string, ModelRecord[]>>;
  /** Whether a model with this id exists for that plugin (cheap; no bytes read). */
  exists(id: string, plugin: string): Promise<boolean>;
  /** Newest first. */
  list(filter: { plugin?: string }, page: PageRequest): Promise<StorePage<ModelRecord>>;
}
