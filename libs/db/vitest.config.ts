import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

const config = hetschedVitest(import.meta.dirname, 'db', {
  // One embedded PostgreSQL for the whole run (src/testing/global-setup.ts); each test file makes its own databases.
  globalSetup: ['./src/testing/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
});
export default defineConfig(config);
