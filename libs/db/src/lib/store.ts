import type pg from 'pg';
import { createPrismaClient, poolOf, type CreatePrismaClientOptions, type PrismaClient } from './client.js';
import { ApiTokenRepository } from './repositories/api-token-repository.js';
import { ClusterRepository } from './repositories/cluster-repository.js';
import { ComparisonRepository } from './repositories/comparison-repository.js';
import { IdempotencyRepository } from './repositories/idempotency-repository.js';
import { ModelVersionRepository } from './repositories/model-version-repository.js';
import { RunEventRepository } from './repositories/run-event-repository.js';
import { RunRepository } from './repositories/run-repository.js';
import { SchedulerPluginRepository } from './repositories/scheduler-plugin-repository.js';
import { WorkflowRepository } from './repositories/workflow-repository.js';

/** Every repository on one client. */
export interface Store {
  prisma: PrismaClient;
  pool: pg.Pool;
  workflows: WorkflowRepository;
  clusters: ClusterRepository;
  runs: RunRepository;
  events: RunEventRepository;
  tokens: ApiTokenRepository;
  plugins: SchedulerPluginRepository;
  idempotency: IdempotencyRepository;
  models: ModelVersionRepository;
  /** compareSchedulers requests, grouping their runs. */
  comparisons: ComparisonRepository;
  /** Disconnects the client (and its pool) when createStore made it from a connection string. */
  close(): Promise<void>;
}

/** The repositories on a new client for `connectionString`, or on a client from createPrismaClient. */
export function createStore(connection: string | PrismaClient, options: CreatePrismaClientOptions = {}): Store {
  const owned = typeof connection === 'string';
  const prisma = typeof connection === 'string' ? createPrismaClient(connection, options) : connection;
  const pool = poolOf(prisma);
  if (!pool) throw new TypeError('the Prisma client must come from createPrismaClient()');
  const models = new ModelVersionRepository(prisma, pool);
  const runs = new RunRepository(prisma, pool, models);
  return {
    prisma,
    pool,
    workflows: new WorkflowRepository(prisma, pool),
    clusters: new ClusterRepository(prisma, pool),
    runs,
    events: new RunEventRepository(prisma, pool),
    tokens: new ApiTokenRepository(prisma, pool),
    plugins: new SchedulerPluginRepository(prisma, pool),
    idempotency: new IdempotencyRepository(prisma),
    models,
    comparisons: new ComparisonRepository(prisma, pool, runs),
    close: async () => {
      if (owned) await prisma.$disconnect();
    },
  };
}
