import type { Store } from '@hetsched/db';
import type { EngineLogger } from './channels.js';
import { LEASE_KEY_SQL } from './leases.js';
import { appendRunEvent, statusEvent } from './run-events.js';

export const WORKER_LOST_ERROR = 'worker lost: the worker running this run stopped (crash, kill or lost database connection)';

/**
 * Fails RUNNING runs that no worker holds: for each, try the run's advisory lock (leases.ts); got it means the
 * worker's session is gone. Then a guarded RUNNING -> FAILED, the final status event, and the lock is released.
 * Every process runs this every few seconds; the lock and the guard make concurrent reapers harmless.
 */
export async function reapLostRuns(store: Pick<Store, 'pool' | 'runs' | 'events'>, logger: EngineLogger): Promise<string[]> {
  const { rows } = await store.pool.query<{ id: string }>(`SELECT id FROM runs WHERE status = 'RUNNING' ORDER BY created_at LIMIT 100`);
  if (rows.length === 0) return [];
  const reaped: string[] = [];
  const client = await store.pool.connect();
  try {
    for (const { id } of rows) {
      const { rows: lock } = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${LEASE_KEY_SQL}) AS got`, [id]);
      if (!lock[0]!.got) continue; // a live worker holds it
      try {
        const failed = await store.runs.fail(id, WORKER_LOST_ERROR);
        if (failed.updated) {
          await appendRunEvent(store, id, statusEvent('FAILED', { error: WORKER_LOST_ERROR }));
          logger.warn({ runId: id }, 'run reaped: its worker is gone');
          reaped.push(id);
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LEASE_KEY_SQL})`, [id]);
      }
    }
  } finally {
    client.release();
  }
  return reaped;
}

/** How old a QUEUED run without a live job must be before it is queued again. */
export const ORPHAN_GRACE_SECONDS = 10;

/**
 * Queues again every QUEUED run older than ORPHAN_GRACE_SECONDS that has no pending pg-boss job and no job a worker
 * took in the last 3 × ORPHAN_GRACE_SECONDS (a worker starts the run milliseconds after taking its job): the
 * process that stored it died before queuing it, the worker that took the job died before starting it, or the
 * job ended without running it. A duplicate job is
 * harmless: the guarded start lets only one worker run a run.
 */
export async function requeueOrphans(
  store: Pick<Store, 'pool'>,
  send: (runId: string) => Promise<unknown>,
  logger: EngineLogger,
  queue: string,
): Promise<string[]> {
  const { rows } = await store.pool.query<{ id: string }>(
    `SELECT r.id FROM runs r
     WHERE r.status = 'QUEUED' AND r.created_at < now() - make_interval(secs => $2)
       AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $1 AND j.singleton_key = r.id::text
                       AND (j.state IN ('created', 'retry') OR (j.state = 'active' AND j.started_on > now() - make_interval(secs => 3 * $2))))
     ORDER BY r.created_at LIMIT 100`,
    [queue, ORPHAN_GRACE_SECONDS],
  );
  for (const { id } of rows) {
    await send(id);
    logger.warn({ runId: id }, 'queued run had no job: queued again');
  }
  return rows.map((r) => r.id);
}
