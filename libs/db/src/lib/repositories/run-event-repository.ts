import type pg from 'pg';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { exactJsonParameter, fromExactJson } from '@hetsched/codec';
import { storeContext, type StoreContext } from './context.js';
import { isUuid } from './ids.js';

export interface RunEventInput {
  /** e.g. "status", "progress", "log" */
  kind: string;
  /** Completed fraction in [0, 1], when known. */
  fraction?: number | null;
  message?: string | null;
  data?: Record<string, unknown> | null;
}

export interface RunEventRecord {
  runId: string;
  /** 1, 2, 3... per run, in append order. */
  sequence: number;
  kind: string;
  fraction: number | null;
  message: string | null;
  data: Record<string, unknown> | null;
  createdAt: Date;
}

interface EventRow {
  run_id: string;
  sequence: number;
  kind: string;
  fraction: number | null;
  message: string | null;
  data: unknown;
  created_at: Date;
}

function toRecord(row: EventRow): RunEventRecord {
  return {
    runId: row.run_id,
    sequence: row.sequence,
    kind: row.kind,
    fraction: row.fraction,
    message: row.message,
    data: fromExactJson(row.data) as Record<string, unknown> | null,
    createdAt: row.created_at,
  };
}

/**
 * A run's progress history. `append` takes the next sequence number from the run's row in the same statement that
 * inserts the event (`UPDATE ... RETURNING` in a CTE): the row lock orders concurrent appends, so numbers are
 * 1, 2, 3... without gaps or duplicates.
 */
export class RunEventRepository {
  private readonly ctx: StoreContext;

  constructor(prisma: PrismaClient, pool?: pg.Pool) {
    this.ctx = storeContext(prisma, pool);
  }

  /** Appends an event; null when the run does not exist. */
  async append(runId: string, event: RunEventInput): Promise<RunEventRecord | null> {
    if (!isUuid(runId)) return null;
    const { rows } = await this.ctx.pool.query<EventRow>(
      `WITH next AS (
         UPDATE runs SET last_event_sequence = last_event_sequence + 1 WHERE id = $1 RETURNING last_event_sequence
       )
       INSERT INTO run_events (run_id, sequence, kind, fraction, message, data)
       SELECT $1, next.last_event_sequence, $2, $3, $4, $5::json FROM next
       RETURNING run_id, sequence, kind, fraction, message, data, created_at`,
      [
        runId,
        event.kind,
        event.fraction ?? null,
        event.message ?? null,
        exactJsonParameter(event.data),
      ],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Events with a sequence number above `afterSequence` (0: from the start), oldest first. */
  async listAfter(runId: string, afterSequence = 0, limit = 100): Promise<RunEventRecord[]> {
    if (!isUuid(runId)) return [];
    const rows = await this.ctx.prisma.runEvent.findMany({
      where: { runId, sequence: { gt: afterSequence } },
      orderBy: { sequence: 'asc' },
      take: Math.max(0, Math.min(limit, 10_000)),
    });
    return rows.map((row) => ({ ...row, data: fromExactJson(row.data) as Record<string, unknown> | null }));
  }
}
