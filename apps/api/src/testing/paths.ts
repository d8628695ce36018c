import { fileURLToPath } from 'node:url';

/** The shared fixtures beside the repository (as e2e/support/paths.ts locates them). */
export const sharedRoot = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
export const paperExample = `${sharedRoot}fixtures/topcuoglu2002/`;
export const traces = `${sharedRoot}data/wfinstances/`;
