import { defineConfig } from 'vitest/config';
// The shared test configuration is workspace tooling, not a project: the boundary rule does not apply to it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { hetschedVitest } from '../../tools/vitest/shared-config.js';

export default defineConfig(hetschedVitest(import.meta.dirname, 'formats'));
