import type { ClusterSpec } from '@hetsched/core';
import type pg from 'pg';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { contentHash, decodeCluster, DOCUMENT_FORMAT, encodeCluster } from '@hetsched/codec';
import { inTransaction, storeContext, type StoreContext } from './context.js';
import { CLUSTER_CONTENT, readContent } from './documents.js';
import { isUuid, uuidv7 } from './ids.js';
import { decodeKeysetCursor, encodeCursor, escapeLike, pageSize, toPage, type Page } from './pagination.js';

export interface ClusterSummary {
  id: string;
  name: string | null;
  tags: string[];
  contentHash: string;
  processorCount: number;
  /** Number of per-pair link overrides (`network.links`). */
  linkCount: number;
  createdAt: Date;
}

export interface StoredCluster extends ClusterSummary {
  spec: ClusterSpec;
}

export interface CreateClusterInput {
  spec: ClusterSpec;
  tags?: string[];
  contentHash?: string;
}

export interface ClusterFilter {
  nameContains?: string;
  tag?: string;
}

export function clusterContentHash(spec: ClusterSpec): string {
  return contentHash('cluster', spec);
}

const SUMMARY = {
  id: true,
  name: true,
  tags: true,
  contentHash: true,
  processorCount: true,
  linkCount: true,
  createdAt: true,
} satisfies Prisma.ClusterSelect;

/** Clusters, stored like workflows: a summary row plus the encoded document (processors, network, links). */
export class ClusterRepository {
  private readonly ctx: StoreContext;

  constructor(prisma: PrismaClient, pool?: pg.Pool) {
    this.ctx = storeContext(prisma, pool);
  }

  async create(input: CreateClusterInput): Promise<ClusterSummary> {
    const insert = prepareClusterInsert(input);
    return inTransaction(this.ctx.pool, (client) => insert(client));
  }

  async findById(id: string): Promise<StoredCluster | null> {
    const summary = await this.findSummary(id);
    if (!summary) return null;
    const data = await readContent(this.ctx.pool, CLUSTER_CONTENT, id);
    if (!data) return null;
    return { ...summary, spec: decodeCluster(data) };
  }

  async findSummary(id: string): Promise<ClusterSummary | null> {
    if (!isUuid(id)) return null;
    return this.ctx.prisma.cluster.findUnique({ where: { id }, select: SUMMARY });
  }

  /** Summaries of many clusters in one statement, aligned with `ids` (null where there is none): for batch loaders. */
  async findSummaries(ids: readonly string[]): Promise<(ClusterSummary | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.ctx.prisma.cluster.findMany({ where: { id: { in: valid } }, select: SUMMARY }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  async findByContentHash(hash: string): Promise<ClusterSummary[]> {
    return this.ctx.prisma.cluster.findMany({ where: { contentHash: hash }, select: SUMMARY, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Newest first, keyset-paginated by (createdAt, id). */
  async list(filter: ClusterFilter = {}, first?: number, after?: string | null): Promise<Page<ClusterSummary>> {
    const limit = pageSize(first);
    const where: Prisma.ClusterWhereInput[] = [];
    if (filter.nameContains) where.push({ name: { contains: escapeLike(filter.nameContains), mode: 'insensitive' } });
    if (filter.tag !== undefined) where.push({ tags: { has: filter.tag } });
    if (after) {
      const [createdAt, id] = decodeKeysetCursor('clusters', after);
      where.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
    }
    const rows = await this.ctx.prisma.cluster.findMany({
      where: { AND: where },
      select: SUMMARY,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    return toPage(rows, limit, (c) => encodeCursor('clusters', [c.createdAt.getTime(), c.id]));
  }

  /** Deletes the cluster with its document and its runs; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { count } = await this.ctx.prisma.cluster.deleteMany({ where: { id } });
    return count > 0;
  }
}

/**
 * Encodes a cluster and returns the statements that store it on a client inside a transaction: ClusterRepository
 * uses it on its own, WorkflowRepository inside a workflow's transaction (a trace's machines are stored with the
 * workflow, all or nothing).
 */
export function prepareClusterInsert(input: CreateClusterInput): (client: pg.PoolClient) => Promise<ClusterSummary> {
  const { spec } = input;
  const hash = input.contentHash ?? clusterContentHash(spec);
  const data = encodeCluster(spec);
  const id = uuidv7();
  const tags = [...new Set(input.tags ?? [])];
  const name = typeof spec.name === 'string' ? spec.name : null;
  const processorCount = Array.isArray(spec.processors) ? spec.processors.length : 0;
  const links = spec.network?.links;
  const linkCount = Array.isArray(links) ? links.length : 0;
  return async (client) => {
    const { rows } = await client.query<{ created_at: Date }>(
      `INSERT INTO clusters (id, name, tags, content_hash, processor_count, link_count)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
      [id, name, tags, hash, processorCount, linkCount],
    );
    await client.query('INSERT INTO cluster_contents (cluster_id, format, data) VALUES ($1, $2, $3)', [id, DOCUMENT_FORMAT, data]);
    return { id, name, tags, contentHash: hash, processorCount, linkCount, createdAt: rows[0]!.created_at };
  };
}
