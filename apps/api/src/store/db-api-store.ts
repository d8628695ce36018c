import type { ClusterSpec } from '@hetsched/core';
import {
  clusterContentHash,
  createStore,
  InvalidCursorError as DbInvalidCursorError,
  type ModelVersionRecord,
  type Page,
  type Store,
} from '@hetsched/db';
import {
  InvalidCursorError,
  type ApiStore,
  type ClusterStore,
  type ClusterSummary,
  type ModelRecord,
  type ModelStore,
  type NewWorkflow,
  type RunStore,
  type StorePage,
  type SubmitOutcome,
  type TokenStore,
  type WorkflowStore,
  type WorkflowSummary,
} from './api-store.js';
import { BoundedCache } from '../common/bounded-cache.js';

/**
 * ApiStore on @hetsched/db's repositories: the one place that knows their shapes.
 *
 * Batches: summaries and runs are read one statement per loader batch (findSummaries, findByIds). Documents and
 * assignments are read one per key (binary COPY of one blob each), concurrently on the pool; the loaders still
 * fetch each key once per request.
 */
export class DbApiStore implements ApiStore {
  readonly workflows: WorkflowStore;
  readonly clusters: ClusterStore;
  readonly runs: RunStore;
  readonly tokens: TokenStore;
  readonly models: ModelStore;

  private constructor(private readonly store: Store) {
    this.workflows = workflowStore(store);
    this.clusters = clusterStore(store);
    this.runs = runStore(store);
    this.tokens = tokenStore(store);
    this.models = modelStore(store);
  }

  /** A pool of `poolSize` connections (default 10) on a migrated database. */
  static connect(connectionString: string, poolSize = 10): DbApiStore {
    return new DbApiStore(createStore(connectionString, { max: poolSize }));
  }

  /** The connection pool, for the process's metrics. */
  get pool(): Store['pool'] {
    return this.store.pool;
  }

  async ping(): Promise<void> {
    await this.store.pool.query('SELECT 1');
  }

