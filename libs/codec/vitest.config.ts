import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

// Round trips of 20,000-task documents take a second on an idle core and several on a loaded machine.
export default defineConfig(hetschedVitest(import.meta.dirname, 'codec', { testTimeout: 60_000 }));
