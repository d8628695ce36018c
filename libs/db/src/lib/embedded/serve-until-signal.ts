import type { ResolvedDatabase } from './resolve-database.js';

/** The few logger calls the shutdown needs (pino's shape). */
export interface ShutdownLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ServeUntilSignalOptions<T extends { close(): Promise<void> }> {
  logger: ShutdownLogger;
  /** Logged when the first SIGTERM/SIGINT arrives, e.g. what happens to work in flight. */
  stoppingMessage: string;
  /** Starts the service on `database`. */
  start(): Promise<T>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** How long a closed service may take to end by itself. */
const LINGER_MS = 5_000;

/**
 * A server process's lifecycle on a resolved database (the API and the worker share it): the first SIGTERM or SIGINT
 * closes the service, then the database (an embedded PostgreSQL stops with it), and sets the exit code; a second
 * signal exits at once (the operator does not want to wait). The handlers are installed before the service starts,
 * so a signal during start-up stops cleanly too; a failed start stops the database and rethrows. Resolves to the
 * service, or to undefined when a signal came while it was starting (it has been closed then).
 */
export async function serveUntilSignal<T extends { close(): Promise<void> }>(
  database: ResolvedDatabase,
  options: ServeUntilSignalOptions<T>,
): Promise<T | undefined> {
  const { logger } = options;
  let service: T | undefined;
  let stopping = false;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, options.stoppingMessage);
      void (async () => {
        try {
          await service?.close();
          await database.stop();
          process.exitCode = 0;
        } catch (error) {
          logger.error({ err: error }, 'error while shutting down');
          process.exitCode = 1;
        }
        // Everything is closed, so the process should end by itself now. If something forgotten still holds the
        // event loop (a timer, a socket, a thread), say what and end anyway: an orchestrator waiting for the exit
        // would otherwise wait for its own kill timeout.
        setTimeout(() => {
          logger.warn({ resources: process.getActiveResourcesInfo() }, 'still running after shutdown: exiting');
          process.exit();
        }, LINGER_MS).unref();
      })();
    });
  }
  try {
    service = await options.start();
  } catch (error) {
    await database.stop();
    throw error;
  }
  if (stopping) {
    // The signal came while the service was starting: the handler missed it, so close it here.
    await service.close();
    return undefined;
  }
  return service;
}
