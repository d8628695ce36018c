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

/** An API token, without its secret (only its SHA-256 is stored). */
export type ApiToken = {
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The last request made with it (recorded at most once a minute); null when never used. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** When it was revoked (revokeApiToken); null while it is valid. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: Role;
};

/** Task `task` runs on `processor` from `start` to `finish`. */
export type Assignment = {
  finish: Scalars['Float']['output'];
  processor: Scalars['ID']['output'];
  start: Scalars['Float']['output'];
  task: Scalars['ID']['output'];
};

/** A stored cluster of heterogeneous processors. */
export type Cluster = {
  contentHash: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The whole native document (docs/formats.md). */
  document: Scalars['JSONObject']['output'];
  id: Scalars['ID']['output'];
  linkCount: Scalars['Int']['output'];
  name?: Maybe<Scalars['String']['output']>;
  network: Network;
  processorCount: Scalars['Int']['output'];
  processors: Array<Processor>;
  tags: Array<Scalars['String']['output']>;
};

export type ClusterConnection = {
  edges: Array<ClusterEdge>;
  pageInfo: PageInfo;
};

export type ClusterEdge = {
  /** Opaque; pass it as `after` to continue after this edge. */
  cursor: Scalars['String']['output'];
  node: Cluster;
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

export type CreatedApiToken = {
  apiToken: ApiToken;
  /** The secret, shown this once: send it as "Authorization: Bearer <token>". */
  token: Scalars['String']['output'];
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

export type GenerateWorkflowPayload = {
  /** The cluster the costs are for: the generated one (stored), or the one `clusterId` named. */
  cluster: Cluster;
  workflow: Workflow;
};

/** Bandwidth and latency between two processors, overriding the network defaults (symmetric). */
export type Link = {
  bandwidth?: Maybe<Scalars['Float']['output']>;
  between: Array<Scalars['ID']['output']>;
  latency?: Maybe<Scalars['Float']['output']>;
};

export type LinkInput = {
  bandwidth?: InputMaybe<Scalars['Float']['input']>;
  /** The two processors the link joins. */
  between: Array<Scalars['ID']['input']>;
  latency?: InputMaybe<Scalars['Float']['input']>;
};

/** A trained model of a learned scheduler (DeepSched), stored in the database. Use it with scheduleWorkflow(scheduler: "deepsched", options: { model: "<id>" }); the run records it in `modelVersion`. */
export type ModelVersion = {
  /** The model's configuration as the plugin reports it (e.g. a network shape). */
  config: Scalars['JSONObject']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The model's version (its metadata.version): the value of a run's options.model. */
  id: Scalars['ID']['output'];
  /** The model's own metadata: version, createdAt, config, training (examples, epochs, seed), metrics. */
  metadata: Scalars['JSONObject']['output'];
  /** What the plugin measured of the kept model, e.g. validation loss and accuracy. */
  metrics: Scalars['JSONObject']['output'];
  name?: Maybe<Scalars['String']['output']>;
  /** The scheduler it belongs to, e.g. "deepsched". */
  plugin: Scalars['String']['output'];
  /** Size of the serialized model in bytes. */
  sizeBytes: Scalars['Int']['output'];
  trainingRun?: Maybe<TrainingRun>;
  /** The training run that made it; null for a model stored otherwise. */
  trainingRunId?: Maybe<Scalars['ID']['output']>;
};

export type ModelVersionConnection = {
  edges: Array<ModelVersionEdge>;
  pageInfo: PageInfo;
};

export type ModelVersionEdge = {
  /** Opaque; pass it as `after` to continue after this edge. */
  cursor: Scalars['String']['output'];
  node: ModelVersion;
};

export type Mutation = {
  /** Cancels a QUEUED or RUNNING run: it ends CANCELLED at once, and a running scheduler is stopped in whichever worker holds it. BAD_USER_INPUT when the run is already final. */
  cancelRun: ScheduleRun;
  /** Cancels a QUEUED or RUNNING training run: CANCELLED at once; the worker stops it soon and still stores the best model so far (TrainingRun.modelVersion). BAD_USER_INPUT when the run is already final. */
  cancelTrainingRun: TrainingRun;
  /** Runs several schedulers on the same problem: one (queued) run each, side by side; `best` is null until runs succeed. */
  compareSchedulers: ScheduleComparison;
  /** Creates an API token; its secret is in the answer and nowhere else. */
  createApiToken: CreatedApiToken;
  /** Stores a cluster given as structured input or as a native JSON document, after validating it. */
  createCluster: Cluster;
  /** Deletes a workflow and its runs; returns its id. NOT_FOUND when there is none. */
  deleteWorkflow: Scalars['ID']['output'];
  /** Generates a random workflow with the HEFT paper parameters (Topcuoglu, Hariri & Wu 2002, §5.1) for a stored cluster or a new random one, and stores it (and the new cluster). Parameters out of bounds fail with BAD_USER_INPUT naming the field, and nothing is stored. */
  generateWorkflow: GenerateWorkflowPayload;
  /** Loads a scheduler plugin from a package ALREADY INSTALLED in the server's node_modules, by its plain npm name (no path, URL or version), records it enabled, and makes every API and worker process load it (docs/plugins.md). */
  registerSchedulerPlugin: Scheduler;
  /** Revokes an API token: refused at once by this server, by every server within 30 s (their verification cache). Revoking it again keeps the first time. NOT_FOUND for an unknown id; BAD_USER_INPUT for the token of the request itself. */
  revokeApiToken: ApiToken;
  /** Schedules a stored workflow on a stored cluster: returns the QUEUED run, which a worker executes (follow it with the runProgress subscription or read it with scheduleRun). Invalid requests (unknown ids, scheduler or options) fail with nothing stored; a scheduler that fails gives a FAILED run with its error. */
  scheduleWorkflow: ScheduleRun;
  /** Enables or disables a scheduler in every API and worker process; queued runs of a disabled scheduler still run. */
  setSchedulerEnabled: Scheduler;
  /** Stores a workflow given as structured input or as a document (native JSON, WfFormat, DAX), after validating it. */
  submitWorkflow: SubmitWorkflowPayload;
  /**
   * Trains a DeepSched model: trainModel(scheduler: "deepsched") with typed parameters.
   * @deprecated Use trainModel(scheduler: "deepsched", parameters: {...}); this alias goes in the next version.
   */
  trainDeepschedModel: TrainingRun;
  /** Trains a learning scheduler (one whose Scheduler.training is set) as a queued run (ADMIN: training takes a worker for minutes). `parameters` follow its training.parametersSchema (absent ones take their defaults). Returns the QUEUED run; follow it with runProgress (an event per epoch). On success the best model is stored as a ModelVersion (TrainingRun.modelVersion). Unknown or non-learning schedulers and parameters out of bounds fail with BAD_USER_INPUT naming the field, and nothing is stored. */
  trainModel: TrainingRun;
};


export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelTrainingRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCompareSchedulersArgs = {
  clusterId: Scalars['ID']['input'];
  schedulers: Array<SchedulerSelection>;
  workflowId: Scalars['ID']['input'];
};


export type MutationCreateApiTokenArgs = {
  name: Scalars['String']['input'];
  role: Role;
};


export type MutationCreateClusterArgs = {
  input: CreateClusterInput;
};


export type MutationDeleteWorkflowArgs = {
  id: Scalars['ID']['input'];
};


export type MutationGenerateWorkflowArgs = {
  input: GenerateWorkflowInput;
};


export type MutationRegisterSchedulerPluginArgs = {
  package: Scalars['String']['input'];
};


export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationScheduleWorkflowArgs = {
  clusterId: Scalars['ID']['input'];
  options?: InputMaybe<Scalars['JSONObject']['input']>;
  scheduler?: Scalars['String']['input'];
  workflowId: Scalars['ID']['input'];
};


export type MutationSetSchedulerEnabledArgs = {
  enabled: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
};


export type MutationSubmitWorkflowArgs = {
  input: SubmitWorkflowInput;
};


export type MutationTrainDeepschedModelArgs = {
  input?: InputMaybe<TrainDeepschedModelInput>;
};


export type MutationTrainModelArgs = {
  parameters?: InputMaybe<Scalars['JSONObject']['input']>;
  scheduler: Scalars['String']['input'];
};

export type Network = {
  /** Default bandwidth between two distinct processors (1 when the document gave none). */
  bandwidth: Scalars['Float']['output'];
  /** Default latency between two distinct processors (0 when the document gave none). */
  latency: Scalars['Float']['output'];
  links: Array<Link>;
};

export type NetworkInput = {
  bandwidth?: InputMaybe<Scalars['Float']['input']>;
  latency?: InputMaybe<Scalars['Float']['input']>;
  links?: InputMaybe<Array<LinkInput>>;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Where a page ends and whether another follows (Relay cursor connections). */
export type PageInfo = {
  /** The cursor of the last edge; pass it as `after` for the next page. Null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A processor of a cluster (the native format, docs/formats.md). */
export type Processor = {
  cores?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  memoryGb?: Maybe<Scalars['Float']['output']>;
  /** Relative speed (1 when the document gave none). */
  speed: Scalars['Float']['output'];
  type?: Maybe<Scalars['String']['output']>;
};

export type ProcessorInput = {
  cores?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  memoryGb?: InputMaybe<Scalars['Float']['input']>;
  speed?: InputMaybe<Scalars['Float']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type ProcessorUtilisation = {
  processor: Scalars['ID']['output'];
  /** Busy time / makespan. */
  utilisation: Scalars['Float']['output'];
};

export type Query = {
  /** The API tokens (never their secrets), oldest first; revoked ones only with includeRevoked. */
  apiTokens: Array<ApiToken>;
  /** A stored cluster; NOT_FOUND when there is none with that id. */
  cluster: Cluster;
  /** Stored clusters, newest first. */
  clusters: ClusterConnection;
  /** A stored model; NOT_FOUND when there is none with that id. */
  modelVersion: ModelVersion;
  /** Stored models with their metrics, newest first; keyset pages through `after`. */
  modelVersions: ModelVersionConnection;
  /** A run of any kind (ScheduleRun or TrainingRun); NOT_FOUND when there is none with that id. */
  run: Run;
  /** A schedule run; NOT_FOUND when there is none with that id (training runs are trainingRun). */
  scheduleRun: ScheduleRun;
  /** The run history, newest first unless `orderBy` says otherwise; keyset pages through `after`. */
  scheduleRuns: ScheduleRunConnection;
  /** The schedulers this server knows, disabled ones included. */
  schedulers: Array<Scheduler>;
  /** A training run; NOT_FOUND when there is none with that id (schedule runs are scheduleRun). */
  trainingRun: TrainingRun;
  /** Training runs, newest first; keyset pages through `after`. */
  trainingRuns: TrainingRunConnection;
  /** Who the token of this request belongs to, and its role. */
  viewer: Viewer;
  /** A stored workflow; NOT_FOUND when there is none with that id. */
  workflow: Workflow;
  /** Stored workflows, newest first. */
  workflows: WorkflowConnection;
};


export type QueryApiTokensArgs = {
  includeRevoked?: Scalars['Boolean']['input'];
};


export type QueryClusterArgs = {
  id: Scalars['ID']['input'];
};


export type QueryClustersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ClusterFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryModelVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  plugin?: InputMaybe<Scalars['String']['input']>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScheduleRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScheduleRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScheduleRunFilter>;
  first?: Scalars['Int']['input'];
  orderBy?: InputMaybe<ScheduleRunOrder>;
};


export type QueryTrainingRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTrainingRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  scheduler?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
};


export type QueryWorkflowArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowFilter>;
  first?: Scalars['Int']['input'];
};

/** What an API token may do. Each role includes the ones before it: READER < SUBMITTER < ADMIN. */
export type Role =
  /** Also create API tokens. */
  | 'ADMIN'
  /** Read workflows, clusters, schedulers and runs. */
  | 'READER'
  /** Also submit and delete workflows, create clusters, and schedule. */
  | 'SUBMITTER';

/** A queued piece of work done by a scheduler plugin on a worker (docs/runs.md): a ScheduleRun or a TrainingRun. */
export type Run = {
  createdAt: Scalars['DateTime']['output'];
  /** Why the run failed or was cancelled. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** What the plugin reported with its result. */
  info?: Maybe<Scalars['JSONObject']['output']>;
  kind: RunKind;
  /** The scheduler plugin that runs (or trains). */
  scheduler: Scalars['String']['output'];
  schedulerVersion: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: RunStatus;
};

/** What a run does: schedule a workflow on a cluster (ScheduleRun), or train a learning scheduler (TrainingRun). */
export type RunKind =
  | 'SCHEDULE'
  | 'TRAINING';

/** One stored event of a run, numbered 1, 2, 3... per run: `status` events (QUEUED, RUNNING, then the final status) and `progress` events from the scheduler (at most about 10 a second; the GA reports generation, best and mean fitness, improvement over HEFT, elapsed time). */
export type RunProgressEvent = {
  createdAt: Scalars['DateTime']['output'];
  /** Pass as `after` to runProgress to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** Scheduler-specific numbers (progress) or { status, error?, makespan? } (status). */
  data?: Maybe<Scalars['JSONObject']['output']>;
  /** True for the final status event: the subscription completes after it. */
  final: Scalars['Boolean']['output'];
  /** Completed fraction in [0, 1], when known. */
  fraction?: Maybe<Scalars['Float']['output']>;
  /** "status" or "progress". */
  kind: Scalars['String']['output'];
  message?: Maybe<Scalars['String']['output']>;
  runId: Scalars['ID']['output'];
  /** The event's number within its run. */
  sequence: Scalars['Int']['output'];
  /** For status events: the status the run moved to. */
  status?: Maybe<RunStatus>;
};

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

/** Runs of several schedulers on one problem, side by side. */
export type ScheduleComparison = {
  /** The succeeded run with the smallest makespan (the first on a tie). */
  best?: Maybe<ScheduleRun>;
  /** One run per requested scheduler, in the order asked. */
  runs: Array<ScheduleRun>;
};

/** The quality of a schedule (docs/metrics.md). */
export type ScheduleMetrics = {
  /** Mean task finish time. */
  averageTurnaround: Scalars['Float']['output'];
  /** speedup / number of processors. */
  efficiency: Scalars['Float']['output'];
  makespan: Scalars['Float']['output'];
  /** Schedule length ratio: makespan / critical path at minimum costs. */
  slr: Scalars['Float']['output'];
  /** Best sequential time / makespan. */
  speedup: Scalars['Float']['output'];
  /** Busy time / makespan per processor, in the order of the cluster. */
  utilisation: Array<ProcessorUtilisation>;
};

/** One scheduling request and its outcome. */
export type ScheduleRun = Run & {
  /** The schedule, ordered by start time; null until the run succeeded. */
  assignments?: Maybe<Array<Assignment>>;
  cluster: Cluster;
  clusterId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Why the run failed or was cancelled. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** A Gantt chart of the schedule as a standalone SVG document; null until the run succeeded. */
  ganttSvg?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** What the plugin reported with its result. */
  info?: Maybe<Scalars['JSONObject']['output']>;
  kind: RunKind;
  /** Null until the run succeeded. */
  makespan?: Maybe<Scalars['Float']['output']>;
  /** Null until the run succeeded. */
  metrics?: Maybe<ScheduleMetrics>;
  /** The trained model a learned scheduler (deepsched) used: "builtin" or a stored ModelVersion id, from the result info (info.modelVersion). Null for other schedulers and until the run succeeded. */
  modelVersion?: Maybe<Scalars['String']['output']>;
  /** The options the scheduler ran with, defaults filled in. */
  options: Scalars['JSONObject']['output'];
  /** The scheduler plugin that runs (or trains). */
  scheduler: Scalars['String']['output'];
  schedulerVersion: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: RunStatus;
  workflow: Workflow;
  workflowId: Scalars['ID']['output'];
};


/** One scheduling request and its outcome. */
export type ScheduleRunGanttSvgArgs = {
  title?: InputMaybe<Scalars['String']['input']>;
  width?: InputMaybe<Scalars['Int']['input']>;
};

export type ScheduleRunConnection = {
  edges: Array<ScheduleRunEdge>;
  pageInfo: PageInfo;
};

export type ScheduleRunEdge = {
  /** Opaque; pass it as `after` to continue after this edge. */
  cursor: Scalars['String']['output'];
  node: ScheduleRun;
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

/** A scheduling algorithm the API can run. */
export type Scheduler = {
  capabilities: SchedulerCapabilities;
  description: Scalars['String']['output'];
  /** Whether it may be used now; a disabled scheduler is listed but refused by scheduleWorkflow. */
  enabled: Scalars['Boolean']['output'];
  /** The name to pass to scheduleWorkflow (e.g. "heft"). */
  name: Scalars['String']['output'];
  /** The options it accepts, as JSON Schema (scalar properties with defaults and bounds, lists, groups); clients can render a form from it. */
  optionsSchema: Scalars['JSONObject']['output'];
  /** Set for a learning scheduler: trainModel trains it. Null for the others. */
  training?: Maybe<SchedulerTraining>;
  version: Scalars['String']['output'];
};

/** What a scheduler can do (SchedulerPlugin capabilities). */
export type SchedulerCapabilities = {
  /** Stops promptly when a run is cancelled. */
  cancellable: Scalars['Boolean']['output'];
  /** The same problem, options and seed always give the same schedule. */
  deterministic: Scalars['Boolean']['output'];
  /** The largest cluster it accepts, when it has a limit. */
  maxProcessors?: Maybe<Scalars['Int']['output']>;
  /** Reports progress while it runs. */
  progress: Scalars['Boolean']['output'];
};

export type SchedulerSelection = {
  options?: InputMaybe<Scalars['JSONObject']['input']>;
  scheduler: Scalars['String']['input'];
};

/** How a learning scheduler is trained (trainModel) and what training produces. */
export type SchedulerTraining = {
  /** The kind of artifact training stores (a ModelVersion of this scheduler), e.g. "deepsched-model". */
  artifactKind: Scalars['String']['output'];
  /** trainModel's parameters as JSON Schema (scalars with defaults and bounds, lists, groups); clients can render a form from it. */
  parametersSchema: Scalars['JSONObject']['output'];
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

export type SubmitWorkflowPayload = {
  /** False when an earlier submission with the same idempotencyKey is returned instead. */
  created: Scalars['Boolean']['output'];
  /** For a WfFormat trace that lists its machines: those machines, stored as a cluster to schedule on. */
  traceCluster?: Maybe<Cluster>;
  /** Lossy but valid conversions made while importing a WfFormat or DAX document. */
  warnings: Array<Scalars['String']['output']>;
  workflow: Workflow;
};

export type Subscription = {
  /** A run's events: first the stored ones after `after` (all when absent), then live ones, each once and in order; completes after the final status event. Reconnect with the `cursor` of the last event received to resume without loss or duplicates. Over graphql-ws on /graphql. */
  runProgress: RunProgressEvent;
  /** Runs as their status changes (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), from now on. Over graphql-ws on /graphql. */
  runStatusChanged: ScheduleRun;
};


export type SubscriptionRunProgressArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  runId: Scalars['ID']['input'];
};


export type SubscriptionRunStatusChangedArgs = {
  filter?: InputMaybe<RunStatusFilter>;
};

/** A task of a workflow (the native format, docs/formats.md). */
export type Task = {
  /** Explicit execution times per processor. */
  costs: Array<TaskCost>;
  id: Scalars['ID']['output'];
  memoryGb?: Maybe<Scalars['Float']['output']>;
  priority?: Maybe<Scalars['Float']['output']>;
  /** Abstract work: the time on a processor is work / speed unless `costs` names it. */
  work?: Maybe<Scalars['Float']['output']>;
};

/** A task's execution time on one processor, overriding `work / speed` there. */
export type TaskCost = {
  processor: Scalars['ID']['output'];
  time: Scalars['Float']['output'];
};

export type TaskCostInput = {
  processor: Scalars['ID']['input'];
  time: Scalars['Float']['input'];
};

/** A data dependency: `to` starts after `from` finishes and its data has arrived. */
export type TaskDependency = {
  /** Data volume sent from `from` to `to` (0 when the document gave none). */
  data: Scalars['Float']['output'];
  from: Scalars['ID']['output'];
  to: Scalars['ID']['output'];
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

/** A training run of a learning scheduler (docs/runs.md#training-runs): queued and executed by a worker like a schedule run, with the same lifecycle, cancelTrainingRun, and progress over the runProgress subscription (an event per epoch, batches throttled). Its info holds the outcome: modelVersion, stoppedBy ("epochs", "early-stopping", "time limit"), epochsRun, metrics. */
export type TrainingRun = Run & {
  createdAt: Scalars['DateTime']['output'];
  /** Why the run failed or was cancelled. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** What the plugin reported with its result. */
  info?: Maybe<Scalars['JSONObject']['output']>;
  kind: RunKind;
  /** The model this run stored. */
  model?: Maybe<ModelVersion>;
  /** The id of the model this run stored (null while it runs, or when it stored none). */
  modelVersion?: Maybe<Scalars['String']['output']>;
  /** The training parameters, defaults filled in (the scheduler's training.parametersSchema). */
  parameters: Scalars['JSONObject']['output'];
  /** The scheduler plugin that runs (or trains). */
  scheduler: Scalars['String']['output'];
  schedulerVersion: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: RunStatus;
};

export type TrainingRunConnection = {
  edges: Array<TrainingRunEdge>;
  pageInfo: PageInfo;
};

export type TrainingRunEdge = {
  /** Opaque; pass it as `after` to continue after this edge. */
  cursor: Scalars['String']['output'];
  node: TrainingRun;
};

/** The caller, as its token identifies it. */
export type Viewer = {
  /** The token's name. */
  name: Scalars['String']['output'];
  role: Role;
};

/** A stored workflow DAG. */
export type Workflow = {
  /** SHA-256 of the canonical document: equal for documents that differ only in key order. */
  contentHash: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The whole native document (docs/formats.md). */
  document: Scalars['JSONObject']['output'];
  edgeCount: Scalars['Int']['output'];
  edges: Array<TaskDependency>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  /** The schedule runs of this workflow. */
  runs: ScheduleRunConnection;
  tags: Array<Scalars['String']['output']>;
  taskCount: Scalars['Int']['output'];
  tasks: Array<Task>;
};


/** A stored workflow DAG. */
export type WorkflowRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScheduleRunFilter>;
  first?: Scalars['Int']['input'];
  orderBy?: InputMaybe<ScheduleRunOrder>;
};

export type WorkflowConnection = {
  edges: Array<WorkflowEdge>;
  pageInfo: PageInfo;
};

export type WorkflowEdge = {
  /** Opaque; pass it as `after` to continue after this edge. */
  cursor: Scalars['String']['output'];
  node: Workflow;
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
  schedulers: Array<SchedulerSelection> | SchedulerSelection;
}>;


export type CompareSchedulersMutation = { compareSchedulers: { runs: Array<{ id: string, scheduler: string, status: RunStatus }> } };

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
    mutation CompareSchedulers($workflowId: ID!, $clusterId: ID!, $schedulers: [SchedulerSelection!]!) {
  compareSchedulers(
    workflowId: $workflowId
    clusterId: $clusterId
    schedulers: $schedulers
  ) {
    runs {
      id
      scheduler
      status
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