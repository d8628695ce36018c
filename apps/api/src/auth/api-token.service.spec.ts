import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../common/logger.js';
import { Role } from '../common/role.js';
import type { NewToken, TokenRecord, TokenStore } from '../store/api-store.js';
import { ApiTokenService, CHOSEN_ADMIN_TOKEN_NAME } from './api-token.service.js';
import { hashToken } from './token-hash.js';

type Row = TokenRecord & { tokenHash: string };

/**
 * The TokenStore contract in memory, written from its doc comments (the real one is DbApiStore, exercised by the
 * server specs), with a count of reads so that tests can see what the cache saves. `shared` lets two services act
 * as two servers on one database.
 */
function memoryStore(shared: Row[] = []): TokenStore & { rows: Row[]; reads: number } {
  let clock = 0;
  const copy = ({ tokenHash: _hash, ...record }: Row): TokenRecord => ({ ...record });
  const store = {
    rows: shared,
    reads: 0,
    async findByHash(tokenHash: string) {
      store.reads++;
      const row = shared.find((r) => r.tokenHash === tokenHash);
      return row && copy(row);
    },
    async listSalted() {
      store.reads++;
      return shared.filter((r) => r.tokenHash.startsWith('$scrypt$')).map((r) => ({ ...r }));
    },
    async create(input: NewToken) {
      if (shared.some((r) => r.tokenHash === input.tokenHash)) throw new Error('unique token_hash');
      // Creation times strictly increase, so "oldest first" is the order of creation.
      const row: Row = { id: randomUUID(), name: input.name, role: input.role, tokenHash: input.tokenHash, createdAt: new Date(++clock), lastUsedAt: null, revokedAt: null, expiresAt: input.expiresAt ?? null };
      shared.push(row);
      return copy(row);
    },
    async createIfNone(input: NewToken) {
      if (shared.length > 0) return false;
      await store.create(input);
      return true;
    },
    async replaceHash(id: string, from: string, to: string) {
      const row = shared.find((r) => r.id === id && r.tokenHash === from);
      if (row) row.tokenHash = to;
      return row !== undefined;
    },
    async delete(id: string) {
      const at = shared.findIndex((r) => r.id === id);
      if (at >= 0) shared.splice(at, 1);
      return at >= 0;
    },
    async touch() {
      // Uses are not recorded here: no test of this file reads lastUsedAt.
    },
    async list() {
      return shared.map(copy);
    },
    async revoke(id: string, at: Date) {
      const row = shared.find((r) => r.id === id);
      if (row) row.revokedAt ??= at;
      return row && copy(row);
    },
  };
  return store;
}

const logger = createLogger('silent');
const DAY_MS = 86_400_000;
const CHOSEN = 'hs_a-token-an-operator-made-up';

describe('ApiTokenService: expiry', () => {
  it('sets the expiry days from now, and refuses the token from that instant on, cached or not', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = memoryStore();
    const service = new ApiTokenService(store, logger, () => now);
    const { token, record } = await service.create('ci', Role.READER, 2);
    // 2030-01-01T00:00Z plus 2 days.
    expect(record.expiresAt?.toISOString()).toBe('2030-01-03T00:00:00.000Z');
    expect((await service.authenticate(`Bearer ${token}`)).principal).toMatchObject({ name: 'ci' });

    // Within the cache time of that verification (30 s) but past the expiry: refused all the same.
    now = record.expiresAt!.getTime() - 10_000;
    expect((await service.authenticate(`Bearer ${token}`)).principal).not.toBeNull();
    const reads = store.reads;
    now = record.expiresAt!.getTime();
    expect(await service.authenticate(`Bearer ${token}`)).toEqual({ principal: null, failure: 'this API token expired at 2030-01-03T00:00:00.000Z' });
    expect(store.reads).toBeGreaterThan(reads); // the cache entry ended at the expiry, so the store was asked
  });

  it('never expires a token unless asked, and lists expired tokens only with the inactive ones', async () => {
    let now = Date.UTC(2030, 0, 1);
    const service = new ApiTokenService(memoryStore(), logger, () => now);
    const lasting = await service.create('lasting', Role.READER);
    const daily = await service.create('daily', Role.READER, 1);
    const revoked = await service.create('revoked', Role.READER, null);
    await service.revoke(revoked.record.id, { tokenId: lasting.record.id, name: 'lasting', role: Role.ADMIN });
    expect(lasting.record.expiresAt).toBeNull();
    now += 100 * 365 * DAY_MS;
    expect((await service.authenticate(`Bearer ${lasting.token}`)).principal).not.toBeNull();
    expect((await service.list(false)).map((t) => t.name)).toEqual(['lasting']);
    expect((await service.list(true)).map((t) => t.name)).toEqual(['lasting', 'daily', 'revoked']);
    expect(daily.record.expiresAt).not.toBeNull();
  });

  it('refuses expiries that are no whole number of days from 1 to 3650, naming the argument', async () => {
    const service = new ApiTokenService(memoryStore(), logger);
    for (const days of [0, -1, 1.5, 3651, Number.NaN]) {
      await expect(service.create('x', Role.READER, days)).rejects.toMatchObject({
        message: `expiresInDays must be a whole number of days from 1 to 3650, got ${days}`,
        extensions: { code: 'BAD_USER_INPUT', field: 'expiresInDays' },
      });
    }
    expect((await service.create('longest', Role.READER, 3650)).record.expiresAt).not.toBeNull();
  });
});

