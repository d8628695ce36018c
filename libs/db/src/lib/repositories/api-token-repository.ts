import { createHash } from 'node:crypto';
import type { ApiTokenRole, PrismaClient } from '../../generated/prisma/client.js';
import { isUuid } from './ids.js';

export type { ApiTokenRole };
export const API_TOKEN_ROLES: readonly ApiTokenRole[] = ['READER', 'SUBMITTER', 'ADMIN'];

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: ApiTokenRole;
  /**
   * A hash of the token; the token itself is never stored. SHA-256 (hex) for generated tokens, a salted hash
   * beginning with SALTED_HASH_PREFIX ("$scrypt$...") for tokens an operator chose.
   */
  tokenHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Refused from this time on; null: never expires. */
  expiresAt: Date | null;
}

/** What a new token row holds besides its hash. */
export interface NewApiToken {
  name: string;
  role: ApiTokenRole;
  /** Default: never expires. */
  expiresAt?: Date | null;
}

/** Salted token hashes (PHC strings of scrypt) begin with this; a SHA-256 in hex never does. */
export const SALTED_HASH_PREFIX = '$scrypt$';

/** The advisory lock key under which the first token is created (any fixed number no other lock of ours uses). */
const FIRST_TOKEN_LOCK_KEY = 0x6873_746b; // "hstk"

/** The stored form of an API token: SHA-256, hex. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * API tokens, stored as hashes only. Revoked and expired tokens are kept (and found): the API decides what they may
 * do. A SHA-256 is found by equality (findByTokenHash); a salted hash cannot be, so those are read as a list
 * (listSalted) and checked one by one by the caller; there are few (one per admin token an operator chose).
 */
export class ApiTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a token given in clear (hashing it with SHA-256) or already hashed (`tokenHash`). */
  async create(input: NewApiToken & ({ token: string } | { tokenHash: string })): Promise<ApiTokenRecord> {
    const tokenHash = 'token' in input ? hashApiToken(input.token) : input.tokenHash;
    return this.prisma.apiToken.create({ data: { name: input.name, role: input.role, tokenHash, expiresAt: input.expiresAt ?? null } });
  }

  /**
   * Stores the token only when no token exists at all, and says whether it did. Servers starting at the same
   * moment on an empty table all call this: a transaction-scoped advisory lock serialises them, so exactly one
   * first token is created (a plain count-then-insert would let each of them create and print its own).
   */
  async createFirst(input: NewApiToken & { tokenHash: string }): Promise<ApiTokenRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_TOKEN_LOCK_KEY})`;
      if ((await tx.apiToken.count()) > 0) return null;
      return tx.apiToken.create({ data: { name: input.name, role: input.role, tokenHash: input.tokenHash, expiresAt: input.expiresAt ?? null } });
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

  /** Every token stored with a salted hash (revoked and expired ones too), oldest first. */
  listSalted(): Promise<ApiTokenRecord[]> {
    return this.prisma.apiToken.findMany({ where: { tokenHash: { startsWith: SALTED_HASH_PREFIX } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /**
   * Replaces a token's hash (a SHA-256 stored by an older release by a salted one), only while it still is `from`:
   * of several servers upgrading the same row at once, one wins. Says whether this call replaced it.
   */
  async replaceTokenHash(id: string, from: string, to: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { count } = await this.prisma.apiToken.updateMany({ where: { id, tokenHash: from }, data: { tokenHash: to } });
    return count > 0;
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
