import { Random } from '@hetsched/core';

/**
 * Splits deterministically into train and validation: a seeded shuffle of the indices, the first
 * round(fraction × n) go to validation (at least one when fraction > 0 and n >= 2, and never all of them).
 * Each side keeps the input order, so a split of the same examples with the same seed is the same.
 */
export function splitExamples<T>(examples: readonly T[], validationFraction: number, seed: number): { train: T[]; validation: T[] } {
  if (!Number.isFinite(validationFraction) || validationFraction < 0 || validationFraction >= 1) {
    throw new RangeError(`validation fraction must be in [0, 1), got ${validationFraction}`);
  }
  const n = examples.length;
  let size = Math.round(validationFraction * n);
  if (validationFraction > 0 && n >= 2) size = Math.min(n - 1, Math.max(1, size));
  const order = new Random(`deepsched-split:${seed}`).shuffle(Array.from({ length: n }, (_, i) => i));
  const isValidation = new Uint8Array(n);
  for (let k = 0; k < size; k++) isValidation[order[k]!] = 1;
  const train: T[] = [];
  const validation: T[] = [];
  for (let i = 0; i < n; i++) (isValidation[i] ? validation : train).push(examples[i]!);
  return { train, validation };
}
