import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

const base = hetschedVitest(import.meta.dirname, 'api', {
  // One embedded PostgreSQL for the run (libs/db's harness); each suite makes its own database with createTestDatabase.
  globalSetup: ['../../libs/db/src/testing/global-setup.ts'],
  // Every suite starts a real server on a real database (createTestDatabase): slower than unit tests.
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // type-graphql's decorators need the Reflect metadata API before any schema class loads (main.ts does the same).
  setupFiles: ['reflect-metadata'],
});

export default defineConfig({
  ...base,
  resolve: {
    ...base.resolve,
    // graphql 16 ships CommonJS (index.js) and ESM (index.mjs) side by side. Node loads index.js for type-graphql and
    // Apollo, while Vite would pick index.mjs for our sources: two copies of GraphQLSchema ("another module or
    // realm"). Pinning the bare specifier to index.js keeps one copy. Only the bare name: subpaths stay untouched.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
});