  async snapshot(): Promise<string> {
    // Prepared once per connection; one text column, read as an array (no row object).
    const { rows } = await this.store.pool.query<[string]>({ name: 'store_snapshot', text: 'SELECT pg_current_snapshot()::text', rowMode: 'array' });
    return rows[0]![0];
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** Summaries a process keeps: a summary is a few hundred bytes, so this bounds a cache to a few MB. */
export const SUMMARY_CACHE_SIZE = 10_000;

/**
 * Summaries of stored workflows or clusters by id, kept per process (SUMMARY_CACHE_SIZE). A workflow or cluster never
 * changes once stored (no mutation edits one; a workflow can only be deleted, and its runs with it), so the summary a
 * run names can be served from here on every later page: the history's names cost no query. Deleting in this process
 * evicts the entry; another process's delete takes the runs that name it along, so nothing asks for that id again
 * through a run.
 */
function summaryCache<T>(): BoundedCache<T> {
  return new BoundedCache<T>(SUMMARY_CACHE_SIZE);
}

function workflowStore(store: Store): WorkflowStore {
  const cache = summaryCache<WorkflowSummary>();
  const summaries = async (ids: readonly string[]) => remember(cache, aligned(ids, await store.workflows.findSummaries(ids)));
  return {
    async submit(input: NewWorkflow): Promise<SubmitOutcome> {
      const key = input.idempotency?.key;
      if (key !== undefined) {
        const earlier = await replay(store, input);
        if (earlier) return earlier;
      }
      // The workflow, its key and the trace's cluster in one transaction (WorkflowRepository.create): a failure or a
      // lost key race leaves nothing behind.
      const result = await store.workflows.create({
        spec: input.workflow,
        tags: input.tags,
        ...(input.idempotency ? { idempotencyKey: input.idempotency.key, requestHash: input.idempotency.requestHash } : {}),
        ...(input.traceCluster ? { cluster: { spec: input.traceCluster.cluster, tags: input.traceCluster.tags } } : {}),
      });
      if (result.created) return { kind: 'created', workflow: result.workflow, traceCluster: result.cluster ?? null };
      // Another request with the same key won the race: its workflow (and its trace cluster) stand.
      if (result.storedRequestHash !== input.idempotency!.requestHash) return { kind: 'conflict', workflowId: result.workflow.id };
      return { kind: 'replayed', workflow: result.workflow, traceCluster: await findTraceCluster(store, input.traceCluster?.cluster, result.workflow.createdAt) };
    },
    summaries,
    referencedSummaries: (ids) => throughCache(cache, ids, summaries),
    cachedSummary: (id) => cache.get(id),
    async documents(ids) {
      return collect(ids, async (id) => (await store.workflows.findById(id))?.spec ?? null);
    },
    list(filter, page) {
      return listing(() => store.workflows.list(filter, page.first, page.after));
    },
    delete(id) {
      cache.delete(id);
      return store.workflows.delete(id);
    },
  };
}

/** An earlier submission with the same idempotency key: replayed, or a conflict when the request differs. */
async function replay(store: Store, input: NewWorkflow): Promise<SubmitOutcome | null> {
  const record = await store.idempotency.find(input.idempotency!.key);
  if (!record) return null;
  if (record.requestHash !== input.idempotency!.requestHash) return { kind: 'conflict', workflowId: record.workflowId };
  const workflow = await store.workflows.findSummary(record.workflowId);
  // Deleted since (keys cascade with their workflow, so only in a race): a new submission may proceed.
  if (!workflow) return null;
  return { kind: 'replayed', workflow, traceCluster: await findTraceCluster(store, input.traceCluster?.cluster, workflow.createdAt) };
}

/**
 * The cluster the first submission stored for the trace's machines. Nothing links the two rows, but that cluster
 * was stored in its workflow's transaction (same created_at): the newest cluster of the same content created no
 * later than the workflow.
 */
async function findTraceCluster(store: Store, spec: ClusterSpec | undefined, workflowCreatedAt: Date): Promise<ClusterSummary | null> {
  if (!spec) return null;
  const candidates = await store.clusters.findByContentHash(clusterContentHash(spec));
  return candidates.filter((c) => c.createdAt <= workflowCreatedAt).at(-1) ?? candidates[0] ?? null;
}

function clusterStore(store: Store): ClusterStore {
  const cache = summaryCache<ClusterSummary>();
  const summaries = async (ids: readonly string[]) => remember(cache, aligned(ids, await store.clusters.findSummaries(ids)));
  return {
    create(cluster, tags) {
      return store.clusters.create({ spec: cluster, tags });
    },
    summaries,
    referencedSummaries: (ids) => throughCache(cache, ids, summaries),
    cachedSummary: (id) => cache.get(id),
    documents(ids) {
      return collect(ids, async (id) => (await store.clusters.findById(id))?.spec ?? null);
    },
    list(filter, page) {
      return listing(() => store.clusters.list(filter, page.first, page.after));
    },
  };
}

function runStore(store: Store): RunStore {
  return {
    async byIds(ids) {
      return aligned(ids, await store.runs.findRuns(ids));
    },
    assignments(ids) {
      return collect(ids, (id) => store.runs.assignments(id));
    },
    history(filter, order, page) {
      return listing(() => store.runs.history(filter, order, page.first, page.after));
    },
    trainingHistory(filter, page) {
      return listing(() => store.runs.trainingHistory(filter, page.first, page.after));
    },
  };
}

function tokenStore(store: Store): TokenStore {
  return {
    async findByHash(tokenHash) {
      return (await store.tokens.findByTokenHash(tokenHash)) ?? undefined;
    },
    listSalted() {
      return store.tokens.listSalted();
    },
    create(input) {
      return store.tokens.create(input);
    },
    async createIfNone(input) {
      return (await store.tokens.createFirst(input)) !== null;
    },
    replaceHash(id, from, to) {
      return store.tokens.replaceTokenHash(id, from, to);
    },
    delete(id) {
      return store.tokens.delete(id);
    },
    touch(id, at) {
      return store.tokens.touchLastUsed(id, at);
    },
    list() {
      return store.tokens.list();
    },
    async revoke(id, at) {
      return (await store.tokens.revoke(id, at)) ?? undefined;
    },
  };
}

function toModel(record: ModelVersionRecord): ModelRecord {
  return record;
}

function modelStore(store: Store): ModelStore {
  return {
    async byIds(ids) {
      return aligned(ids, (await store.models.findByIds(ids)).map((m) => (m ? toModel(m) : null)));
    },
    byTrainingRuns(runIds) {
      return store.models.findByTrainingRuns(runIds);
    },
    exists(id, plugin) {
      return store.models.exists(id, plugin);
    },
    async list(filter, page) {
      const result = await listing(() => store.models.list(filter.plugin ? { plugin: filter.plugin } : {}, page.first, page.after));
      return { edges: result.edges.map((e) => ({ cursor: e.cursor, node: toModel(e.node) })), pageInfo: result.pageInfo };
    },
  };
}

/** Summaries just read, kept in the cache (they never change); the map itself is returned. */
function remember<T>(cache: BoundedCache<T>, found: Map<string, T>): Map<string, T> {
  for (const [id, summary] of found) cache.set(id, summary);
  return found;
}

/** The cached summaries of `ids`, and the others read (and cached) in one batch. */
async function throughCache<T>(cache: BoundedCache<T>, ids: readonly string[], read: (ids: readonly string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const missing: string[] = [];
  for (const id of ids) {
    const cached = cache.get(id);
    if (cached !== undefined) found.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) for (const [id, summary] of await read(missing)) found.set(id, summary);
  return found;
}

/** A batch read's answer (aligned with `ids`, null where none) as a map; keys without a value are left out. */
function aligned<V>(ids: readonly string[], values: readonly (V | null)[]): Map<string, V> {
  const found = new Map<string, V>();
  ids.forEach((id, i) => {
    const value = values[i];
    if (value !== null && value !== undefined) found.set(id, value);
  });
  return found;
}

/** One read per key, concurrently; keys without a value are left out. */
async function collect<V>(ids: readonly string[], read: (id: string) => Promise<V | null>): Promise<Map<string, V>> {
  return aligned(ids, await Promise.all(ids.map(read)));
}

/** A repository list, with its InvalidCursorError as the port's. */
async function listing<T>(list: () => Promise<Page<T>>): Promise<StorePage<T>> {
  try {
    const page = await list();
    return { edges: page.edges, pageInfo: page.pageInfo };
  } catch (error) {
    if (error instanceof DbInvalidCursorError) throw new InvalidCursorError(error.message, { cause: error });
    throw error;
  }
}
