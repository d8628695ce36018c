import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { defaultMigrationsDir, migrateDatabase, MigrationError, readMigrations } from './migrate.js';
import { diffDatabaseToSchema } from './schema-engine.js';

async function query<T extends pg.QueryResultRow>(connectionString: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const appliedRows = (url: string) =>
  query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number; logs: string | null }>(
    url,
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY started_at',
  );

describe('migrateDatabase', () => {
  const databases: TestDatabase[] = [];
  let migrationsDir: string;
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'hetsched-migrations-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((db) => db.drop()));
  });

  /** An empty database (not migrated) and a private copy of the migrations folder. */
  async function emptyDatabase(): Promise<TestDatabase> {
    const db = await createTestDatabase({ migrate: false });
    databases.push(db);
    migrationsDir = join(scratch, db.name);
    await cp(defaultMigrationsDir(), migrationsDir, { recursive: true });
    return db;
  }

  it('applies every migration once, recorded like Prisma, and a second run is a no-op', async () => {
    const db = await emptyDatabase();
    const migrations = await readMigrations(migrationsDir);
    expect(migrations.length).toBeGreaterThan(0);

    const first = await migrateDatabase(db.connectionString, { migrationsDir });
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    expect(first.alreadyApplied).toEqual([]);

    const rows = await appliedRows(db.connectionString);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    const second = await migrateDatabase(db.connectionString, { migrationsDir });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(migrations.map((m) => m.name));
    expect(await appliedRows(db.connectionString)).toHaveLength(rows.length);
  });

  it('applies each migration exactly once when several servers migrate at the same time', async () => {
    const db = await emptyDatabase();
    // A second migration, so that the race covers more than the first CREATE.
    await mkdir(join(migrationsDir, '99990101000000_extra'));
    await writeFile(join(migrationsDir, '99990101000000_extra', 'migration.sql'), 'CREATE TABLE "extra" ("id" INTEGER PRIMARY KEY);\n');

    const results = await Promise.all(Array.from({ length: 6 }, () => migrateDatabase(db.connectionString, { migrationsDir })));
    const names = (await readMigrations(migrationsDir)).map((m) => m.name);
    // Exactly one caller applied everything; the others found it done.
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    const rows = await appliedRows(db.connectionString);
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const db = await emptyDatabase();
    await migrateDatabase(db.connectionString, { migrationsDir });
    const [first] = await readMigrations(migrationsDir);
    const file = join(migrationsDir, first!.name, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited\n`);
    await expect(migrateDatabase(db.connectionString, { migrationsDir })).rejects.toThrow(MigrationError);
    await expect(migrateDatabase(db.connectionString, { migrationsDir })).rejects.toThrow(/was modified after it was applied/);
  });

  it('accepts the same file checked out with CRLF line ends', async () => {
    const db = await emptyDatabase();
    await migrateDatabase(db.connectionString, { migrationsDir });
    for (const m of await readMigrations(migrationsDir)) {
      const file = join(migrationsDir, m.name, 'migration.sql');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    }
    await expect(migrateDatabase(db.connectionString, { migrationsDir })).resolves.toMatchObject({ applied: [] });
  });

  it('rolls a failing migration back, records it as rolled back, and applies it once fixed', async () => {
    const db = await emptyDatabase();
    await migrateDatabase(db.connectionString, { migrationsDir });
    const folder = join(migrationsDir, '99990101000000_broken');
    await mkdir(folder);
    await writeFile(join(folder, 'migration.sql'), 'CREATE TABLE "half" ("id" INTEGER);\nSELECT no_such_function();\n');
    await expect(migrateDatabase(db.connectionString, { migrationsDir })).rejects.toThrow(/99990101000000_broken failed/);
    // Nothing of it stayed (the table was rolled back), and the attempt is recorded, not blocking.
    expect(await query(db.connectionString, `SELECT to_regclass('public.half') AS t`)).toEqual([{ t: null }]);
    const broken = (await appliedRows(db.connectionString)).filter((r) => r.migration_name === '99990101000000_broken');
    expect(broken).toHaveLength(1);
    expect(broken[0]!.rolled_back_at).toBeInstanceOf(Date);
    expect(broken[0]!.logs).toMatch(/no_such_function/);

    await writeFile(join(folder, 'migration.sql'), 'CREATE TABLE "half" ("id" INTEGER);\n');
    const fixed = await migrateDatabase(db.connectionString, { migrationsDir });
    expect(fixed.applied).toEqual(['99990101000000_broken']);
  });

  it('refuses a database that holds a failed migration or one this release does not know', async () => {
    const db = await emptyDatabase();
    await migrateDatabase(db.connectionString, { migrationsDir });
    await query(
      db.connectionString,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('x', 'c', '99990101000000_from_the_future', now())`,
    );
    await expect(migrateDatabase(db.connectionString, { migrationsDir })).rejects.toThrow(/failed migrations \(99990101000000_from_the_future\)/);
    await query(db.connectionString, `UPDATE "_prisma_migrations" SET finished_at = now() WHERE id = 'x'`);
    await expect(migrateDatabase(db.connectionString, { migrationsDir })).rejects.toThrow(/not in this release/);
  });

  it('produces exactly prisma/schema.prisma: the schema engine finds nothing to change', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    expect(await diffDatabaseToSchema(db.connectionString)).toBeNull();
    // ...and it does notice a difference.
    await query(db.connectionString, 'DROP INDEX "runs_makespan_id_idx"');
    expect(await diffDatabaseToSchema(db.connectionString)).toMatch(/CREATE INDEX "runs_makespan_id_idx"/);
  });

  it('stores encoded documents uncompressed and out of line', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const rows = await query<{ table: string; storage: string }>(
      db.connectionString,
      `SELECT c.relname AS table, a.attstorage AS storage FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE a.attname = 'data' AND c.relname IN ('workflow_contents', 'cluster_contents', 'run_assignments') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: 'cluster_contents', storage: 'e' },
      { table: 'run_assignments', storage: 'e' },
      { table: 'workflow_contents', storage: 'e' },
    ]);
  });
});
