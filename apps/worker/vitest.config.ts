import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

export default defineConfig(
  hetschedVitest(import.meta.dirname, 'worker', {
    globalSetup: ['../../libs/db/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  }),
);
