import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

// Searches schedule hundreds of small problems with two plugins each: seconds on an idle core, more when loaded.
export default defineConfig(hetschedVitest(import.meta.dirname, 'hard-instances', { testTimeout: 120_000 }));
