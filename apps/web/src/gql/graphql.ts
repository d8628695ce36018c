/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as an RFC 3339 date-time string in UTC, e.g. 2026-01-31T12:00:00.000Z. */
  DateTime: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

export type ClusterFilter = {
  /** Case-insensitive substring of the name. */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Clusters carrying this tag. */
  tag?: InputMaybe<Scalars['String']['input']>;
};

/** A cluster as structured input: the native document, field for field. */
export type ClusterInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  network?: InputMaybe<NetworkInput>;
  processors: Array<ProcessorInput>;
};

/** Give exactly one of `cluster` (structured) or `document` (native cluster JSON as text). */
export type CreateClusterInput = {
  cluster?: InputMaybe<ClusterInput>;
  document?: InputMaybe<Scalars['String']['input']>;
  /** Overrides the document's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A random cluster for generateWorkflow: processors p1..pm with speeds drawn from [speedMin, speedMax]. */
export type GenerateClusterInput = {
  /** Default bandwidth between two processors: above 0 to 1000000000 (default 1). */
  bandwidth?: InputMaybe<Scalars['Float']['input']>;
  /** A link per pair of processors with bandwidth and latency drawn around the defaults (default false). */
  heterogeneousLinks?: InputMaybe<Scalars['Boolean']['input']>;
  /** Default latency between two processors: 0 to 1000000 (default 0). */
  latency?: InputMaybe<Scalars['Float']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** m, the number of processors: 1 to 256. */
  processors: Scalars['Int']['input'];
  /** Highest processor speed, at least speedMin: 0.01 to 1000 (default speedMin). */
  speedMax?: InputMaybe<Scalars['Float']['input']>;
  /** Lowest processor speed: 0.01 to 1000 (default 1). */
  speedMin?: InputMaybe<Scalars['Float']['input']>;
};

/** A random workflow with the parameters of Topcuoglu, Hariri & Wu (2002) §5.1 (docs/formats.md): the same input and seed give the same document. Give exactly one of `clusterId` (costs for the processors of a stored cluster) or `cluster` (a random cluster, stored with the workflow). */
export type GenerateWorkflowInput = {
  /** Communication to computation ratio: 0 to 100 (default 1). */
  ccr?: InputMaybe<Scalars['Float']['input']>;
  /** Generate this cluster too, and store it with the workflow. */
  cluster?: InputMaybe<GenerateClusterInput>;
  /** Give costs for the processors of this stored cluster. */
  clusterId?: InputMaybe<Scalars['ID']['input']>;
  /** β, the range of a task's costs over processors: 0 to 1.99 (default 1). */
  heterogeneity?: InputMaybe<Scalars['Float']['input']>;
  /** w̄, the mean task cost: 0.01 to 1000000 (default 20). */
  meanCost?: InputMaybe<Scalars['Float']['input']>;
  /** Default: the generator parameters, e.g. random-v100-a1-ccr1-b1-s1. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The most edges a task sends: 1 to 50 (default 3). */
  outDegree?: InputMaybe<Scalars['Int']['input']>;
  /** Random seed: 0 to 2147483647 (default 1). */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** α: ceil(√v/α) levels of mean width √v·α: 0.05 to 20 (default 1). */
  shape?: InputMaybe<Scalars['Float']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** v, the number of tasks: 1 to 20000; tasks x processors at most 2000000. */
  tasks: Scalars['Int']['input'];
};

/** The search's settings (absent ones take their defaults, PISA's where it has one) and both schedulers' options. */
export type HardInstanceOptions = {
  /** The baseline scheduler's options, e.g. exact's { nodeLimit } for a reproducible optimum. */
  baselineOptions?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Factor applied to the temperature after each iteration (default 0.99). */
  coolingRate?: InputMaybe<Scalars['Float']['input']>;
  /** Instances evaluated, each scheduled by both schedulers (1-10000; default 1000). */
  iterations?: InputMaybe<Scalars['Int']['input']>;
  /** Most processors of the cluster (1-8; default 5). */
  maxProcessors?: InputMaybe<Scalars['Int']['input']>;
  /** Most tasks a workflow may grow to (2-20; default 10). */
  maxTasks?: InputMaybe<Scalars['Int']['input']>;
  /** Temperature at the start of each annealing run (default 10). */
  maxTemperature?: InputMaybe<Scalars['Float']['input']>;
  /** A run ends, and the next starts afresh, once the temperature reaches it (default 0.1). */
  minTemperature?: InputMaybe<Scalars['Float']['input']>;
  /** Seed of the search (at least 0; default 1): the same seed, the same instance, when both schedulers are deterministic. */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** The target scheduler's options (its optionsSchema in the schedulers query). */
  targetOptions?: InputMaybe<Scalars['JSONObject']['input']>;
};

export type LinkInput = {
  bandwidth?: InputMaybe<Scalars['Float']['input']>;
  /** The two processors the link joins. */
  between: Array<Scalars['ID']['input']>;
  latency?: InputMaybe<Scalars['Float']['input']>;
};

export type NetworkInput = {
  bandwidth?: InputMaybe<Scalars['Float']['input']>;
  latency?: InputMaybe<Scalars['Float']['input']>;
  links?: InputMaybe<Array<LinkInput>>;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type ProcessorInput = {
  cores?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  memoryGb?: InputMaybe<Scalars['Float']['input']>;
  speed?: InputMaybe<Scalars['Float']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

/** What an API token may do. Each role includes the ones before it: READER < SUBMITTER < ADMIN. */
export type Role =
  /** Also create API tokens. */
  | 'ADMIN'
  /** Read workflows, clusters, schedulers and runs. */
  | 'READER'
  /** Also submit and delete workflows, create clusters, and schedule. */
  | 'SUBMITTER';

/** What a run does: schedule a workflow on a cluster (ScheduleRun), train a learning scheduler (TrainingRun), or search for the problem on which one scheduler does worst against another (HardInstanceRun). */
export type RunKind =
  | 'HARD_INSTANCE'
  | 'SCHEDULE'
  | 'TRAINING';

/** QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED. */
export type RunStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** All given conditions must hold; no filter: every run. */
export type RunStatusFilter = {
  /** Only these runs. */
  runIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  scheduler?: InputMaybe<Scalars['String']['input']>;
  /** Only changes to one of these statuses. */
  statuses?: InputMaybe<Array<RunStatus>>;
  workflowId?: InputMaybe<Scalars['ID']['input']>;
};

/** All given conditions must hold. */
export type ScheduleRunFilter = {
  clusterId?: InputMaybe<Scalars['ID']['input']>;
  /** Runs created after this instant. */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Runs created before this instant. */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  scheduler?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  workflowId?: InputMaybe<Scalars['ID']['input']>;
};

/** Ties are broken by id, so that pages never overlap or skip. */
export type ScheduleRunOrder = {
  direction?: OrderDirection;
  field?: ScheduleRunOrderField;
};

export type ScheduleRunOrderField =
  | 'CREATED_AT'
  | 'MAKESPAN';

export type SchedulerSelection = {
  options?: InputMaybe<Scalars['JSONObject']['input']>;
  scheduler: Scalars['String']['input'];
};

/** Give exactly one of `workflow` (structured) or `document` (text in `format`). */
export type SubmitWorkflowInput = {
  /** The document as text: native JSON, a WfFormat trace or a DAX, per `format`. */
  document?: InputMaybe<Scalars['String']['input']>;
  format?: WorkflowFormat;
  /** Retrying a submission with the same key returns the workflow the first one created (created: false) instead of a duplicate. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Overrides the document's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  workflow?: InputMaybe<WorkflowInput>;
};

export type TaskCostInput = {
  processor: Scalars['ID']['input'];
  time: Scalars['Float']['input'];
};

export type TaskDependencyInput = {
  data?: InputMaybe<Scalars['Float']['input']>;
  from: Scalars['ID']['input'];
  to: Scalars['ID']['input'];
};

/** A task, as in the native document. */
export type TaskInput = {
  costs?: InputMaybe<Array<TaskCostInput>>;
  id: Scalars['ID']['input'];
  memoryGb?: InputMaybe<Scalars['Float']['input']>;
  priority?: InputMaybe<Scalars['Float']['input']>;
  work?: InputMaybe<Scalars['Float']['input']>;
};

/** Deprecated with trainDeepschedModel: deepsched's training parameters (use trainModel(scheduler: "deepsched", parameters)). Absent fields take their defaults. */
export type TrainDeepschedModelInput = {
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  dataset?: InputMaybe<TrainingDatasetInput>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  patience?: InputMaybe<Scalars['Int']['input']>;
  /** Seed of the weights, the split and the batch order (default 1). */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  validationFraction?: InputMaybe<Scalars['Float']['input']>;
};

/** Deprecated with trainDeepschedModel: the `dataset` parameter of deepsched's training. Absent fields take their defaults. */
export type TrainingDatasetInput = {
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  ccrs?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  count?: InputMaybe<Scalars['Int']['input']>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  heterogeneities?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  processorCounts?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Seed of the examples (default 1). */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Bounds and default: the scheduler's training.parametersSchema (the schedulers query). */
  taskCounts?: InputMaybe<Array<Scalars['Int']['input']>>;
};

export type WorkflowFilter = {
  /** Case-insensitive substring of the name. */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Workflows carrying this tag. */
  tag?: InputMaybe<Scalars['String']['input']>;
};

/** The format of a workflow `document`. */
export type WorkflowFormat =
  /** A Pegasus DAX (XML, 2.1). */
  | 'DAX'
  /** hetsched JSON (docs/formats.md): { name?, tasks: [...], edges: [...] }. */
  | 'NATIVE'
  /** A WfCommons WfFormat trace (JSON, 1.0-1.5); its machines become a cluster. */
  | 'WFFORMAT';

/** A workflow as structured input: the native document, field for field. */
export type WorkflowInput = {
  edges: Array<TaskDependencyInput>;
  name?: InputMaybe<Scalars['String']['input']>;
  tasks: Array<TaskInput>;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { name: string, role: Role } };

export type WorkflowsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowFilter>;
}>;


export type WorkflowsQuery = { workflows: { edges: Array<{ cursor: string, node: { id: string, name?: string | null, tags: Array<string>, taskCount: number, edgeCount: number, createdAt: string } }>, pageInfo: { endCursor?: string | null, hasNextPage: boolean } } };

export type WorkflowDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WorkflowDetailQuery = { workflow: { id: string, name?: string | null, tags: Array<string>, taskCount: number, edgeCount: number, contentHash: string, createdAt: string, tasks: Array<{ id: string, work?: number | null, costs: Array<{ processor: string, time: number }> }>, edges: Array<{ from: string, to: string, data: number }> } };

export type WorkflowRunsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WorkflowRunsQuery = { workflow: { id: string, runs: { edges: Array<{ cursor: string, node: { id: string, scheduler: string, status: RunStatus, makespan?: number | null, createdAt: string, cluster: { id: string, name?: string | null } } }>, pageInfo: { endCursor?: string | null, hasNextPage: boolean } } } };

export type SubmitWorkflowMutationVariables = Exact<{
  input: SubmitWorkflowInput;
}>;


export type SubmitWorkflowMutation = { submitWorkflow: { created: boolean, warnings: Array<string>, workflow: { id: string, name?: string | null, taskCount: number }, traceCluster?: { id: string, name?: string | null } | null } };

export type GenerateWorkflowMutationVariables = Exact<{
  input: GenerateWorkflowInput;
}>;


export type GenerateWorkflowMutation = { generateWorkflow: { workflow: { id: string, name?: string | null, taskCount: number }, cluster: { id: string, name?: string | null } } };

export type ClustersQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ClusterFilter>;
}>;


export type ClustersQuery = { clusters: { edges: Array<{ cursor: string, node: { id: string, name?: string | null, tags: Array<string>, processorCount: number, linkCount: number, createdAt: string } }>, pageInfo: { endCursor?: string | null, hasNextPage: boolean } } };

export type ClusterDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ClusterDetailQuery = { cluster: { id: string, name?: string | null, tags: Array<string>, processorCount: number, linkCount: number, contentHash: string, createdAt: string, processors: Array<{ id: string, speed: number, cores?: number | null, memoryGb?: number | null, type?: string | null }>, network: { bandwidth: number, latency: number, links: Array<{ between: Array<string>, bandwidth?: number | null, latency?: number | null }> } } };

export type CreateClusterMutationVariables = Exact<{
  input: CreateClusterInput;
}>;


export type CreateClusterMutation = { createCluster: { id: string, name?: string | null, processorCount: number } };

export type SchedulersQueryVariables = Exact<{ [key: string]: never; }>;


export type SchedulersQuery = { schedulers: Array<{ name: string, version: string, description: string, enabled: boolean, optionsSchema: Record<string, unknown>, capabilities: { progress: boolean, cancellable: boolean, deterministic: boolean, maxProcessors?: number | null }, training?: { artifactKind: string } | null }> };

export type ScheduleWorkflowMutationVariables = Exact<{
  workflowId: Scalars['ID']['input'];
  clusterId: Scalars['ID']['input'];
  scheduler: Scalars['String']['input'];
  options?: InputMaybe<Scalars['JSONObject']['input']>;
}>;


export type ScheduleWorkflowMutation = { scheduleWorkflow: { id: string, status: RunStatus } };

export type CompareSchedulersMutationVariables = Exact<{
  workflowId: Scalars['ID']['input'];
  clusterId: Scalars['ID']['input'];
  schedulers?: InputMaybe<Array<SchedulerSelection> | SchedulerSelection>;
  all?: Scalars['Boolean']['input'];
}>;


export type CompareSchedulersMutation = { compareSchedulers: { id: string, runs: Array<{ id: string, scheduler: string, status: RunStatus }>, skipped: Array<{ scheduler: string, reason: string }> } };

export type ScheduleRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScheduleRunFilter>;
  orderBy?: InputMaybe<ScheduleRunOrder>;
}>;


export type ScheduleRunsQuery = { scheduleRuns: { edges: Array<{ cursor: string, node: { id: string, scheduler: string, status: RunStatus, makespan?: number | null, createdAt: string, finishedAt?: string | null, error?: string | null, workflow: { id: string, name?: string | null }, cluster: { id: string, name?: string | null } } }>, pageInfo: { endCursor?: string | null, hasNextPage: boolean } } };

export type RunStatusChangedSubscriptionVariables = Exact<{
  filter?: InputMaybe<RunStatusFilter>;
}>;


export type RunStatusChangedSubscription = { runStatusChanged: { id: string, scheduler: string, status: RunStatus, makespan?: number | null, createdAt: string, finishedAt?: string | null, error?: string | null, workflow: { id: string, name?: string | null }, cluster: { id: string, name?: string | null } } };

export type RunDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunDetailQuery = { scheduleRun: { id: string, status: RunStatus, scheduler: string, schedulerVersion: string, options: Record<string, unknown>, info?: Record<string, unknown> | null, error?: string | null, makespan?: number | null, modelVersion?: string | null, createdAt: string, startedAt?: string | null, finishedAt?: string | null, metrics?: { makespan: number, slr: number, speedup: number, efficiency: number, averageTurnaround: number, utilisation: Array<{ processor: string, utilisation: number }> } | null, assignments?: Array<{ task: string, processor: string, start: number, finish: number }> | null, workflow: { id: string, name?: string | null, taskCount: number, edges: Array<{ from: string, to: string, data: number }> }, cluster: { id: string, name?: string | null, processors: Array<{ id: string, speed: number }>, network: { bandwidth: number, latency: number, links: Array<{ between: Array<string>, bandwidth?: number | null, latency?: number | null }> } } } };

export type RunGanttSvgQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunGanttSvgQuery = { scheduleRun: { id: string, ganttSvg?: string | null } };

export type RunProgressSubscriptionVariables = Exact<{
  runId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type RunProgressSubscription = { runProgress: { sequence: number, cursor: string, kind: string, status?: RunStatus | null, fraction?: number | null, message?: string | null, data?: Record<string, unknown> | null, createdAt: string, final: boolean } };

export type CancelRunMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelRunMutation = { cancelRun: { id: string, status: RunStatus } };

export type SetSchedulerEnabledMutationVariables = Exact<{
  name: Scalars['String']['input'];
  enabled: Scalars['Boolean']['input'];
}>;


export type SetSchedulerEnabledMutation = { setSchedulerEnabled: { name: string, enabled: boolean } };

export type RegisterPluginMutationVariables = Exact<{
  package: Scalars['String']['input'];
}>;


export type RegisterPluginMutation = { registerSchedulerPlugin: { name: string, version: string, enabled: boolean } };

export type ApiTokensQueryVariables = Exact<{
  includeRevoked: Scalars['Boolean']['input'];
}>;


export type ApiTokensQuery = { apiTokens: Array<{ id: string, name: string, role: Role, createdAt: string, lastUsedAt?: string | null, revokedAt?: string | null }> };

export type CreateApiTokenMutationVariables = Exact<{
  name: Scalars['String']['input'];
  role: Role;
}>;


export type CreateApiTokenMutation = { createApiToken: { token: string, apiToken: { id: string, name: string, role: Role } } };

export type RevokeApiTokenMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { id: string, revokedAt?: string | null } };

export type ModelsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ModelsQuery = { modelVersions: { edges: Array<{ cursor: string, node: { id: string, name?: string | null, plugin: string, metrics: Record<string, unknown>, sizeBytes: number, createdAt: string, trainingRunId?: string | null } }>, pageInfo: { endCursor?: string | null, hasNextPage: boolean } } };

export type TrainingRunsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TrainingRunsQuery = { trainingRuns: { edges: Array<{ cursor: string, node: { id: string, scheduler: string, status: RunStatus, createdAt: string, finishedAt?: string | null, error?: string | null, modelVersion?: string | null } }>, pageInfo: { endCursor?: string | null, hasNextPage: boolean } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    name
    role
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const WorkflowsDocument = new TypedDocumentString(`
    query Workflows($first: Int!, $after: String, $filter: WorkflowFilter) {
  workflows(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node {
        id
        name
        tags
        taskCount
        edgeCount
        createdAt
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<WorkflowsQuery, WorkflowsQueryVariables>;
export const WorkflowDetailDocument = new TypedDocumentString(`
    query WorkflowDetail($id: ID!) {
  workflow(id: $id) {
    id
    name
    tags
    taskCount
    edgeCount
    contentHash
    createdAt
    tasks {
      id
      work
      costs {
        processor
        time
      }
    }
    edges {
      from
      to
      data
    }
  }
}
    `) as unknown as TypedDocumentString<WorkflowDetailQuery, WorkflowDetailQueryVariables>;
export const WorkflowRunsDocument = new TypedDocumentString(`
    query WorkflowRuns($id: ID!, $first: Int!, $after: String) {
  workflow(id: $id) {
    id
    runs(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          scheduler
          status
          makespan
          createdAt
          cluster {
            id
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WorkflowRunsQuery, WorkflowRunsQueryVariables>;
export const SubmitWorkflowDocument = new TypedDocumentString(`
    mutation SubmitWorkflow($input: SubmitWorkflowInput!) {
  submitWorkflow(input: $input) {
    created
    warnings
    workflow {
      id
      name
      taskCount
    }
    traceCluster {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SubmitWorkflowMutation, SubmitWorkflowMutationVariables>;
export const GenerateWorkflowDocument = new TypedDocumentString(`
    mutation GenerateWorkflow($input: GenerateWorkflowInput!) {
  generateWorkflow(input: $input) {
    workflow {
      id
      name
      taskCount
    }
    cluster {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<GenerateWorkflowMutation, GenerateWorkflowMutationVariables>;
export const ClustersDocument = new TypedDocumentString(`
    query Clusters($first: Int!, $after: String, $filter: ClusterFilter) {
  clusters(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node {
        id
        name
        tags
        processorCount
        linkCount
        createdAt
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<ClustersQuery, ClustersQueryVariables>;
export const ClusterDetailDocument = new TypedDocumentString(`
    query ClusterDetail($id: ID!) {
  cluster(id: $id) {
    id
    name
    tags
    processorCount
    linkCount
    contentHash
    createdAt
    processors {
      id
      speed
      cores
      memoryGb
      type
    }
    network {
      bandwidth
      latency
      links {
        between
        bandwidth
        latency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ClusterDetailQuery, ClusterDetailQueryVariables>;
export const CreateClusterDocument = new TypedDocumentString(`
    mutation CreateCluster($input: CreateClusterInput!) {
  createCluster(input: $input) {
    id
    name
    processorCount
  }
}
    `) as unknown as TypedDocumentString<CreateClusterMutation, CreateClusterMutationVariables>;
export const SchedulersDocument = new TypedDocumentString(`
    query Schedulers {
  schedulers {
    name
    version
    description
    enabled
    optionsSchema
    capabilities {
      progress
      cancellable
      deterministic
      maxProcessors
    }
    training {
      artifactKind
    }
  }
}
    `) as unknown as TypedDocumentString<SchedulersQuery, SchedulersQueryVariables>;
export const ScheduleWorkflowDocument = new TypedDocumentString(`
    mutation ScheduleWorkflow($workflowId: ID!, $clusterId: ID!, $scheduler: String!, $options: JSONObject) {
  scheduleWorkflow(
    workflowId: $workflowId
    clusterId: $clusterId
    scheduler: $scheduler
    options: $options
  ) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ScheduleWorkflowMutation, ScheduleWorkflowMutationVariables>;
export const CompareSchedulersDocument = new TypedDocumentString(`
    mutation CompareSchedulers($workflowId: ID!, $clusterId: ID!, $schedulers: [SchedulerSelection!], $all: Boolean! = false) {
  compareSchedulers(
    workflowId: $workflowId
    clusterId: $clusterId
    schedulers: $schedulers
    all: $all
  ) {
    id
    runs {
      id
      scheduler
      status
    }
    skipped {
      scheduler
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<CompareSchedulersMutation, CompareSchedulersMutationVariables>;
export const ScheduleRunsDocument = new TypedDocumentString(`
    query ScheduleRuns($first: Int!, $after: String, $filter: ScheduleRunFilter, $orderBy: ScheduleRunOrder) {
  scheduleRuns(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges {
      cursor
      node {
        id
        scheduler
        status
        makespan
        createdAt
        finishedAt
        error
        workflow {
          id
          name
        }
        cluster {
          id
          name
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<ScheduleRunsQuery, ScheduleRunsQueryVariables>;
export const RunStatusChangedDocument = new TypedDocumentString(`
    subscription RunStatusChanged($filter: RunStatusFilter) {
  runStatusChanged(filter: $filter) {
    id
    scheduler
    status
    makespan
    createdAt
    finishedAt
    error
    workflow {
      id
      name
    }
    cluster {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RunStatusChangedSubscription, RunStatusChangedSubscriptionVariables>;
export const RunDetailDocument = new TypedDocumentString(`
    query RunDetail($id: ID!) {
  scheduleRun(id: $id) {
    id
    status
    scheduler
    schedulerVersion
    options
    info
    error
    makespan
    modelVersion
    createdAt
    startedAt
    finishedAt
    metrics {
      makespan
      slr
      speedup
      efficiency
      averageTurnaround
      utilisation {
        processor
        utilisation
      }
    }
    assignments {
      task
      processor
      start
      finish
    }
    workflow {
      id
      name
      taskCount
      edges {
        from
        to
        data
      }
    }
    cluster {
      id
      name
      processors {
        id
        speed
      }
      network {
        bandwidth
        latency
        links {
          between
          bandwidth
          latency
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RunDetailQuery, RunDetailQueryVariables>;
export const RunGanttSvgDocument = new TypedDocumentString(`
    query RunGanttSvg($id: ID!) {
  scheduleRun(id: $id) {
    id
    ganttSvg(width: 1600)
  }
}
    `) as unknown as TypedDocumentString<RunGanttSvgQuery, RunGanttSvgQueryVariables>;
export const RunProgressDocument = new TypedDocumentString(`
    subscription RunProgress($runId: ID!, $after: String) {
  runProgress(runId: $runId, after: $after) {
    sequence
    cursor
    kind
    status
    fraction
    message
    data
    createdAt
    final
  }
}
    `) as unknown as TypedDocumentString<RunProgressSubscription, RunProgressSubscriptionVariables>;
export const CancelRunDocument = new TypedDocumentString(`
    mutation CancelRun($id: ID!) {
  cancelRun(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelRunMutation, CancelRunMutationVariables>;
export const SetSchedulerEnabledDocument = new TypedDocumentString(`
    mutation SetSchedulerEnabled($name: String!, $enabled: Boolean!) {
  setSchedulerEnabled(name: $name, enabled: $enabled) {
    name
    enabled
  }
}
    `) as unknown as TypedDocumentString<SetSchedulerEnabledMutation, SetSchedulerEnabledMutationVariables>;
export const RegisterPluginDocument = new TypedDocumentString(`
    mutation RegisterPlugin($package: String!) {
  registerSchedulerPlugin(package: $package) {
    name
    version
    enabled
  }
}
    `) as unknown as TypedDocumentString<RegisterPluginMutation, RegisterPluginMutationVariables>;
export const ApiTokensDocument = new TypedDocumentString(`
    query ApiTokens($includeRevoked: Boolean!) {
  apiTokens(includeRevoked: $includeRevoked) {
    id
    name
    role
    createdAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($name: String!, $role: Role!) {
  createApiToken(name: $name, role: $role) {
    token
    apiToken {
      id
      name
      role
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const ModelsDocument = new TypedDocumentString(`
    query Models($first: Int!, $after: String) {
  modelVersions(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        name
        plugin
        metrics
        sizeBytes
        createdAt
        trainingRunId
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<ModelsQuery, ModelsQueryVariables>;
export const TrainingRunsDocument = new TypedDocumentString(`
    query TrainingRuns($first: Int!, $after: String) {
  trainingRuns(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        scheduler
        status
        createdAt
        finishedAt
        error
        modelVersion
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<TrainingRunsQuery, TrainingRunsQueryVariables>;