import { EventEmitter } from 'node:events';
import { connectionSettings } from '@hetsched/db';
import pg from 'pg';
import type { EngineLogger } from './channels.js';

/** How often the LISTEN connection proves it is alive, and how long the proof may take. */
export const LISTENER_HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

/**
 * A dedicated connection that LISTENs on a few channels and reconnects when it breaks (backoff 100 ms doubling up
 * to 5 s). Events: `notification` (channel, payload) and `reconnected` — after a reconnect, notifications sent
 * while it was away are lost, so listeners re-read what they follow from the store. A heartbeat query every
 * LISTENER_HEARTBEAT_MS finds a half-open socket (a peer gone without a FIN) in seconds: a silent LISTEN connection
 * cannot tell "no news" from "dead".
 */
export class PgListener extends EventEmitter {
  private client: pg.Client | undefined;
  private stopped = false;
  private connectedOnce = false;
  private retryMs = 100;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channels: readonly string[],
    private readonly logger: EngineLogger,
    private readonly heartbeatMs = LISTENER_HEARTBEAT_MS,
  ) {
    super();
    this.setMaxListeners(0);
  }

  /** Whether the LISTEN connection is up now (readiness). */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Resolves once listening (the first connection must succeed). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    // Keep-alive probes notice a half-open socket in seconds; nothing it runs may be cut by a statement timeout.
    const client = new pg.Client({ ...connectionSettings(undefined, { statementTimeout: false }), connectionString: this.connectionString });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.emit('notification', message.channel, message.payload ?? ''));
    await client.connect();
    for (const channel of this.channels) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 100;
    this.startHeartbeat(client);
    if (this.connectedOnce) {
      this.logger.info({ channels: this.channels }, 'notification listener reconnected');
      this.emit('reconnected');
    }
    this.connectedOnce = true;
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.logger.warn({ err: error }, 'notification listener lost its connection; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private startHeartbeat(client: pg.Client): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (this.client !== client) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to the listener's heartbeat within ${HEARTBEAT_TIMEOUT_MS} ms`)), HEARTBEAT_TIMEOUT_MS);
      });
      Promise.race([client.query('SELECT 1'), timeout])
        .catch((error: unknown) => this.lost(client, error instanceof Error ? error : new Error(String(error))))
        .finally(() => clearTimeout(timer));
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'notification listener could not reconnect yet');
        this.retryMs = Math.min(this.retryMs * 2, 5_000);
        this.scheduleReconnect();
      });
    }, this.retryMs);
    this.timer.unref();
  }

  /** For tests: drop the connection as a network failure would. */
  breakConnection(): void {
    const client = this.client;
    if (client) this.lost(client, new Error('connection dropped on purpose'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** NOTIFY through any pool or client. */
export async function notify(db: Pick<pg.Pool, 'query'>, channel: string, payload: object | string): Promise<void> {
  // A named prepared statement: parsed and planned once per connection (several NOTIFYs per run).
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  await db.query({ name: 'hetsched_notify', text: 'SELECT pg_notify($1, $2)', values: [channel, text] });
}
