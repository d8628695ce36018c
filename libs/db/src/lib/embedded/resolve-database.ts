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
}

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
  if (!connectionString) {
    const dataDir = options.embedded?.dataDir ?? join(env['HETSCHED_DATA_DIR'] || '.hetsched', 'postgres');
    embedded = await startEmbeddedPostgres({ ...options.embedded, dataDir });
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
