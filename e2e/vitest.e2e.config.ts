import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../tools/vitest/shared-config.js';

// Named *.e2e.config.ts so that the @nx/vitest plugin does not infer a `test` target: these suites run as `e2e`,
// after every project is built, because they execute the built binaries.
export default defineConfig(
  hetschedVitest(import.meta.dirname, 'e2e', {
    include: ['**/*.spec.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  }),
);
