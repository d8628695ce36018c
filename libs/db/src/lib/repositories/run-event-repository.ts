import type pg from 'pg';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { exactJsonParameter, fromExactJson } from '@hetsched/codec';
import { storeContext, type Queryable, type StoreContext } from './context.js';
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

/** A named prepared statement (parsed and planned once per connection): progress and status events are frequent. */
const APPEND = `WITH next AS (
    UPDATE runs SET last_event_sequence = last_event_sequence + 1 WHERE id = $1 RETURNING last_event_sequence
  )
  INSERT INTO run_events (run_id, sequence, kind, fraction, message, data)
  SELECT $1, next.last_event_sequence, $2, $3, $4, $5::json FROM next
  RETURNING run_id, sequence, kind, fraction, message, data, created_at`;

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
  /** `db`: a connection in a transaction (the event is written with the run's transition), else the pool. */
  async append(runId: string, event: RunEventInput, db: Queryable = this.ctx.pool): Promise<RunEventRecord | null> {
    if (!isUuid(runId)) return null;
    const { rows } = await db.query<EventRow>({
      name: 'run_events_append',
      text: APPEND,
      values: [runId, event.kind, event.fraction ?? null, event.message ?? null, exactJsonParameter(event.data)],
    });
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Deletes the events of runs that ended (SUCCEEDED, FAILED, CANCELLED) before `date`, at most `batch` of them per
   * statement so that no statement holds locks for long; returns how many it deleted in all. The runs themselves,
   * with their outcome, stay: their event history is what retention bounds.
   */
  async deleteOfRunsEndedBefore(date: Date, batch = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.ctx.pool.query(
        `DELETE FROM run_events WHERE (run_id, sequence) IN (
           SELECT e.run_id, e.sequence FROM run_events e JOIN runs r ON r.id = e.run_id
           WHERE r.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND r.finished_at < $1 LIMIT $2)`,
        [date, batch],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batch) return total;
    }
  }

  /** Status events of every run stored at or after `since`, oldest first (a subscriber catching up after a reconnect). */
  async listStatusSince(since: Date, limit = 1_000): Promise<RunEventRecord[]> {
    const { rows } = await this.ctx.pool.query<EventRow>(
      `SELECT run_id, sequence, kind, fraction, message, data, created_at FROM run_events
       WHERE kind = 'status' AND created_at >= $1 ORDER BY created_at, run_id, sequence LIMIT $2`,
      [since, limit],
    );
    return rows.map(toRecord);
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
