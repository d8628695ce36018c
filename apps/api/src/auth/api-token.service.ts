import { createHash, randomBytes } from 'node:crypto';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { TokenRecord, TokenStore } from '../store/api-store.js';
import type { Principal } from '../common/principal.js';
import type { Role } from '../common/role.js';

/** Tokens look like `hs_` + 43 base64url characters (256 random bits): recognisable in a leaked log or config. */
export const TOKEN_PREFIX = 'hs_';
export const MAX_TOKEN_NAME_LENGTH = 100;
/** A verified token is trusted this long without another database read; revocation takes effect within it. */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;
/** `lastUsedAt` is written at most this often per token: a write per request would double the database load. */
const TOUCH_INTERVAL_MS = 60_000;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type Authentication = { principal: Principal } | { principal: null; failure?: string };

/** Issues tokens and verifies the ones requests present. Only SHA-256 hashes are stored or cached. */
export class ApiTokenService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly store: TokenStore,
    private readonly logger: Logger,
  ) {}

  /** From an `Authorization` header: a principal, or why there is none (no header: no failure, just anonymous). */
  async authenticate(header: string | undefined): Promise<Authentication> {
    if (header === undefined || header.trim() === '') return { principal: null };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { principal: null, failure: 'the Authorization header must be "Bearer <token>"' };
    const hash = hashToken(match[1]!);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) {
      this.touch(cached.principal.tokenId, now);
      return { principal: cached.principal };
    }
    const record = await this.store.findByHash(hash);
    if (!record) return { principal: null, failure: 'unknown API token' };
    if (record.revokedAt) return { principal: null, failure: 'this API token was revoked' };
    const principal: Principal = { tokenId: record.id, name: record.name, role: record.role as Role };
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_TTL_MS });
    this.touch(record.id, now);
    return { principal };
  }

  async create(name: string, role: Role): Promise<{ token: string; record: TokenRecord }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_TOKEN_NAME_LENGTH) {
      throw new BadUserInputError(`name must have 1 to ${MAX_TOKEN_NAME_LENGTH} characters`, [], { field: 'name' });
    }
    const token = generateToken();
    const record = await this.store.create({ name: trimmed, role, tokenHash: hashToken(token) });
    return { token, record };
  }

  /** Every token, oldest first; revoked ones only when asked for. */
  async list(includeRevoked: boolean): Promise<TokenRecord[]> {
    const all = await this.store.list();
    return includeRevoked ? all : all.filter((record) => record.revokedAt === null);
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
    const record = await this.store.revoke(id, new Date());
    if (!record) throw new NotFoundError('ApiToken', id);
    for (const [hash, entry] of this.cache) if (entry.principal.tokenId === id) this.cache.delete(hash);
    return record;
  }

  /**
   * The first admin token. With `configured` (HETSCHED_ADMIN_TOKEN) that token is made an admin token if it is not
   * known yet; otherwise, when no token exists at all, a new one is generated and returned once, for the caller
   * to show. Returns undefined when nothing was generated.
   */
  async bootstrapAdmin(configured: string | undefined): Promise<string | undefined> {
    if (configured !== undefined && configured !== '') {
      if (configured.length < 16) throw new Error('HETSCHED_ADMIN_TOKEN must have at least 16 characters');
      const hash = hashToken(configured);
      if (!(await this.store.findByHash(hash))) {
        try {
          await this.store.create({ name: 'admin (HETSCHED_ADMIN_TOKEN)', role: 'ADMIN', tokenHash: hash });
        } catch (error) {
          // Another server starting at the same time stored it first: the unique hash makes this harmless.
          if (!(await this.store.findByHash(hash))) throw error;
        }
      }
      return undefined;
    }
    const token = generateToken();
    const created = await this.store.createIfNone({ name: 'admin (generated on first start)', role: 'ADMIN', tokenHash: hashToken(token) });
    return created ? token : undefined;
  }

  private touch(tokenId: string, now: number): void {
    const last = this.touched.get(tokenId) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(tokenId, now);
    this.store.touch(tokenId, new Date(now)).catch((error: unknown) => this.logger.warn({ err: error, tokenId }, 'could not record token use'));
  }
}
