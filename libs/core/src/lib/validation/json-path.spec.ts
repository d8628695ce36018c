import { describe, expect, it } from 'vitest';
import { jsonPath } from './json-path.js';

describe('jsonPath', () => {
  it('appends indices in brackets and identifiers with a dot', () => {
    expect(jsonPath('$.tasks', 3)).toBe('$.tasks[3]');
    expect(jsonPath('$', 'tasks')).toBe('$.tasks');
    expect(jsonPath('$.x', '_a$1')).toBe('$.x._a$1');
  });

  it('quotes keys that are not identifiers', () => {
    expect(jsonPath('$.costs', 'p-1')).toBe('$.costs["p-1"]');
    expect(jsonPath('$.costs', '1p')).toBe('$.costs["1p"]');
    expect(jsonPath('$.costs', 'a "b"')).toBe('$.costs["a \\"b\\""]');
    expect(jsonPath('$.costs', '')).toBe('$.costs[""]');
  });
});
