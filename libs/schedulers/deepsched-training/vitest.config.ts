import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../../../tools/vitest/shared-config.js';

export default defineConfig(hetschedVitest(import.meta.dirname, 'deepsched-training'));
