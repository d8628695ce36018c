import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

const config = hetschedVitest(import.meta.dirname, 'db', {
  // One embedded PostgreSQL for the whole run (src/testing/global-setup.ts); each test file makes its own databases.
  globalSetup: ['./src/testing/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
});
// Vitest 4 passes ssr.resolve.conditions to the worker processes as `node --conditions ...`; with "import" among
// them, require() inside CommonJS packages resolves their ESM entry (pg's require('pg-pool') then returns a module
// namespace: "Class extends value [object Module] is not a constructor"). Keep only the conditions Node should see.
(config.ssr as { resolve: { conditions: string[] } }).resolve.conditions = ['@hetsched/source', 'node', 'development|production'];

export default defineConfig(config);
