import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ApiTokenRole, PrismaClient } from '../../generated/prisma/client.js';
import { inTransaction } from './context.js';
import { isUuid, uuidv7 } from './ids.js';

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

/** A token row as ApiTokenRecord, for the statements below. */
const TOKEN_COLUMNS = `id, name, role, token_hash AS "tokenHash", created_at AS "createdAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt", expires_at AS "expiresAt"`;
const FIND_BY_HASH = `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1`;
const LIST_SALTED = `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE starts_with(token_hash, $1) ORDER BY created_at, id`;
const INSERT = `
INSERT INTO api_tokens (id, name, role, token_hash, expires_at) VALUES ($1, $2, $3::api_token_role, $4, $5)
RETURNING ${TOKEN_COLUMNS}`;
const INSERT_FIRST = `
INSERT INTO api_tokens (id, name, role, token_hash, expires_at)
SELECT $1, $2, $3::api_token_role, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM api_tokens)
RETURNING ${TOKEN_COLUMNS}`;

/**
 * API tokens, stored as hashes only. Revoked and expired tokens are kept (and found): the API decides what they may
 * do. A SHA-256 is found by equality (findByTokenHash); a salted hash cannot be, so those are read as a list
 * (listSalted) and checked one by one by the caller; there are few (one per admin token an operator chose).
 *
 * What a server does at start-up and on every request (the first or the chosen admin token, the lookups by hash) is
 * plain SQL on the pool: a Prisma query is compiled by its WebAssembly query compiler on first use, which at start-up
 * cost a third of a second of the main thread before /readyz could answer.
 */
export class ApiTokenRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
  ) {}

  /** Stores a token given in clear (hashing it with SHA-256) or already hashed (`tokenHash`). */
  async create(input: NewApiToken & ({ token: string } | { tokenHash: string })): Promise<ApiTokenRecord> {
    const tokenHash = 'token' in input ? hashApiToken(input.token) : input.tokenHash;
    const { rows } = await this.pool.query<ApiTokenRecord>(INSERT, [uuidv7(), input.name, input.role, tokenHash, input.expiresAt ?? null]);
    return rows[0]!;
  }

  /**
   * Stores the token only when no token exists at all, and says whether it did. Servers starting at the same
   * moment on an empty table all call this: a transaction-scoped advisory lock serialises them, so exactly one
   * first token is created (a plain count-then-insert would let each of them create and print its own).
   */
  async createFirst(input: NewApiToken & { tokenHash: string }): Promise<ApiTokenRecord | null> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_TOKEN_LOCK_KEY]);
      const { rows } = await client.query<ApiTokenRecord>(INSERT_FIRST, [uuidv7(), input.name, input.role, input.tokenHash, input.expiresAt ?? null]);
      return rows[0] ?? null;
    });
  }

  async findByTokenHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const { rows } = await this.pool.query<ApiTokenRecord>({ name: 'api_tokens_by_hash', text: FIND_BY_HASH, values: [tokenHash] });
    return rows[0] ?? null;
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
  async listSalted(): Promise<ApiTokenRecord[]> {
    return (await this.pool.query<ApiTokenRecord>({ name: 'api_tokens_salted', text: LIST_SALTED, values: [SALTED_HASH_PREFIX] })).rows;
  }

  /**
   * Replaces a token's hash (a SHA-256 stored by an older release by a salted one), only while it still is `from`:
   * of several servers upgrading the same row at once, one wins. Says whether this call replaced it.
   */
  async replaceTokenHash(id: string, from: string, to: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { rowCount } = await this.pool.query('UPDATE api_tokens SET token_hash = $3 WHERE id = $1 AND token_hash = $2', [id, from, to]);
    return (rowCount ?? 0) > 0;
  }

  /** Records a use of the token (default: now). */
  async touchLastUsed(id: string, at: Date = new Date()): Promise<void> {
    if (!isUuid(id)) return;
    await this.pool.query({ name: 'api_tokens_touch', text: 'UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', values: [id, at] });
  }

  /** Marks the token revoked (once: a second call keeps the first time); null when there is none. */
  async revoke(id: string, at: Date = new Date()): Promise<ApiTokenRecord | null> {
    if (!isUuid(id)) return null;
    await this.prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { rowCount } = await this.pool.query('DELETE FROM api_tokens WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }
}
