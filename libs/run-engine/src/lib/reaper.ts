import type { Store } from '@hetsched/db';
import type { EngineLogger } from './channels.js';
import { appendRunEvent, statusEvent } from './run-events.js';

export const WORKER_LOST_ERROR = 'worker lost: the worker running this run went silent (crash, kill, or a database outage longer than the grace period)';

/** RUNNING runs read per page by the reaper. */
const REAP_PAGE = 200;

/**
 * Fails RUNNING runs whose worker has not sent a heartbeat for longer than `graceMs` — every such run, a page at a
 * time (oldest heartbeat first). Each is a guarded RUNNING -> FAILED that re-checks the silence, so a heartbeat
 * arriving meanwhile keeps the run, and concurrent reapers in several processes fail a run once. A database outage
 * shorter than the grace costs no run: the workers keep computing and their heartbeats resume.
 */
export async function reapSilentRuns(
  store: Pick<Store, 'pool' | 'runs' | 'events'>,
  graceMs: number,
  logger: EngineLogger,
  /** Runs this process is executing itself: alive whatever their heartbeat says (it may be late after an outage). */
  spare: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const reaped: string[] = [];
  let after: { heartbeatAt: Date; id: string } | undefined;
  for (;;) {
    const page = await store.runs.silentRunning(graceMs, REAP_PAGE, after);
    for (const { id } of page) {
      if (spare.has(id)) continue;
      const failed = await store.runs.failSilent(id, graceMs, WORKER_LOST_ERROR);
      if (!failed.updated) continue;
      await appendRunEvent(store, id, statusEvent('FAILED', { error: WORKER_LOST_ERROR }));
      logger.warn({ runId: id, graceMs }, 'run reaped: its worker went silent');
      reaped.push(id);
    }
    if (page.length < REAP_PAGE) return reaped;
    after = page.at(-1);
  }
}

/** How long what only history needs is kept. 0: forever. */
export interface RetentionSettings {
  /** Days the events of a finished run are kept after it ended (its outcome stays with the run). Default 30. */
  runEventsDays: number;
  /** Days an idempotency key of submitWorkflow is kept (a retry after that makes a new workflow). Default 7. */
  idempotencyKeysDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { runEventsDays: 30, idempotencyKeysDays: 7 };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Retention runs at most this often per process (its deletes are cheap when there is nothing to delete). */
const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrune = 0;

/** Deletes run events and idempotency keys past their retention (at most every ten minutes per process). */
export async function pruneOldRecords(store: Pick<Store, 'events' | 'idempotency'>, retention: RetentionSettings, logger: EngineLogger, now = Date.now()): Promise<void> {
  if (now - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now;
  const events = retention.runEventsDays > 0 ? await store.events.deleteOfRunsEndedBefore(new Date(now - retention.runEventsDays * DAY_MS)) : 0;
  const keys = retention.idempotencyKeysDays > 0 ? await store.idempotency.deleteCreatedBefore(new Date(now - retention.idempotencyKeysDays * DAY_MS)) : 0;
  if (events > 0 || keys > 0) logger.info({ events, idempotencyKeys: keys, retention }, 'old run events and idempotency keys deleted');
}
