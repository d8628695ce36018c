import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Applies `prisma/migrations/<name>/migration.sql` files in name order, each in its own transaction, and records
 * them in Prisma's `_prisma_migrations` table exactly as `prisma migrate deploy` does, so both tools can manage the
 * same database. It takes the same advisory lock as Prisma Migrate (72707369), so servers that start at once (and a
 * concurrent `prisma migrate deploy`) apply each migration exactly once.
 *
 * Refuses to run (MigrationError) when an applied migration's file has changed (checksum), when the database holds a
 * failed migration, or when it has applied a migration this code does not know (a newer release ran against it).
 */

/** Prisma Migrate's advisory lock key: holding the same lock excludes `prisma migrate deploy` too. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface MigrationFile {
  /** Directory name, e.g. `20251121082152_init`. */
  name: string;
  sql: string;
  /** SHA-256 (hex) of the file's bytes, as Prisma computes it. */
  checksum: string;
  /** The checksum of the file with CRLF line ends turned to LF (a Windows checkout of the same file). */
  lfChecksum: string;
}

export interface MigrateOptions {
  /** Default: the repository's `prisma/migrations` (or `HETSCHED_MIGRATIONS_DIR`). */
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied. */
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function defaultMigrationsDir(): string {
  const fromEnv = process.env['HETSCHED_MIGRATIONS_DIR'];
  if (fromEnv) return fromEnv;
  // src/lib/migrations or dist/lib/migrations -> the repository root's prisma/migrations
  return fileURLToPath(new URL('../../../../../prisma/migrations/', import.meta.url));
}

export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  if (!existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql`);
      const bytes = await readFile(file);
      const sql = bytes.toString('utf8');
      return { name, sql, checksum: sha256(bytes), lfChecksum: sha256(Buffer.from(sql.replace(/\r\n/g, '\n'), 'utf8')) };
    }),
  );
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Prisma's own definition of its bookkeeping table. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Applies the pending migrations; see the file comment. Returns what it applied. */
export async function migrateDatabase(connectionString: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.migrationsDir);
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await migrateLocked(client, migrations, log);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function migrateLocked(client: pg.Client, migrations: MigrationFile[], log: (message: string) => void): Promise<MigrateResult> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<MigrationRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name',
  );
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.filter((r) => r.finished_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `the database has failed migrations (${failed.map((r) => r.migration_name).join(', ')}); resolve them first ` +
        '(e.g. `prisma migrate resolve --rolled-back <name>`, or mark the row rolled back)',
    );
  }
  const local = new Map(migrations.map((m) => [m.name, m]));
  const applied = new Set<string>();
  for (const row of live) {
    const migration = local.get(row.migration_name);
    if (!migration) {
      throw new MigrationError(`the database has migration ${row.migration_name}, which is not in this release's migrations folder`);
    }
    if (row.checksum !== migration.checksum && row.checksum !== migration.lfChecksum) {
      throw new MigrationError(
        `migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the database, ` +
          `${migration.checksum} on disk); add a new migration instead of editing an applied one`,
      );
    }
    applied.add(row.migration_name);
  }

  const result: MigrateResult = { applied: [], alreadyApplied: [...applied] };
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    log(`applying migration ${migration.name}`);
    const id = randomUUID();
    const startedAt = new Date();
    try {
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
        [id, migration.checksum, migration.name, startedAt],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // The transaction undid the migration, so it is recorded as rolled back: visible, but not blocking a retry.
      await client
        .query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, NULL, $3, $4, now(), $5, 0)`,
          [id, migration.checksum, migration.name, String((error as Error).message ?? error), startedAt],
        )
        .catch(() => undefined);
      throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
    }
    result.applied.push(migration.name);
  }
  return result;
}
