import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

export default defineConfig(
  hetschedVitest(import.meta.dirname, 'run-engine', {
    // One embedded PostgreSQL for the run; each suite makes its own database (createTestDatabase).
    globalSetup: ['../db/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The machine has 2 cores: the suites start real workers and threads, one file at a time.
    fileParallelism: false,
  }),
);
