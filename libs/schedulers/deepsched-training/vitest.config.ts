import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../../tools/vitest/shared-config.js';

// Most specs here train or run TensorFlow.js networks, several files at once on a shared 2-core machine: a test that
// takes a second alone can take tens under load, so the limits are generous (no test asserts on time).
const LOADED_MACHINE_TIMEOUT_MS = 60_000;

export default defineConfig(hetschedVitest(import.meta.dirname, 'deepsched-training', { testTimeout: LOADED_MACHINE_TIMEOUT_MS, hookTimeout: LOADED_MACHINE_TIMEOUT_MS }));
