import { fileURLToPath } from 'node:url';

/** The repository root and the shared data beside it, located from this file so any clone works. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sharedRoot = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const paperExample = `${sharedRoot}fixtures/topcuoglu2002/`;
export const traces = `${sharedRoot}data/wfinstances/`;
