import type { EngineLogger } from './channels.js';

/** SQLSTATE classes and codes, and driver errors, that mean "the database is not reachable now", not "this is wrong". */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES = /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|ENOENT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery)|Query read timeout/i;

/**
 * The same through Prisma (the store's Prisma reads, e.g. a run's events): its error codes for an unreachable
 * server (P1001), a connect timeout (P1002), a closed connection (P1017) and a pool timeout (P2024), and the
 * driver adapter's kinds it keeps in `meta.driverAdapterError.cause` ("Can't reach database server" carries no
 * SQLSTATE and no socket error code of its own).
 */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Whether an error says the database cannot be reached (a restart, a network cut), so that waiting and retrying is right. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_PRISMA_CODES.has(e.code))) return true;
  if (typeof e.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  // A Prisma error wraps the driver's cause (a SQLSTATE like 57P01, or an adapter kind) in its meta.
  const adapterCause = e.meta?.driverAdapterError?.cause;
  if (adapterCause !== undefined && adapterCause !== error && isDatabaseUnavailable(adapterCause)) return true;
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

/**
 * Runs `work`, and while the database is unavailable retries it (250 ms doubling to 5 s) until `deadline` (a
 * Date.now() time): a worker that finished a run during a database outage keeps its result and writes it once the
 * database is back. Other errors, and the last unavailability after the deadline, are thrown.
 */
export async function whileDatabaseIsDown<T>(work: () => Promise<T>, options: { deadline: number; logger: EngineLogger; what: string }): Promise<T> {
  let wait = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + wait > options.deadline) throw error;
      if (attempt === 1) options.logger.warn({ err: error }, `database unavailable while ${options.what}: retrying`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, LONGEST_RETRY_MS);
    }
  }
}
