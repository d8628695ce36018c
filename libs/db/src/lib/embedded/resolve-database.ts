import { join } from 'node:path';
import { migrateDatabase, type MigrateOptions, type MigrateResult } from '../migrations/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';

export interface ResolveDatabaseOptions {
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  migrateOptions?: MigrateOptions;
  /** Options for the embedded server; its dataDir defaults to `$HETSCHED_DATA_DIR/postgres` (`.hetsched/postgres`). */
  embedded?: EmbeddedPostgresOptions;
  log?: (message: string) => void;
  /**
   * The embedded-postgres package hooks SIGINT/SIGTERM to stop its servers and exit at once. A server process
   * that shuts down gracefully (finish requests or runs, then stop the database) passes `false`: the hooks added
   * while starting are removed again and its own handlers call `stop()`. Default true (tests, scripts).
   */
  keepSignalHandlers?: boolean;
  /**
   * Called once, as soon as the database is on its way: at once with DATABASE_URL, else when the embedded server's
   * initdb (new folder) or process is about to start, or a running one is found: before it is ready and migrated. What a caller starts here (loading
   * its own modules) overlaps the server's start-up.
   */
  onStarting?: () => void;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface ResolvedDatabase {
  connectionString: string;
  /** The embedded server, when DATABASE_URL was not set. */
  embedded: EmbeddedPostgres | null;
  migrations: MigrateResult | null;
  /** Stops the embedded server (if this process started it); a no-op with DATABASE_URL. */
  stop(): Promise<void>;
}

/**
 * The database a hetsched process uses: `DATABASE_URL` when it is set, else an embedded PostgreSQL whose data lives
 * in `$HETSCHED_DATA_DIR/postgres` (default `.hetsched/postgres`), started on demand. Then applies pending
 * migrations. Call `stop()` on shutdown; embedded-postgres also stops its server when the process exits or gets
 * SIGINT/SIGTERM.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions = {}): Promise<ResolvedDatabase> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  let embedded: EmbeddedPostgres | null = null;
  let connectionString = env['DATABASE_URL'];
  if (connectionString) {
    options.onStarting?.();
  } else {
    const dataDir = options.embedded?.dataDir ?? join(env['HETSCHED_DATA_DIR'] || '.hetsched', 'postgres');
    const onStarting = chain(options.embedded?.onStarting, options.onStarting);
    const start = () => startEmbeddedPostgres({ ...options.embedded, dataDir, ...(onStarting ? { onStarting } : {}) });
    embedded = options.keepSignalHandlers === false ? await withoutNewSignalHandlers(start) : await start();
    connectionString = embedded.connectionString;
    log(`embedded PostgreSQL on port ${embedded.port} (data in ${embedded.dataDir}${embedded.owned ? '' : ', already running'})`);
  }
  let migrations: MigrateResult | null = null;
  try {
    if (options.migrate !== false) {
      migrations = await migrateDatabase(connectionString, { log, ...options.migrateOptions });
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const server = embedded;
  return {
    connectionString,
    embedded,
    migrations,
    stop: async () => {
      await server?.stop();
    },
  };
}

function chain(first: (() => void) | undefined, second: (() => void) | undefined): (() => void) | undefined {
  if (!first || !second) return first ?? second;
  return () => {
    first();
    second();
  };
}

/** Runs `start` and removes the SIGINT/SIGTERM listeners it added (only those: nobody else's). */
async function withoutNewSignalHandlers<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await start();
  } finally {
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
}
