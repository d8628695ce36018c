import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../../tools/vitest/shared-config.js';

// Property tests decode thousands of schedules and the threads spec starts workers: on a shared, loaded machine
// they can take ten times their idle time, which says nothing about the code. A generous default for every test.
export default defineConfig(hetschedVitest(import.meta.dirname, 'scheduler-hybrid-ga', { testTimeout: 60_000 }));
