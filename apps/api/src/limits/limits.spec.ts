import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';
import pg from 'pg';

let api: TestApi;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const { pino } = await import('pino');
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  api = await startTestApi({ limits: { maxBodyBytes: 1024 * 1024, maxDepth: 12, maxComplexity: 5_000 }, logger });
});
afterAll(async () => {
  await api?.close();
});

describe('operation limits', () => {
  it('refuses a query deeper than the limit, naming where', async () => {
    const path = ['scheduleRuns', 'edges', 'node', 'workflow', 'runs', 'edges', 'node', 'workflow', 'runs', 'edges', 'node', 'workflow'];
    const deep = `{ ${path.join(' { ')} { id }${' }'.repeat(path.length - 1)} }`;
    const response = await api.graphql(deep);
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('QUERY_TOO_DEEP');
    expect(error.message).toMatch(/^query is too deep: scheduleRuns\.edges\.node\.workflow\.runs\.edges\.node\.workflow\.runs\.edges\.node\.workflow\.id is at depth 13; the limit is 12$/);
  });

  it('refuses a query whose estimated cost is too high, counting `first` from variables', async () => {
    const query = 'query($n: Int!) { scheduleRuns(first: $n) { edges { node { ganttSvg assignments { task } } } } }';
    const response = await api.graphql(query, { n: 100 });
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.extensions['maxComplexity']).toBe(5000);
    expect(error.message).toMatch(/^query is too complex: estimated cost \d+, the limit is 5000/);
    // The same selection on a small page is fine.
    const small = await api.graphql(query, { n: 2 });
    expect(small.errors).toBeUndefined();
  });

  it('answers an oversized request with 413 and the limit', async () => {
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ query: '{ viewer { name } }', variables: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'request body too large: the limit is 1048576 bytes (1 MiB; HETSCHED_MAX_BODY_BYTES)',
          extensions: { code: 'PAYLOAD_TOO_LARGE', maxBodyBytes: 1048576 },
        },
      ],
    });
  });

  it('refuses a query document of too many tokens before parsing it', async () => {
    const huge = `{ ${Array.from({ length: 25_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const response = await api.graphql(huge);
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});

describe('introspection', () => {
  it('answers the standard introspection query (for codegen and IDEs) within the limits', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await api.graphql(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    expect(JSON.stringify(response.data)).toContain('"scheduleRuns"');
  });
});

/** Runs SQL on the test database behind the server's back (a fault the server did not cause). */
async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: api.connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('unexpected errors', () => {
  it('are masked for the client and logged with their details and the request id', async () => {
    // A real database fault: the table the query reads is gone.
    await sql('ALTER TABLE clusters RENAME TO clusters_moved_away');
    try {
      const response = await api.graphql('{ clusters { edges { node { id } } } }', {}, { headers: { 'x-request-id': 'req-masking-1' } });
      expect(response.headers.get('x-request-id')).toBe('req-masking-1');
      const error = errorOf(response);
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions['requestId']).toBe('req-masking-1');
      expect(JSON.stringify(response)).not.toContain('does not exist');
      const logged = logLines.find((l) => l['requestId'] === 'req-masking-1' && l['level'] === 50);
      expect(logged).toBeDefined();
      expect(JSON.stringify(logged)).toContain('The table `public.clusters` does not exist');
      expect(JSON.stringify(logged)).toContain('"stack"');
    } finally {
      await sql('ALTER TABLE clusters_moved_away RENAME TO clusters');
    }
  });
});
