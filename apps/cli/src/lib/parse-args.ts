import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that refuse junk such as `--tasks 1O` with a message naming the value. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer.`);
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a non-negative number.`);
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number.`);
  return n;
}

/** `1,4` -> [1, 4]; a single number means a fixed value. */
export function numberRange(value: string): [number, number] {
  const parts = value.split(',').map((part) => positiveNumber(part));
  if (parts.length === 1) return [parts[0]!, parts[0]!];
  if (parts.length !== 2 || parts[0]! > parts[1]!) throw new InvalidArgumentError(`"${value}" is not a range "min,max" with min <= max.`);
  return [parts[0]!, parts[1]!];
}

export function jsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('must be a JSON object, e.g. {"seed": 1}');
  return parsed as Record<string, unknown>;
}
