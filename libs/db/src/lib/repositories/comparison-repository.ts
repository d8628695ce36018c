import type pg from 'pg';
import { exactJsonParameter, fromExactJson } from '@hetsched/codec';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { storeContext, type StoreContext } from './context.js';
import { isUuid, uuidv7 } from './ids.js';
import type { Run, RunRepository } from './run-repository.js';

/** A scheduler a comparison left out, and why (e.g. a cluster above its maxProcessors). */
export interface SkippedScheduler {
  scheduler: string;
  reason: string;
}

/** One compareSchedulers request: the runs it queued share its id (Run.comparisonId). */
export interface ComparisonRecord {
  id: string;
  workflowId: string;
  clusterId: string;
  /** Every enabled scheduler was asked for, rather than a list. */
  all: boolean;
  skipped: SkippedScheduler[];
  createdAt: Date;
}

export interface CreateComparisonInput {
  workflowId: string;
  clusterId: string;
  all?: boolean;
  skipped?: readonly SkippedScheduler[];
}

interface ComparisonRow {
  id: string;
  workflow_id: string;
  cluster_id: string;
  all: boolean;
  skipped: unknown;
  created_at: Date;
}

const COLUMNS = 'id, workflow_id, cluster_id, "all", skipped, created_at';

function toComparison(row: ComparisonRow): ComparisonRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    clusterId: row.cluster_id,
    all: row.all,
    skipped: (fromExactJson(row.skipped) ?? []) as SkippedScheduler[],
    createdAt: row.created_at,
  };
}

/**
 * Comparisons (compareSchedulers): a row per request, its runs pointing at it. The runs themselves are created by
 * RunRepository.create with `comparison: { id, index }`, one by one as they are queued; `runsOf` reads them back
 * in the order they were asked for.
 */
export class ComparisonRepository {
  private readonly ctx: StoreContext;

  constructor(
    prisma: PrismaClient,
    pool: pg.Pool | undefined,
    private readonly runs: RunRepository,
  ) {
    this.ctx = storeContext(prisma, pool);
  }

  /** A new comparison. Throws (foreign key violation) when the workflow or cluster does not exist. */
  async create(input: CreateComparisonInput): Promise<ComparisonRecord> {
    const { rows } = await this.ctx.pool.query<ComparisonRow>(
      `INSERT INTO comparisons (id, workflow_id, cluster_id, "all", skipped) VALUES ($1, $2, $3, $4, $5::json) RETURNING ${COLUMNS}`,
      [uuidv7(), input.workflowId, input.clusterId, input.all ?? false, exactJsonParameter(input.skipped ?? [])],
    );
    return toComparison(rows[0]!);
  }

  /** The comparison; null when there is none (or the id is not a uuid). */
  async findById(id: string): Promise<ComparisonRecord | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.ctx.pool.query<ComparisonRow>(`SELECT ${COLUMNS} FROM comparisons WHERE id = $1`, [id]);
    return rows[0] ? toComparison(rows[0]) : null;
  }

  /** The runs of a comparison, in the order its request asked for them. */
  runsOf(id: string): Promise<Run<'SCHEDULE'>[]> {
    return this.runs.findByComparison(id);
  }
}
