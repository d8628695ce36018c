import type { WorkflowSpec } from '@hetsched/core';
import type pg from 'pg';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { contentHash, decodeWorkflow, DOCUMENT_FORMAT, encodeWorkflow } from '@hetsched/codec';
import { inTransaction, isUniqueViolation, storeContext, type StoreContext } from './context.js';
import { prepareClusterInsert, type ClusterSummary, type CreateClusterInput } from './cluster-repository.js';
import { readContent, WORKFLOW_CONTENT } from './documents.js';
import { isUuid, uuidv7 } from './ids.js';
import { decodeKeysetCursor, encodeCursor, escapeLike, pageSize, toPage, type Page } from './pagination.js';

export interface WorkflowSummary {
  id: string;
  /** The document's `name` when it is a string. */
  name: string | null;
  tags: string[];
  /** workflowContentHash(spec): equal for equal documents (key order aside). */
  contentHash: string;
  taskCount: number;
  edgeCount: number;
  createdAt: Date;
}

export interface StoredWorkflow extends WorkflowSummary {
  spec: WorkflowSpec;
}

export interface CreateWorkflowInput {
  spec: WorkflowSpec;
  tags?: string[];
  /** submitWorkflow's idempotency key: a second create with the same key returns the first workflow. */
  idempotencyKey?: string;
  /** Kept with the key, so that a reuse of the key for another request can be told apart. */
  requestHash?: string;
  /** workflowContentHash(spec), when the caller has it already (saves hashing a large document twice). */
  contentHash?: string;
  /** A cluster stored in the same transaction (a WfFormat trace's machines): both rows or neither. */
  cluster?: CreateClusterInput;
}

export interface CreateWorkflowResult {
  workflow: WorkflowSummary;
  /** The cluster stored with it (only when `created` and a cluster was given). */
  cluster?: ClusterSummary;
  /** False when the idempotency key had already been used: `workflow` is then the one it created. */
  created: boolean;
  /** The request hash stored with the idempotency key (the first request's), when a key was given. */
  storedRequestHash: string | null;
}

export interface WorkflowFilter {
  /** Case-insensitive substring of the name. */
  nameContains?: string;
  /** Only workflows with this tag. */
  tag?: string;
}

/** SHA-256 of a workflow's canonical content (see contentHash): the API's duplicate detection. */
export function workflowContentHash(spec: WorkflowSpec): string {
  return contentHash('workflow', spec);
}

const SUMMARY = {
  id: true,
  name: true,
  tags: true,
  contentHash: true,
  taskCount: true,
  edgeCount: true,
  createdAt: true,
} satisfies Prisma.WorkflowSelect;

/**
 * Workflows: a summary row (listed without touching documents) plus the document encoded by workflow-codec in
 * `workflow_contents`. Writes and document reads go through the pg pool (binary parameters, binary COPY: see
 * docs/store.md); the rest through Prisma.
 */
export class WorkflowRepository {
  private readonly ctx: StoreContext;

  constructor(prisma: PrismaClient, pool?: pg.Pool) {
    this.ctx = storeContext(prisma, pool);
  }