describe('ApiTokenService: chosen admin tokens', () => {
  it('stores a chosen token salted, never its SHA-256, and recognises it', async () => {
    const store = memoryStore();
    const service = new ApiTokenService(store, logger);
    expect(await service.bootstrapAdmin(CHOSEN)).toBeUndefined();
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]!.tokenHash).toMatch(/^\$scrypt\$/);
    expect(JSON.stringify(store.rows)).not.toContain(hashToken(CHOSEN));
    expect((await service.authenticate(`Bearer ${CHOSEN}`)).principal).toMatchObject({ name: CHOSEN_ADMIN_TOKEN_NAME, role: 'ADMIN' });
    expect((await service.authenticate(`Bearer ${CHOSEN}x`)).principal).toBeNull();
    // A second start with the same token stores nothing more.
    await new ApiTokenService(store, logger).bootstrapAdmin(CHOSEN);
    expect(store.rows).toHaveLength(1);
  }, 60_000);

  it('checks a chosen token once for requests that arrive together', async () => {
    const store = memoryStore();
    await new ApiTokenService(store, logger).bootstrapAdmin(CHOSEN);
    const service = new ApiTokenService(store, logger);
    let listed = 0;
    const listSalted = store.listSalted.bind(store);
    store.listSalted = async () => {
      listed++;
      return listSalted();
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => service.authenticate(`Bearer ${CHOSEN}`)));
    expect(answers.every((a) => a.principal?.name === CHOSEN_ADMIN_TOKEN_NAME)).toBe(true);
    expect(listed).toBe(1);
  }, 60_000);

  it('upgrades a chosen token an older release stored as SHA-256, keeping its row', async () => {
    const store = memoryStore();
    const legacy = await store.create({ name: CHOSEN_ADMIN_TOKEN_NAME, role: 'ADMIN', tokenHash: hashToken(CHOSEN) });
    const service = new ApiTokenService(store, logger);
    await service.bootstrapAdmin(CHOSEN);
    expect(store.rows.map((r) => r.id)).toEqual([legacy.id]);
    expect(store.rows[0]!.tokenHash).toMatch(/^\$scrypt\$/);
    expect((await service.authenticate(`Bearer ${CHOSEN}`)).principal).toMatchObject({ tokenId: legacy.id });
  }, 60_000);

  it('leaves one row when servers store the same chosen token at once (the oldest)', async () => {
    const rows: Row[] = [];
    await Promise.all([0, 1, 2].map(() => new ApiTokenService(memoryStore(rows), logger).bootstrapAdmin(CHOSEN)));
    expect(rows).toHaveLength(1);
  }, 60_000);

  it('refuses chosen tokens shorter than 16 characters at start', async () => {
    await expect(new ApiTokenService(memoryStore(), logger).bootstrapAdmin('fifteen-chars!!')).rejects.toThrow('HETSCHED_ADMIN_TOKEN must have at least 16 characters');
  });
});
