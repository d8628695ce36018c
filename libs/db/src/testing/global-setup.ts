import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, TEST_SERVER_ENV } from './test-database.js';

/**
 * Vitest global setup: one embedded PostgreSQL for the whole test run, shared by every worker through
 * HETSCHED_TEST_SERVER_URL (each test then makes its own database with createTestDatabase). Nothing to do when
 * DATABASE_URL is set. Use it from another project's vitest config:
 *   globalSetup: ['<path to libs/db>/src/testing/global-setup.ts']
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env['DATABASE_URL'] || process.env[TEST_SERVER_ENV]) return async () => undefined;
  const dir = await mkdtemp(join(tmpdir(), 'hetsched-test-pg-'));
  const server = await startTestServer(dir);
  process.env[TEST_SERVER_ENV] = server.adminConnectionString;
  return async () => {
    delete process.env[TEST_SERVER_ENV];
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
