import { readFileSync } from 'node:fs';

/** The project's shared data folder, beside the repository: found from this file, so any clone placed there works. */
export const SHARED = new URL('../../../../../shared/', import.meta.url);

export function readShared(path: string): string {
  return readFileSync(new URL(path, SHARED), 'utf8');
}
