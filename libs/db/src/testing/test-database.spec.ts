import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_SERVER_ENV, testServerUrl } from './test-database.js';

async function databases(adminUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('uses the server of the run (global setup) unless DATABASE_URL is set', async () => {
    if (!process.env['DATABASE_URL']) expect(process.env[TEST_SERVER_ENV]).toBeTruthy();
    expect(await testServerUrl()).toBe(process.env['DATABASE_URL'] ?? process.env[TEST_SERVER_ENV]);
  });

  it('makes fresh, migrated, uniquely named databases and drops them', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      expect(a.name).toMatch(/^hetsched_test_/);
      expect(await a.prisma.workflow.count()).toBe(0);
      await b.prisma.workflow.create({ data: { contentHash: 'h', taskCount: 0, edgeCount: 0, tags: [] } });
      expect(await a.prisma.workflow.count()).toBe(0);
      expect(await b.prisma.workflow.count()).toBe(1);
    } finally {
      await a.drop();
      await b.drop();
    }
    const names = await databases(await testServerUrl());
    expect(names).not.toContain(a.name);
    expect(names).not.toContain(b.name);
    await a.drop(); // twice is fine
  });

  it('can leave the database unmigrated', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      await expect(db.prisma.workflow.count()).rejects.toThrow();
    } finally {
      await db.drop();
    }
  });
});
