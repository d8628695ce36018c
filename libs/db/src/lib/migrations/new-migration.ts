import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { defaultMigrationsDir, migrateDatabase } from './migrate.js';
import { defaultSchemaPath, diffDatabaseToSchema } from './schema-engine.js';

export interface NewMigrationOptions {
  migrationsDir?: string;
  schemaPath?: string;
  /** Default: now. */
  now?: Date;
}

/**
 * Writes `prisma/migrations/<UTC timestamp>_<name>/migration.sql` with the SQL that takes a database migrated with
 * the existing migrations to prisma/schema.prisma (what `prisma migrate dev --create-only` does, without the native
 * engine): applies the migrations to a throw-away embedded server and diffs it with the wasm schema engine.
 * Returns the new folder, or null when the schema needs no migration.
 */
export async function createMigration(name: string, options: NewMigrationOptions = {}): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration names are lower-case words joined by "_", got "${name}"`);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const dir = await mkdtemp(join(tmpdir(), 'hetsched-migration-'));
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: 0, ephemeral: true, database: 'draft' });
  try {
    await migrateDatabase(server.connectionString, { migrationsDir });
    const sql = await diffDatabaseToSchema(server.connectionString, options.schemaPath ?? defaultSchemaPath());
    if (sql === null) return null;
    const stamp = (options.now ?? new Date()).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const folder = join(migrationsDir, `${stamp}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
    return folder;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
