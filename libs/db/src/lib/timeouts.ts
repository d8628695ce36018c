import type pg from 'pg';

/**
 * Bounds on every database call, so that a stuck server, a half-open socket or an exhausted pool turns into an
 * error instead of a request or a run that waits forever. Each has an environment variable (milliseconds):
 *  - connect, and waiting for a free pooled connection: HETSCHED_DB_CONNECT_TIMEOUT_MS (10 s);
 *  - a statement (server side, statement_timeout): HETSCHED_DB_STATEMENT_TIMEOUT_MS (60 s; the largest store
 *    operation, a 100,000-task workflow, takes about 2 s);
 *  - a transaction left idle (idle_in_transaction_session_timeout): HETSCHED_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS (30 s);
 *  - TCP keep-alive probes from 10 s of silence, so a dead peer is noticed in seconds rather than the OS's 2 hours.
 */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 10_000, statementMs: 60_000, idleInTransactionMs: 30_000 };

/** The timeouts, with the environment's overrides (a malformed value is an error, never silently ignored). */
export function databaseTimeouts(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  const read = (name: string, fallback: number) => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${text}"`);
    return value;
  };
  return {
    connectMs: read('HETSCHED_DB_CONNECT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.connectMs),
    statementMs: read('HETSCHED_DB_STATEMENT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.statementMs),
    idleInTransactionMs: read('HETSCHED_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  };
}

/** Keep-alive probes start after this much silence on a connection. */
const KEEP_ALIVE_DELAY_MS = 10_000;
/** The client gives up on a query this long after the server's own statement timeout should have ended it. */
const CLIENT_TIMEOUT_MARGIN_MS = 5_000;

/**
 * node-postgres settings for a pool or a client with these timeouts. `statementTimeout: false` for a connection
 * that only LISTENs or holds locks (nothing it runs may be cut, and it runs nothing long).
 */
export function connectionSettings(timeouts: DatabaseTimeouts = databaseTimeouts(), options: { statementTimeout?: boolean } = {}): pg.ClientConfig {
  const statement = options.statementTimeout !== false;
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    ...(statement ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + CLIENT_TIMEOUT_MARGIN_MS } : {}),
  };
}
