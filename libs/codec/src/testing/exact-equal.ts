/**
 * Strict structural equality for round-trip tests: same own keys in the same order, Object.is on primitives (so
 * -0 !== 0 and NaN === NaN), arrays of the same length, and plain objects only. Returns the path of the first
 * difference, or null.
 */
export function exactDifference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (typeof expected !== 'object' || expected === null) {
    return Object.is(actual, expected) ? null : `${path}: ${describe(actual)} !== ${describe(expected)}`;
  }
  if (typeof actual !== 'object' || actual === null) return `${path}: ${describe(actual)} is not an object`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: not an array`;
    if (actual.length !== expected.length) return `${path}: length ${actual.length} !== ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const difference = exactDifference(actual[i], expected[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (Array.isArray(actual)) return `${path}: unexpected array`;
  const actualKeys = Object.keys(actual);
  const expectedKeys = Object.keys(expected);
  if (actualKeys.length !== expectedKeys.length || actualKeys.some((k, i) => k !== expectedKeys[i])) {
    return `${path}: keys ${JSON.stringify(actualKeys)} !== ${JSON.stringify(expectedKeys)}`;
  }
  for (const key of expectedKeys) {
    const difference = exactDifference(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (difference) return difference;
  }
  return null;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
