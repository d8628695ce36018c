import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { copyOutRow } from './blob-io.js';

let db: TestDatabase;
let client: pg.Client;
const QUERY_TIMEOUT_MS = 45_678; // recognisable among the timers the test runner sets

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.connectionString, query_timeout: QUERY_TIMEOUT_MS });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('copyOutRow', () => {
  it('reads the first row as raw bytes (bytea as is, text as UTF-8, NULL as null), or null without a row', async () => {
    // '\x00ff10'::bytea is the three bytes 0, 255, 16; 'é' is two bytes in UTF-8.
    expect(await copyOutRow(client, `SELECT '\\x00ff10'::bytea, 'é'::text, NULL::text`)).toEqual([Uint8Array.of(0, 255, 16), Uint8Array.of(0xc3, 0xa9), null]);
    expect(await copyOutRow(client, 'SELECT 1 WHERE false')).toBeNull();
  });

  it('rejects on a server error and leaves the connection usable', async () => {
    await expect(copyOutRow(client, 'SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('ends through the callback the client wraps, so the query timeout timer is cleared after each read', async () => {
    const setSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
    try {
      await copyOutRow(client, 'SELECT 1::int4');
      const timers = setSpy.mock.calls.map((call, i) => ({ delay: call[1], timer: setSpy.mock.results[i]!.value as unknown })).filter((t) => t.delay === QUERY_TIMEOUT_MS);
      expect(timers).toHaveLength(1);
      expect(clearSpy.mock.calls.map((call) => call[0])).toContain(timers[0]!.timer);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });
});
