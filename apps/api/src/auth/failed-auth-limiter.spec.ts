import { describe, expect, it } from 'vitest';
import { FailedAuthLimiter } from './failed-auth-limiter.js';

describe('FailedAuthLimiter', () => {
  it('refuses an address past its failures per window until the oldest leaves the window', () => {
    let now = 1_000_000;
    const limiter = new FailedAuthLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('a')).toBe(0);
      limiter.fail('a');
      now += 1_000;
    }
    expect(limiter.retryAfterSeconds('a')).toBe(57);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });
});