  async create(input: CreateWorkflowInput): Promise<CreateWorkflowResult> {
    const { idempotencyKey, requestHash } = input;
    if (idempotencyKey !== undefined) {
      const reused = await this.reuse(idempotencyKey);
      if (reused) return reused;
    }
    // The key before the large document: a concurrent request with the same key waits there, then fails fast.
    const insertKey =
      idempotencyKey === undefined
        ? undefined
        : async (client: pg.PoolClient, id: string) => {
            await client.query('INSERT INTO idempotency_keys (key, workflow_id, request_hash) VALUES ($1, $2, $3)', [idempotencyKey, id, requestHash ?? null]);
          };
    const insertWorkflow = prepareWorkflowInsert(input, insertKey);
    const insertCluster = input.cluster ? prepareClusterInsert(input.cluster) : undefined;
    try {
      const { workflow, cluster } = await inTransaction(this.ctx.pool, async (client) => {
        const workflow = await insertWorkflow(client);
        const cluster = insertCluster ? await insertCluster(client) : undefined;
        return { workflow, cluster };
      });
      return {
        workflow,
        ...(cluster ? { cluster } : {}),
        created: true,
        storedRequestHash: idempotencyKey !== undefined ? (requestHash ?? null) : null,
      };
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error, 'idempotency_keys_pkey')) {
        const reused = await this.reuse(idempotencyKey);
        if (reused) return reused;
      }
      throw error;
    }
  }

  private async reuse(key: string): Promise<CreateWorkflowResult | null> {
    const found = await this.ctx.prisma.idempotencyKey.findUnique({ where: { key }, include: { workflow: { select: SUMMARY } } });
    if (!found) return null;
    return { workflow: found.workflow, created: false, storedRequestHash: found.requestHash };
  }

  /** The workflow with its full document; null when there is none. */
  async findById(id: string): Promise<StoredWorkflow | null> {
    const summary = await this.findSummary(id);
    if (!summary) return null;
    const data = await readContent(this.ctx.pool, WORKFLOW_CONTENT, id);
    if (!data) return null; // deleted meanwhile
    return { ...summary, spec: decodeWorkflow(data) };
  }

  async findSummary(id: string): Promise<WorkflowSummary | null> {
    if (!isUuid(id)) return null;
    return this.ctx.prisma.workflow.findUnique({ where: { id }, select: SUMMARY });
  }

  /** Summaries of many workflows in one statement, aligned with `ids` (null where there is none): for batch loaders. */
  async findSummaries(ids: readonly string[]): Promise<(WorkflowSummary | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.ctx.prisma.workflow.findMany({ where: { id: { in: valid } }, select: SUMMARY }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /** Workflows whose content hash is `hash` (duplicates of a document), oldest first. */
  async findByContentHash(hash: string): Promise<WorkflowSummary[]> {
    return this.ctx.prisma.workflow.findMany({ where: { contentHash: hash }, select: SUMMARY, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Newest first, keyset-paginated by (createdAt, id): stable while workflows are added. */
  async list(filter: WorkflowFilter = {}, first?: number, after?: string | null): Promise<Page<WorkflowSummary>> {
    const limit = pageSize(first);
    const where: Prisma.WorkflowWhereInput[] = [];
    if (filter.nameContains) where.push({ name: { contains: escapeLike(filter.nameContains), mode: 'insensitive' } });
    if (filter.tag !== undefined) where.push({ tags: { has: filter.tag } });
    if (after) {
      const [createdAt, id] = decodeKeysetCursor('workflows', after);
      where.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
    }
    const rows = await this.ctx.prisma.workflow.findMany({
      where: { AND: where },
      select: SUMMARY,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    return toPage(rows, limit, (w) => encodeCursor('workflows', [w.createdAt.getTime(), w.id]));
  }

  /** Deletes the workflow with its document, runs and idempotency keys; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { count } = await this.ctx.prisma.workflow.deleteMany({ where: { id } });
    return count > 0;
  }
}

/**
 * Encodes a workflow and returns the statements that store it on a client inside a transaction (as
 * prepareClusterInsert does for clusters): WorkflowRepository.create uses it, and so does a run that stores the
 * workflow it found with its success (RunRepository.completeHardInstance). `afterRow` runs between the summary row
 * and the document (create's idempotency key).
 */
export function prepareWorkflowInsert(
  input: Pick<CreateWorkflowInput, 'spec' | 'tags' | 'contentHash'>,
  afterRow?: (client: pg.PoolClient, id: string) => Promise<void>,
): (client: pg.PoolClient) => Promise<WorkflowSummary> {
  const { spec } = input;
  const hash = input.contentHash ?? workflowContentHash(spec);
  const data = encodeWorkflow(spec);
  const id = uuidv7();
  const tags = [...new Set(input.tags ?? [])];
  const name = typeof spec.name === 'string' ? spec.name : null;
  const taskCount = Array.isArray(spec.tasks) ? spec.tasks.length : 0;
  const edgeCount = Array.isArray(spec.edges) ? spec.edges.length : 0;
  return async (client) => {
    const { rows } = await client.query<{ created_at: Date }>(
      `INSERT INTO workflows (id, name, tags, content_hash, task_count, edge_count)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
      [id, name, tags, hash, taskCount, edgeCount],
    );
    await afterRow?.(client, id);
    await client.query('INSERT INTO workflow_contents (workflow_id, format, data) VALUES ($1, $2, $3)', [id, DOCUMENT_FORMAT, data]);
    return { id, name, tags, contentHash: hash, taskCount, edgeCount, createdAt: rows[0]!.created_at };
  };
}
