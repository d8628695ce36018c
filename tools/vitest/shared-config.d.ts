import type { ViteUserConfig } from 'vitest/config';

/** The vitest configuration every project uses; see shared-config.js. */
export function hetschedVitest(root: string, name: string, extra?: Record<string, unknown>): ViteUserConfig;
