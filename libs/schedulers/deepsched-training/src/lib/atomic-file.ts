import { renameSync, rmSync, writeFileSync } from 'node:fs';

let counter = 0;

/**
 * Writes a file so that a reader (or a later run after Ctrl-C or a crash) sees the old content or the new one,
 * never half of it: the bytes go to a temporary file beside it, then a rename replaces the file (atomic on one
 * file system).
 */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const temporary = `${file}.tmp-${process.pid}-${counter++}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
