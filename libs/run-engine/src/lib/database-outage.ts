import type { EngineLogger } from './channels.js';

/** SQLSTATE classes and codes, and driver errors, that mean "the database is not reachable now", not "this is wrong". */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES = /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|ENOENT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery)|Query read timeout/i;

/** Whether an error says the database cannot be reached (a restart, a network cut), so that waiting and retrying is right. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
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
