import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../lib/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../lib/embedded/embedded-postgres.js';
import { migrateDatabase } from '../lib/migrations/migrate.js';

/** Set by the vitest global setup (testing/global-setup.ts): the shared test server's maintenance-database URL. */
export const TEST_SERVER_ENV = 'HETSCHED_TEST_SERVER_URL';

export interface TestDatabase {
  /** Its own database, migrated. */
  connectionString: string;
  /** The database name (`hetsched_test_...`). */
  name: string;
  /** A client on it (createPrismaClient), disconnected by drop(). */
  prisma: PrismaClient;
  /** Disconnects the client and drops the database. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply the migrations (default true). */
  migrate?: boolean;
}

/**
 * A fresh, migrated, uniquely named database on a real PostgreSQL server:
 * - on `DATABASE_URL`'s server when that is set (its user needs CREATEDB);
 * - else on the server the vitest global setup started for this test run (`HETSCHED_TEST_SERVER_URL`);
 * - else on an embedded server this process starts once (in a temp folder) and stops when it exits.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = await testServerUrl();
  const name = `hetsched_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const connectionString = withDatabase(adminUrl, name);
  try {
    if (options.migrate !== false) await migrateDatabase(connectionString);
  } catch (error) {
    await dropDatabase(adminUrl, name);
    throw error;
  }
  const prisma = createPrismaClient(connectionString, { max: 5 });
  let dropped = false;
  return {
    connectionString,
    name,
    prisma,
    async drop() {
      if (dropped) return;
      dropped = true;
      await prisma.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** The maintenance URL of the server test databases are created on (starting the per-process server if needed). */
export async function testServerUrl(): Promise<string> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) return databaseUrl;
  const shared = process.env[TEST_SERVER_ENV];
  if (shared) return shared;
  processServer ??= startProcessServer();
  return (await processServer).adminConnectionString;
}

let processServer: Promise<EmbeddedPostgres> | undefined;

async function startProcessServer(): Promise<EmbeddedPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'hetsched-test-pg-'));
  const server = await startTestServer(dir);
  // embedded-postgres stops its servers when the process exits (SIGINT to postgres); the folder goes with it.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return server;
}

/** A throw-away server for tests: any free port, no fsync. */
export function startTestServer(dataDir: string): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port: 0, ephemeral: true, database: 'hetsched_test' });
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
