import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

const LIST = 'query($all: Boolean) { apiTokens(includeRevoked: $all) { id name role createdAt lastUsedAt revokedAt expiresAt } }';
const REVOKE = 'mutation($id: ID!) { revokeApiToken(id: $id) { id name revokedAt } }';
const CREATE = 'mutation($name: String!, $role: Role!) { createApiToken(name: $name, role: $role) { token apiToken { id } } }';
const CREATE_EXPIRING =
  'mutation($name: String!, $days: Int) { createApiToken(name: $name, role: READER, expiresInDays: $days) { token apiToken { id createdAt expiresAt } } }';
const DAY_MS = 86_400_000;

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

async function create(name: string, role: string): Promise<{ token: string; id: string }> {
  const created = dataOf(await api.graphql<{ createApiToken: { token: string; apiToken: { id: string } } }>(CREATE, { name, role })).createApiToken;
  return { token: created.token, id: created.apiToken.id };
}

async function list(all = false): Promise<TokenRow[]> {
  return dataOf(await api.graphql<{ apiTokens: TokenRow[] }>(LIST, { all })).apiTokens;
}

describe('apiTokens and revokeApiToken', () => {
  it('lists tokens oldest first without their secrets, and revoked ones only when asked', async () => {
    const first = await create('list one', 'READER');
    const second = await create('list two', 'SUBMITTER');
    const names = (await list()).map((t) => t.name);
    // The server's own admin token (HETSCHED_ADMIN_TOKEN) was stored at start, before both.
    expect(names.indexOf('admin (HETSCHED_ADMIN_TOKEN)')).toBeLessThan(names.indexOf('list one'));
    expect(names.indexOf('list one')).toBeLessThan(names.indexOf('list two'));
    const body = JSON.stringify(await api.graphql(LIST, { all: true }));
    expect(body).not.toContain(first.token);
    expect(body).not.toContain(TEST_ADMIN_TOKEN);

    dataOf(await api.graphql(REVOKE, { id: second.id }));
    expect((await list()).map((t) => t.id)).not.toContain(second.id);
    const revoked = (await list(true)).find((t) => t.id === second.id)!;
    expect(revoked).toMatchObject({ name: 'list two', role: 'SUBMITTER' });
    expect(revoked.revokedAt).not.toBeNull();
  });

  it('refuses a revoked token at once, although it was just verified (and cached)', async () => {
    const { token, id } = await create('to revoke', 'READER');
    expect(dataOf(await api.graphql('{ viewer { name } }', {}, { token }))).toEqual({ viewer: { name: 'to revoke' } });
    const revoked = dataOf(await api.graphql<{ revokeApiToken: TokenRow }>(REVOKE, { id })).revokeApiToken;
    expect(revoked).toMatchObject({ id, name: 'to revoke' });
    const refused = await api.graphql('{ viewer { name } }', {}, { token });
    expect(refused.status).toBe(401);
    expect(errorOf(refused)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'this API token was revoked' });

    const again = dataOf(await api.graphql<{ revokeApiToken: TokenRow }>(REVOKE, { id })).revokeApiToken;
    expect(again.revokedAt).toBe(revoked.revokedAt);
  });

  it('records when a token was last used', async () => {
    const { token, id } = await create('used', 'READER');
    expect((await list()).find((t) => t.id === id)!.lastUsedAt).toBeNull();
    dataOf(await api.graphql('{ viewer { name } }', {}, { token }));
    // The use is written in the background (best effort): poll until it shows.
    let row: TokenRow | undefined;
    for (let i = 0; i < 200 && !row?.lastUsedAt; i++) {
      row = (await list()).find((t) => t.id === id);
      if (!row?.lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it('answers NOT_FOUND for unknown ids, and refuses to revoke the token of the request', async () => {
    for (const id of ['00000000-0000-7000-8000-000000000000', 'nope']) {
      expect(errorOf(await api.graphql(REVOKE, { id }))).toMatchObject({ code: 'NOT_FOUND', message: `ApiToken "${id}" not found` });
    }
    const admin = await create('second admin', 'ADMIN');
    const own = errorOf(await api.graphql(REVOKE, { id: admin.id }, { token: admin.token }));
    expect(own).toMatchObject({ code: 'BAD_USER_INPUT', message: 'id: this is the token of this request; revoke it with another admin token' });
    expect(dataOf(await api.graphql('{ viewer { role } }', {}, { token: admin.token }))).toEqual({ viewer: { role: 'ADMIN' } });
  });

  it('is for admins only', async () => {
    const submitter = await create('not an admin', 'SUBMITTER');
    expect(errorOf(await api.graphql(LIST, {}, { token: submitter.token })).code).toBe('FORBIDDEN');
    expect(errorOf(await api.graphql(REVOKE, { id: submitter.id }, { token: submitter.token })).code).toBe('FORBIDDEN');
  });
});

describe('token expiry', () => {
  async function createExpiring(name: string, days: number | null) {
    return dataOf(
      await api.graphql<{ createApiToken: { token: string; apiToken: { id: string; createdAt: string; expiresAt: string | null } } }>(CREATE_EXPIRING, { name, days }),
    ).createApiToken;
  }

  /** Sets a token's expiry in the database, as if that time had come (the API only sets future ones). */
  async function setExpiry(id: string, expiresAt: string): Promise<void> {
    const client = new pg.Client({ connectionString: api.connectionString });
    await client.connect();
    try {
      await client.query('UPDATE api_tokens SET expires_at = $1 WHERE id = $2', [expiresAt, id]);
    } finally {
      await client.end();
    }
  }

  it('expires a token expiresInDays days after its creation, shown in apiTokens; none by default', async () => {
    const before = Date.now();
    const created = await createExpiring('thirty days', 30);
    const after = Date.now();
    // The server computes now + 30 × 86,400,000 ms while the request is in flight: between the two clock readings.
    const expiresAt = Date.parse(created.apiToken.expiresAt!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
    expect(expiresAt).toBeLessThanOrEqual(after + 30 * DAY_MS);
    expect((await list()).find((t) => t.id === created.apiToken.id)!.expiresAt).toBe(created.apiToken.expiresAt);
    expect(dataOf(await api.graphql('{ viewer { name } }', {}, { token: created.token }))).toEqual({ viewer: { name: 'thirty days' } });

    const lasting = await createExpiring('lasting', null);
    expect(lasting.apiToken.expiresAt).toBeNull();
    const plain = await create('plain', 'READER');
    expect((await list()).find((t) => t.id === plain.id)!.expiresAt).toBeNull();
  });

  it('refuses an expired token with UNAUTHENTICATED saying when it expired, and lists it only with includeRevoked', async () => {
    const created = await createExpiring('soon gone', 1);
    await setExpiry(created.apiToken.id, '2020-01-01T00:00:00.000Z');
    const refused = await api.graphql('{ viewer { name } }', {}, { token: created.token });
    expect(refused.status).toBe(401);
    expect(errorOf(refused)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'this API token expired at 2020-01-01T00:00:00.000Z' });
    expect((await list()).map((t) => t.id)).not.toContain(created.apiToken.id);
    expect((await list(true)).find((t) => t.id === created.apiToken.id)).toMatchObject({ name: 'soon gone', expiresAt: '2020-01-01T00:00:00.000Z', revokedAt: null });
  });

  it('refuses expiries outside 1 to 3650 days, naming the argument, and stores nothing', async () => {
    const count = (await list(true)).length;
    for (const days of [0, -5, 3651]) {
      const refused = errorOf(await api.graphql(CREATE_EXPIRING, { name: 'never stored', days }));
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', message: `expiresInDays must be a whole number of days from 1 to 3650, got ${days}` });
      expect(refused.extensions['field']).toBe('expiresInDays');
    }
    expect((await list(true)).length).toBe(count);
  });
});
