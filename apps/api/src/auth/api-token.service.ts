import { randomBytes } from 'node:crypto';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { TokenRecord, TokenStore } from '../store/api-store.js';
import type { Principal } from '../common/principal.js';
import type { Role } from '../common/role.js';
import { hashChosenToken, hashToken, verifyChosenToken } from './token-hash.js';

export { hashToken } from './token-hash.js';

/** Tokens look like `hs_` + 43 base64url characters (256 random bits): recognisable in a leaked log or config. */
export const TOKEN_PREFIX = 'hs_';
export const MAX_TOKEN_NAME_LENGTH = 100;
/** The longest expiry createApiToken accepts (ten years); no expiry at all is the default. */
export const MAX_EXPIRES_IN_DAYS = 3650;
/** A chosen token (HETSCHED_ADMIN_TOKEN) is at least this long; shorter presented tokens are not checked against them. */
export const MIN_CHOSEN_TOKEN_LENGTH = 16;
export const CHOSEN_ADMIN_TOKEN_NAME = 'admin (HETSCHED_ADMIN_TOKEN)';
const DAY_MS = 86_400_000;
/** A verified token is trusted this long without another database read; revocation takes effect within it. */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;
/** `lastUsedAt` is written at most this often per token: a write per request would double the database load. */
const TOUCH_INTERVAL_MS = 60_000;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export type Authentication = { principal: Principal } | { principal: null; failure?: string };

/**
 * Issues tokens and verifies the ones requests present. Only hashes are stored (token-hash.ts): SHA-256 of
 * generated tokens, salted scrypt of chosen ones; the cache holds SHA-256s, in memory only.
 */
