import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that refuse junk such as `--count 1O` with a message naming the value. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer.`);
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a non-negative integer.`);
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number.`);
  return n;
}

/** A fraction in [0, 1). */
export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError(`"${value}" is not a number in [0, 1).`);
  return n;
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

/** `20,50,100` -> [20, 50, 100]: the values a dataset draws from. */
export function positiveIntegerList(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part) || Number(part) < 1)) {
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of positive integers, e.g. 20,50,100.`);
  }
  return parts.map(Number);
}

/** `0.1,1,10` -> [0.1, 1, 10]. */
export function nonNegativeNumberList(value: string): number[] {
  return value.split(',').map((part) => {
    const n = Number(part);
    if (part.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a comma-separated list of non-negative numbers, e.g. 0.1,1,10.`);
    return n;
  });
}
