import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import { hashApiToken, SALTED_HASH_PREFIX } from './api-token-repository.js';

let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
});
afterAll(() => db.drop());

/** A made-up salted hash: the repository stores and filters it by its prefix only, it never checks one. */
const salted = (label: string) => `${SALTED_HASH_PREFIX}ln=15,r=8,p=1$${label}$c2FsdGVk`;

describe('ApiTokenRepository: expiry', () => {
  it('stores the expiry it is given, and none by default', async () => {
    const expiresAt = new Date('2031-02-03T04:05:06.789Z');
    const expiring = await store.tokens.create({ name: 'expiring', role: 'READER', token: 'hs_expiring', expiresAt });
    const lasting = await store.tokens.create({ name: 'lasting', role: 'READER', token: 'hs_lasting' });
    expect(expiring.expiresAt).toEqual(expiresAt);
    expect(lasting.expiresAt).toBeNull();
    expect((await store.tokens.findByToken('hs_expiring'))!.expiresAt).toEqual(expiresAt);
    const listed = await store.tokens.list();
    expect(listed.find((t) => t.id === expiring.id)!.expiresAt).toEqual(expiresAt);
    // The column itself, as SQL sees it: timestamptz with millisecond precision.
    const rows = await db.prisma.$queryRaw<{ expires_at: Date | null }[]>`SELECT expires_at FROM api_tokens WHERE id = ${expiring.id}::uuid`;
    expect(rows[0]!.expires_at).toEqual(expiresAt);
  });

  it('gives the first token an expiry only when asked', async () => {
    const empty = await createTestDatabase();
    const first = createStore(empty.prisma);
    try {
      const created = await first.tokens.createFirst({ name: 'admin', role: 'ADMIN', tokenHash: hashApiToken('first') });
      expect(created!.expiresAt).toBeNull();
    } finally {
      await empty.drop();
    }
  });
});

describe('ApiTokenRepository: salted hashes', () => {
  it('lists exactly the tokens with a salted hash, revoked and expired ones included, oldest first', async () => {
    const plain = await store.tokens.create({ name: 'plain', role: 'READER', token: 'hs_plain' });
    const one = await store.tokens.create({ name: 'chosen one', role: 'ADMIN', tokenHash: salted('one') });
    const two = await store.tokens.create({ name: 'chosen two', role: 'ADMIN', tokenHash: salted('two'), expiresAt: new Date('2000-01-01T00:00:00.000Z') });
    await store.tokens.revoke(one.id, new Date());
    const listed = (await store.tokens.listSalted()).map((t) => t.id);
    expect(listed).toEqual([one.id, two.id]);
    expect(listed).not.toContain(plain.id);
    // A SHA-256 in hex can never be mistaken for one: hex digits have no "$".
    expect(hashApiToken('anything').startsWith(SALTED_HASH_PREFIX)).toBe(false);
  });

  it('replaces a hash only while it is still the one the caller saw', async () => {
    const legacy = hashApiToken('hs_legacy-chosen-token');
    const { id } = await store.tokens.create({ name: 'legacy', role: 'ADMIN', tokenHash: legacy });
    const [first, second] = await Promise.all([
      store.tokens.replaceTokenHash(id, legacy, salted('first')),
      store.tokens.replaceTokenHash(id, legacy, salted('second')),
    ]);
    // Exactly one of two concurrent replacements wins; the row holds the winner's hash.
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const stored = (await store.tokens.findById(id))!.tokenHash;
    expect(stored).toBe(first ? salted('first') : salted('second'));
    expect(await store.tokens.findByTokenHash(legacy)).toBeNull();
    expect(await store.tokens.replaceTokenHash('not-a-uuid', legacy, salted('x'))).toBe(false);
  });
});