export class ApiTokenService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly touched = new Map<string, number>();
  /** Salted checks run one at a time: each takes 32 MiB and a thread of libuv's pool, which the server shares. */
  private saltedChecks: Promise<unknown> = Promise.resolve();
  /** Lookups under way by hash: requests that arrive together with one token (a cache entry just ended) share one. */
  private readonly lookups = new Map<string, Promise<TokenRecord | undefined>>();

  constructor(
    private readonly store: TokenStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** From an `Authorization` header: a principal, or why there is none (no header: no failure, just anonymous). */
  async authenticate(header: string | undefined): Promise<Authentication> {
    if (header === undefined || header.trim() === '') return { principal: null };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { principal: null, failure: 'the Authorization header must be "Bearer <token>"' };
    const token = match[1]!;
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached && cached.until > this.now()) {
      this.touch(cached.principal.tokenId, this.now());
      return { principal: cached.principal };
    }
    const record = await this.lookup(hash, token);
    if (!record) return { principal: null, failure: 'unknown API token' };
    const now = this.now();
    const refusal = refusalOf(record, now);
    if (refusal) return { principal: null, failure: refusal };
    const principal = this.remember(hash, record, now);
    this.touch(record.id, now);
    return { principal };
  }

  /** A new token, its secret returned this once; it expires `expiresInDays` days from now, or never (the default). */
  async create(name: string, role: Role, expiresInDays?: number | null): Promise<{ token: string; record: TokenRecord }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_TOKEN_NAME_LENGTH) {
      throw new BadUserInputError(`name must have 1 to ${MAX_TOKEN_NAME_LENGTH} characters`, [], { field: 'name' });
    }
    let expiresAt: Date | null = null;
    if (expiresInDays !== undefined && expiresInDays !== null) {
      if (!Number.isSafeInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_EXPIRES_IN_DAYS) {
        throw new BadUserInputError(`expiresInDays must be a whole number of days from 1 to ${MAX_EXPIRES_IN_DAYS}, got ${expiresInDays}`, [], {
          field: 'expiresInDays',
        });
      }
      expiresAt = new Date(this.now() + expiresInDays * DAY_MS);
    }
    const token = generateToken();
    const record = await this.store.create({ name: trimmed, role, tokenHash: hashToken(token), expiresAt });
    return { token, record };
  }

  /** Every token, oldest first; revoked and expired ones only when asked for. */
  async list(includeInactive: boolean): Promise<TokenRecord[]> {
    const all = await this.store.list();
    const now = this.now();
    return includeInactive ? all : all.filter((record) => refusalOf(record, now) === undefined);
  }

  /**
   * Revokes a token: refused from then on, in this process at once (its cached verification is dropped), in other
   * API processes within the cache time. Revoking a revoked token keeps its first revocation time. A caller may not
   * revoke the token it is using: an operator who revokes the last admin token this way would lock everyone out.
   */
  async revoke(id: string, caller: Principal): Promise<TokenRecord> {
    if (id === caller.tokenId) {
      throw new BadUserInputError('id: this is the token of this request; revoke it with another admin token', [], { field: 'id' });
    }
    const record = await this.store.revoke(id, new Date(this.now()));
    if (!record) throw new NotFoundError('ApiToken', id);
    for (const [hash, entry] of this.cache) if (entry.principal.tokenId === id) this.cache.delete(hash);
    return record;
  }

  /**
   * The first admin token. With `configured` (HETSCHED_ADMIN_TOKEN) that token is stored as an admin token if it is
   * not known yet (adoptChosenToken); otherwise, when no token exists at all, a new one is generated and returned
   * once, for the caller to show. Returns undefined when nothing was generated.
   */
  async bootstrapAdmin(configured: string | undefined): Promise<string | undefined> {
    if (configured !== undefined && configured !== '') {
      if (configured.length < MIN_CHOSEN_TOKEN_LENGTH) throw new Error(`HETSCHED_ADMIN_TOKEN must have at least ${MIN_CHOSEN_TOKEN_LENGTH} characters`);
      await this.adoptChosenToken(configured);
      return undefined;
    }
    const token = generateToken();
    const created = await this.store.createIfNone({ name: 'admin (generated on first start)', role: 'ADMIN', tokenHash: hashToken(token) });
    return created ? token : undefined;
  }

  /**
   * Stores a chosen admin token with a salted hash unless it is known: a row an older release stored as SHA-256
   * gets its hash replaced in place (same id, name, times); a revoked or expired row stays as it is. Servers that
   * start together may each store it: every one then keeps the oldest matching row and deletes the others, so they
   * agree on one row without a lock.
   */
  private async adoptChosenToken(token: string): Promise<void> {
    const legacyHash = hashToken(token);
    const legacy = await this.store.findByHash(legacyHash);
    if (legacy) {
      await this.store.replaceHash(legacy.id, legacyHash, await hashChosenToken(token));
      return;
    }
    if (await this.findChosen(token)) return;
    await this.store.create({ name: CHOSEN_ADMIN_TOKEN_NAME, role: 'ADMIN', tokenHash: await hashChosenToken(token) });
    const [, ...duplicates] = await this.matchingChosen(token, true);
    for (const duplicate of duplicates) await this.store.delete(duplicate.id);
  }

  /** The stored token: by its SHA-256, else among the chosen ones; one lookup at a time per token. */
  private lookup(hash: string, token: string): Promise<TokenRecord | undefined> {
    const pending = this.lookups.get(hash);
    if (pending) return pending;
    const lookup = (async () => (await this.store.findByHash(hash)) ?? (await this.findChosen(token)))();
    this.lookups.set(hash, lookup);
    lookup.finally(() => this.lookups.delete(hash)).catch(() => undefined);
    return lookup;
  }

  /** The stored chosen token this is, or undefined; tokens shorter than any chosen one are not even checked. */
  private async findChosen(token: string): Promise<TokenRecord | undefined> {
    if (token.length < MIN_CHOSEN_TOKEN_LENGTH) return undefined;
    return (await this.matchingChosen(token, false))[0];
  }

  /** The salted rows `token` matches, oldest first: the first one only, unless `all`. O(rows) scrypt checks, one at a time. */
  private matchingChosen(token: string, all: boolean): Promise<TokenRecord[]> {
    const check = async () => {
      const matches: TokenRecord[] = [];
      for (const row of await this.store.listSalted()) {
        if (!(await verifyChosenToken(token, row.tokenHash))) continue;
        const { tokenHash: _hash, ...record } = row;
        matches.push(record);
        if (!all) break;
      }
      return matches;
    };
    const result = this.saltedChecks.then(check, check);
    this.saltedChecks = result.catch(() => undefined);
    return result;
  }

  /** Caches a verified token until the cache time passes or the token expires, whichever comes first. */
  private remember(hash: string, record: TokenRecord, now: number): Principal {
    const principal: Principal = { tokenId: record.id, name: record.name, role: record.role as Role };
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { principal, until: Math.min(now + CACHE_TTL_MS, record.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) });
    return principal;
  }

  private touch(tokenId: string, now: number): void {
    const last = this.touched.get(tokenId) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(tokenId, now);
    this.store.touch(tokenId, new Date(now)).catch((error: unknown) => this.logger.warn({ err: error, tokenId }, 'could not record token use'));
  }
}

/** Why a stored token may not be used now (revoked, expired), or undefined when it may. */
function refusalOf(record: TokenRecord, now: number): string | undefined {
  if (record.revokedAt) return 'this API token was revoked';
  if (record.expiresAt && record.expiresAt.getTime() <= now) return `this API token expired at ${record.expiresAt.toISOString()}`;
  return undefined;
}
