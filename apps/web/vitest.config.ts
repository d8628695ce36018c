import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

// Unit tests of the console's pure logic (layout, Gantt geometry, option forms, cursor merging) in Node: no DOM
// needed. The browser suite is e2e/web.
export default defineConfig(hetschedVitest(import.meta.dirname, 'web', { include: ['src/**/*.spec.ts'] }));
