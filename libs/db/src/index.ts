export { createPrismaClient, poolOf, PrismaClient, type CreatePrismaClientOptions } from './lib/client.js';
export { Prisma, RunStatus as RunStatusEnum, RunKind as RunKindEnum, ApiTokenRole as ApiTokenRoleEnum } from './generated/prisma/client.js';
export { createStore, type Store } from './lib/store.js';
export { inTransaction, type Queryable } from './lib/repositories/context.js';
export { databaseTimeouts, connectionSettings, DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './lib/timeouts.js';

export {
  migrateDatabase,
  readMigrations,
  defaultMigrationsDir,
  MigrationError,
  MIGRATION_LOCK_KEY,
  type MigrateOptions,
  type MigrateResult,
  type MigrationFile,
} from './lib/migrations/migrate.js';
export {
  startEmbeddedPostgres,
  DEFAULT_EMBEDDED_PORT,
  DEFAULT_EMBEDDED_DATABASE,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './lib/embedded/embedded-postgres.js';
export { resolveDatabase, type ResolveDatabaseOptions, type ResolvedDatabase } from './lib/embedded/resolve-database.js';
export { serveUntilSignal, type ServeUntilSignalOptions, type ShutdownLogger } from './lib/embedded/serve-until-signal.js';

// The document codec is its own lib (@hetsched/codec), so that a run's thread loads it without Prisma or pg;
// re-exported here for the store's callers.
export {
  encodeWorkflow,
  decodeWorkflow,
  encodeCluster,
  decodeCluster,
  encodeAssignments,
  decodeAssignments,
  DOCUMENT_FORMAT,
  DocumentFormatError,
  contentHash,
  stringifyExact,
  parseExact,
  toExactJson,
  fromExactJson,
} from '@hetsched/codec';

export { InvalidCursorError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from './lib/repositories/pagination.js';
export { isUuid, uuidv7 } from './lib/repositories/ids.js';
export {
  WorkflowRepository,
  workflowContentHash,
  type WorkflowSummary,
  type StoredWorkflow,
  type CreateWorkflowInput,
  type CreateWorkflowResult,
  type WorkflowFilter,
} from './lib/repositories/workflow-repository.js';
export {
  ClusterRepository,
  clusterContentHash,
  type ClusterSummary,
  type StoredCluster,
  type CreateClusterInput,
  type ClusterFilter,
} from './lib/repositories/cluster-repository.js';
export {
  RunRepository,
  RUN_STATUSES,
  RUN_KINDS,
  DEFAULT_RUN_ORDER,
  type Run,
  type RunStatus,
  type RunKind,
  type CreateScheduleRunInput,
  type CompleteScheduleRunInput,
  type CreateTrainingRunInput,
  type CompleteTrainingInput,
  type CreateHardInstanceRunInput,
  type CompleteHardInstanceInput,
  type TransitionResult,
  type RunHistoryFilter,
  type RunHistoryOrder,
  type RunOrderField,
  type SortDirection,
} from './lib/repositories/run-repository.js';
export {
  ModelVersionRepository,
  ModelVersionExistsError,
  MODEL_ID_PATTERN,
  type ModelVersionRecord,
  type CreateModelVersionInput,
  type ModelVersionFilter,
} from './lib/repositories/model-version-repository.js';
export {
  ComparisonRepository,
  type ComparisonRecord,
  type CreateComparisonInput,
  type SkippedScheduler,
} from './lib/repositories/comparison-repository.js';
export { RunEventRepository, type RunEventInput, type RunEventRecord } from './lib/repositories/run-event-repository.js';
export {
  ApiTokenRepository,
  hashApiToken,
  API_TOKEN_ROLES,
  type ApiTokenRole,
  type ApiTokenRecord,
} from './lib/repositories/api-token-repository.js';
export {
  SchedulerPluginRepository,
  type SchedulerPluginRecord,
  type UpsertSchedulerPluginInput,
} from './lib/repositories/scheduler-plugin-repository.js';
export { IdempotencyRepository, type IdempotencyRecord } from './lib/repositories/idempotency-repository.js';
