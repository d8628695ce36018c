import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createPrismaClient, poolOf } from './client.js';
import { connectionSettings, databaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from './timeouts.js';

describe('database timeouts', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reads the environment and refuses a malformed value', () => {
    expect(databaseTimeouts({})).toEqual(DEFAULT_DATABASE_TIMEOUTS);
    expect(databaseTimeouts({ HETSCHED_DB_STATEMENT_TIMEOUT_MS: '1500' }).statementMs).toBe(1500);
    expect(() => databaseTimeouts({ HETSCHED_DB_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/HETSCHED_DB_CONNECT_TIMEOUT_MS must be a positive number/);
    expect(connectionSettings(DEFAULT_DATABASE_TIMEOUTS, { statementTimeout: false })).not.toHaveProperty('statement_timeout');
  });

  it('cuts a statement that runs past the statement timeout', async () => {
    const prisma = createPrismaClient(db.connectionString, { pool: connectionSettings({ ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 300 }) });
    try {
      await expect(poolOf(prisma)!.query('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
      expect((await poolOf(prisma)!.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    } finally {
      await prisma.$disconnect();
    }
  });

  it('gives up waiting for a connection of an exhausted pool instead of waiting forever', async () => {
    const prisma = createPrismaClient(db.connectionString, { max: 1, pool: connectionSettings({ ...DEFAULT_DATABASE_TIMEOUTS, connectMs: 300 }) });
    const pool = poolOf(prisma)!;
    const held = await pool.connect();
    try {
      await expect(pool.query('SELECT 1')).rejects.toThrow(/timeout/i);
    } finally {
      held.release();
      await prisma.$disconnect();
    }
  });

  it('ends a transaction left idle past the idle-in-transaction timeout', async () => {
    const prisma = createPrismaClient(db.connectionString, { pool: connectionSettings({ ...DEFAULT_DATABASE_TIMEOUTS, idleInTransactionMs: 300 }) });
    const client = await poolOf(prisma)!.connect();
    client.on('error', () => undefined);
    try {
      await client.query('BEGIN');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await expect(client.query('SELECT 1')).rejects.toThrow(/idle-in-transaction timeout|terminating connection|Connection terminated|connection error/);
    } finally {
      client.release(true);
      await prisma.$disconnect();
    }
  });
});
