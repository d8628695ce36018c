import { createHash } from 'node:crypto';
import { createTestDatabase } from '@hetsched/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../server/create-api-server.js';
import { createLogger } from '../common/logger.js';
import { dataOf, errorOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';
import { SUBMIT_DOCUMENT, paper } from '../testing/fixtures.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('API tokens and roles', () => {
  it('answers a request without a token with UNAUTHENTICATED and HTTP 401', async () => {
    const response = await api.graphql('{ schedulers { name } }', {}, { token: null });
    expect(response.status).toBe(401);
    expect(errorOf(response)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'this API needs a token: send "Authorization: Bearer <token>"' });
  });

  it('refuses unknown tokens and malformed headers', async () => {
    expect(errorOf(await api.graphql('{ viewer { name } }', {}, { token: 'hs_unknown' }))).toMatchObject({ code: 'UNAUTHENTICATED', message: 'unknown API token' });
    const malformed = await api.graphql('{ viewer { name } }', {}, { token: null, headers: { authorization: 'Basic abc' } });
    expect(errorOf(malformed)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'the Authorization header must be "Bearer <token>"' });
  });

  it('lets each role do what it includes and no more', async () => {
    const reader = await api.tokenFor('READER');
    const submitter = await api.tokenFor('SUBMITTER');
    expect(dataOf(await api.graphql('{ viewer { name role } }', {}, { token: reader }))).toEqual({ viewer: { name: 'test reader', role: 'READER' } });
    expect(dataOf(await api.graphql<{ schedulers: unknown[] }>('{ schedulers { name } }', {}, { token: reader })).schedulers.length).toBeGreaterThan(0);

    const forbidden = await api.graphql(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } }, { token: reader });
    expect(errorOf(forbidden)).toMatchObject({ code: 'FORBIDDEN', message: 'this operation needs the SUBMITTER role; token "test reader" has READER' });

    expect(dataOf(await api.graphql(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } }, { token: submitter }))).toBeTruthy();
    const notAdmin = await api.graphql('mutation { createApiToken(name: "x", role: READER) { token } }', {}, { token: submitter });
    expect(errorOf(notAdmin)).toMatchObject({ code: 'FORBIDDEN', message: 'this operation needs the ADMIN role; token "test submitter" has SUBMITTER' });
  });

  it('stores only the SHA-256 of a token, and shows the secret once', async () => {
    const created = dataOf(
      await api.graphql<{ createApiToken: { token: string; apiToken: { id: string; name: string; role: string } } }>(
        'mutation { createApiToken(name: "ci", role: SUBMITTER) { token apiToken { id name role createdAt } } }',
      ),
    ).createApiToken;
    expect(created.token).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({ name: 'ci', role: 'SUBMITTER' });
    const client = new pg.Client({ connectionString: api.connectionString });
    await client.connect();
    try {
      const dump = JSON.stringify((await client.query('SELECT * FROM api_tokens')).rows);
      expect(dump).not.toContain(created.token);
      expect(dump).toContain(createHash('sha256').update(created.token).digest('hex'));
    } finally {
      await client.end();
    }
  });
});

describe('a chosen admin token (HETSCHED_ADMIN_TOKEN)', () => {
  it('is stored with a salted scrypt hash, never as its SHA-256', async () => {
    const rows = await query(api.connectionString, "SELECT token_hash FROM api_tokens WHERE name = 'admin (HETSCHED_ADMIN_TOKEN)'");
    expect(rows).toHaveLength(1);
    expect(rows[0]!['token_hash']).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    const dump = JSON.stringify(await query(api.connectionString, 'SELECT * FROM api_tokens'));
    expect(dump).not.toContain(TEST_ADMIN_TOKEN);
    expect(dump).not.toContain(createHash('sha256').update(TEST_ADMIN_TOKEN).digest('hex'));
  });

  it('replaces the SHA-256 an older release stored with a salted hash, keeping the row', async () => {
    const database = await createTestDatabase();
    const chosen = 'hs_chosen-by-an-operator-long-ago';
    const sha256 = createHash('sha256').update(chosen).digest('hex');
    try {
      const [legacy] = await query(database.connectionString, `INSERT INTO api_tokens (id, name, token_hash, role) VALUES (gen_random_uuid(), 'old admin', $1, 'ADMIN') RETURNING id`, [sha256]);
      const server = await createApiServer({ connectionString: database.connectionString, logger: createLogger('silent'), adminToken: chosen });
      try {
        const rows = await query(database.connectionString, 'SELECT id, name, token_hash FROM api_tokens');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ id: legacy!['id'], name: 'old admin' });
        expect(rows[0]!['token_hash']).toMatch(/^\$scrypt\$/);
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${chosen}` },
          body: JSON.stringify({ query: '{ viewer { name role } }' }),
        });
        expect(await response.json()).toEqual({ data: { viewer: { name: 'old admin', role: 'ADMIN' } } });
      } finally {
        await server.close();
      }
    } finally {
      await database.drop();
    }
  });
});

async function query(connectionString: string, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('the first admin token', () => {
  it('is generated once when the token table is empty, and works', async () => {
    const database = await createTestDatabase();
    const generated: string[] = [];
    const start = () =>
      createApiServer({ connectionString: database.connectionString, logger: createLogger('silent'), onAdminTokenGenerated: (t) => generated.push(t) });
    try {
      const first = await start();
      const response = await fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${generated[0]}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect(await response.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
      await first.close();
      await (await start()).close();
      expect(generated).toHaveLength(1);
    } finally {
      await database.drop();
    }
  });
});
