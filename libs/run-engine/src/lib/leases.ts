import { connectionSettings } from '@hetsched/db';
import pg from 'pg';
import type { EngineLogger } from './channels.js';

/**
 * Liveness of running runs without heartbeats to write: a worker holds a PostgreSQL session advisory lock per run
 * on one dedicated connection, taken BEFORE the run becomes RUNNING and released after its final write. When the
 * worker process dies (SIGKILL, crash, power) or its connection breaks, PostgreSQL drops the session and its locks
 * at once, and the reaper (any process) can take the lock: a RUNNING run whose lock is free has no worker.
 */
export const LEASE_KEY_SQL = `hashtextextended('hetsched-run:' || $1, 0)`;

export class LeaseHolder {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly logger: EngineLogger,
    /** Called when the connection (and every lease on it) is lost. */
    private readonly onLost: () => void,
  ) {}

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ ...connectionSettings(undefined, { statementTimeout: false }), connectionString: this.connectionString });
      const lost = (error?: Error) => {
        if (this.client !== client) return;
        this.client = undefined;
        this.logger.error({ err: error }, 'lease connection lost: the runs of this worker are aborted (the reaper fails them)');
        client.end().catch(() => undefined);
        this.onLost();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async acquire(runId: string): Promise<boolean> {
    const client = await this.connection();
    const { rows } = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${LEASE_KEY_SQL}) AS got`, [runId]);
    return rows[0]!.got;
  }

  async release(runId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.query(`SELECT pg_advisory_unlock(${LEASE_KEY_SQL})`, [runId]).catch(() => undefined);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
