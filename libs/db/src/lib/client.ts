import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { connectionSettings } from './timeouts.js';

export { PrismaClient };

export interface CreatePrismaClientOptions {
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** More node-postgres pool settings (timeouts, ssl...). */
  pool?: Omit<pg.PoolConfig, 'connectionString'>;
}

const pools = new WeakMap<object, pg.Pool>();

/**
 * A Prisma client on PostgreSQL through `@prisma/adapter-pg` (no native engine). The client owns a node-postgres
 * pool, which the repositories also use for the few statements where raw `pg` is measurably faster (binary blob
 * reads and writes); `$disconnect()` closes it.
 */
export function createPrismaClient(connectionString: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  // allowExitOnIdle: idle connections do not keep a finished script alive (a server stays up for its own reasons).
  // Every connection has the store's timeouts (timeouts.ts): no call waits forever.
  const pool = new pg.Pool({ max: options.max ?? 10, allowExitOnIdle: true, ...connectionSettings(), ...options.pool, connectionString });
  // An idle connection that breaks (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(prisma, pool);
  return prisma;
}

/** The node-postgres pool behind a client made by createPrismaClient (undefined for other clients). */
export function poolOf(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma);
}
