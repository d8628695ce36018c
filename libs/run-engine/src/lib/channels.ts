/** PostgreSQL NOTIFY channels shared by every API and worker process on one database. */
export const CHANNELS = {
  /** A scheduler plugin was registered, enabled or disabled: payload `{"name": "..."}`. */
  plugins: 'hetsched_plugins',
  /** A run event was stored: payload EventNotification (JSON, always < 8,000 bytes). */
  runEvents: 'hetsched_run_events',
  /** A run was cancelled: payload `{"runId": "..."}`; the worker holding it aborts the plugin. */
  cancel: 'hetsched_run_cancel',
  /** Runs were queued (sent on commit of the transaction that stored them): idle workers claim at once. */
  queued: 'hetsched_runs_queued',
} as const;

export const FINAL_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RunStatusName = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export function isFinalStatus(status: unknown): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}

/** The smallest logger the engine needs; pino's Logger fits. */
export interface EngineLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
