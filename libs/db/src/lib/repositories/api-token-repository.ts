import { createHash } from 'node:crypto';
import type { ApiTokenRole, PrismaClient } from '../../generated/prisma/client.js';
import { isUuid } from './ids.js';

export type { ApiTokenRole };
export const API_TOKEN_ROLES: readonly ApiTokenRole[] = ['READER', 'SUBMITTER', 'ADMIN'];

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: ApiTokenRole;
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  tokenHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The advisory lock key under which the first token is created (any fixed number no other lock of ours uses). */
const FIRST_TOKEN_LOCK_KEY = 0x6873_746b; // "hstk"

/** The stored form of an API token: SHA-256, hex. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** API tokens, stored as SHA-256 hashes only. Revoked tokens are kept (and found): the API decides what they may do. */
export class ApiTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a token given in clear (hashing it) or already hashed (`tokenHash`). */
  async create(input: { name: string; role: ApiTokenRole } & ({ token: string } | { tokenHash: string })): Promise<ApiTokenRecord> {
    const tokenHash = 'token' in input ? hashApiToken(input.token) : input.tokenHash;
    return this.prisma.apiToken.create({ data: { name: input.name, role: input.role, tokenHash } });
  }

  /**
   * Stores the token only when no token exists at all, and says whether it did. Servers starting at the same
   * moment on an empty table all call this: a transaction-scoped advisory lock serialises them, so exactly one
   * first token is created (a plain count-then-insert would let each of them create and print its own).
   */
  async createFirst(input: { name: string; role: ApiTokenRole; tokenHash: string }): Promise<ApiTokenRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_TOKEN_LOCK_KEY})`;
      if ((await tx.apiToken.count()) > 0) return null;
      return tx.apiToken.create({ data: input });
    });
  }

  findByTokenHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    return this.prisma.apiToken.findUnique({ where: { tokenHash } });
  }

  findByToken(token: string): Promise<ApiTokenRecord | null> {
    return this.findByTokenHash(hashApiToken(token));
  }

  async findById(id: string): Promise<ApiTokenRecord | null> {
    if (!isUuid(id)) return null;
    return this.prisma.apiToken.findUnique({ where: { id } });
  }

  list(): Promise<ApiTokenRecord[]> {
    return this.prisma.apiToken.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Records a use of the token (default: now). */
  async touchLastUsed(id: string, at: Date = new Date()): Promise<void> {
    if (!isUuid(id)) return;
    await this.prisma.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }

  /** Marks the token revoked (once: a second call keeps the first time); null when there is none. */
  async revoke(id: string, at: Date = new Date()): Promise<ApiTokenRecord | null> {
    if (!isUuid(id)) return null;
    await this.prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { count } = await this.prisma.apiToken.deleteMany({ where: { id } });
    return count > 0;
  }
}
