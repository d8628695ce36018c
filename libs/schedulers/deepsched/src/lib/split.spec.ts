import { describe, expect, it } from 'vitest';
import { splitExamples } from './split.js';

describe('splitExamples', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);

  it('is deterministic for a seed, keeps input order on each side and loses nothing', () => {
    const a = splitExamples(items, 0.1, 3);
    expect(splitExamples(items, 0.1, 3)).toEqual(a);
    expect(a.validation).toHaveLength(10);
    expect(a.train).toHaveLength(90);
    expect([...a.train, ...a.validation].sort((x, y) => x - y)).toEqual(items);
    expect(a.validation).toEqual([...a.validation].sort((x, y) => x - y));
    expect(splitExamples(items, 0.1, 4).validation).not.toEqual(a.validation);
  });

  it('keeps at least one example on each side when it can', () => {
    expect(splitExamples([1, 2, 3], 0.01, 1).validation).toHaveLength(1);
    expect(splitExamples([1, 2], 0.9, 1).train).toHaveLength(1);
    expect(splitExamples(items, 0, 1).validation).toHaveLength(0);
  });

  it('refuses a fraction outside [0, 1)', () => {
    expect(() => splitExamples(items, 1, 1)).toThrow(/validation fraction must be in \[0, 1\), got 1/);
    expect(() => splitExamples(items, -0.1, 1)).toThrow(/got -0.1/);
  });
});
