import type pg from 'pg';
import { poolOf, type PrismaClient } from '../client.js';

/** What a repository works with: the Prisma client, and the node-postgres pool behind it for raw statements. */
export interface StoreContext {
  prisma: PrismaClient;
  pool: pg.Pool;
}

export function storeContext(prisma: PrismaClient, pool?: pg.Pool): StoreContext {
  const resolved = pool ?? poolOf(prisma);
  if (!resolved) {
    throw new TypeError('the Prisma client must come from createPrismaClient() (the store also uses its pg pool), or pass the pool');
  }
  return { prisma, pool: resolved };
}

/** Something that runs a statement: the pool, or one connection (inside a transaction). */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Runs `work` in a transaction on one pooled connection (COMMIT, or ROLLBACK when it throws). */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function withConnection<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/** A PostgreSQL unique violation (optionally of one constraint). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** A SQL string literal (for COPY, which takes no parameters). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
