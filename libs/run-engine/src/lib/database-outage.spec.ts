import { createServer } from 'node:net';
import { createPrismaClient } from '@hetsched/db';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-outage.js';

/** A TCP port nothing listens on (taken from the system, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The error a call rejects with (fails the test if it resolves). */
async function errorOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

// Real errors from the drivers the store uses, not hand-made shapes: node-postgres directly and Prisma over
// @prisma/adapter-pg (which wraps the driver's error in its own, with a code of its own).
describe('isDatabaseUnavailable', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('recognises an unreachable server through node-postgres and through Prisma', async () => {
    const url = `postgresql://nobody:nothing@127.0.0.1:${await closedPort()}/none`;
    const client = new pg.Client({ connectionString: url });
    const direct = await errorOf(() => client.connect());
    expect(direct).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(direct)).toBe(true);

    const prisma = createPrismaClient(url, { max: 1 });
    try {
      const wrapped = await errorOf(() => prisma.runEvent.findMany({ take: 1 }));
      // Prisma's own code and message: no SQLSTATE, no socket error code at the top.
      expect(wrapped).toMatchObject({ code: 'P1001' });
      expect(isDatabaseUnavailable(wrapped)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('recognises a connection the server terminated under a Prisma query (SQLSTATE 57P01 inside its error)', async () => {
    const prisma = createPrismaClient(db.connectionString, { max: 1 });
    const admin = new pg.Client({ connectionString: db.connectionString });
    await admin.connect();
    try {
      const marker = `outage_probe_${Date.now()}`;
      const sleeping = errorOf(() => prisma.$queryRawUnsafe(`SELECT pg_sleep(30) AS ${marker}`));
      // Terminate that backend as a restarting server (or an operator) would.
      let terminated = false;
      for (let i = 0; i < 200 && !terminated; i++) {
        const { rows } = await admin.query<{ done: boolean }>(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
          [`%${marker}%`],
        );
        terminated = rows.some((row) => row.done);
        if (!terminated) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(terminated).toBe(true);
      expect(isDatabaseUnavailable(await sleeping)).toBe(true);
    } finally {
      await admin.end();
      await prisma.$disconnect();
    }
  });

  it('does not take a wrong query for an outage, through either driver', async () => {
    const client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    const prisma = createPrismaClient(db.connectionString, { max: 1 });
    try {
      const direct = await errorOf(() => client.query('SELECT 1 / 0'));
      expect(direct).toMatchObject({ code: '22012' });
      expect(isDatabaseUnavailable(direct)).toBe(false);
      const wrapped = await errorOf(() => prisma.$queryRawUnsafe('SELECT 1 / 0'));
      expect(isDatabaseUnavailable(wrapped)).toBe(false);
      const invalid = await errorOf(() => prisma.runEvent.findMany({ where: { runId: 'not-a-uuid' } }));
      expect(isDatabaseUnavailable(invalid)).toBe(false);
    } finally {
      await client.end();
      await prisma.$disconnect();
    }
    expect([null, undefined, 'ECONNREFUSED', 42, new TypeError('x is not a function')].map(isDatabaseUnavailable)).toEqual([false, false, false, false, false]);
  });
});
