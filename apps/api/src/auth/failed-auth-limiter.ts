/**
 * Failed authentications per client address in a sliding window: past the limit, the address is refused (HTTP 429)
 * until its oldest failure leaves the window, so nobody can try tokens at the rate the server answers. Memory is
 * bounded: at most MAX_TRACKED addresses, the oldest forgotten first.
 */
export class FailedAuthLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    /** Failures allowed per address in the window. */
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const times = this.recent(address);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - this.now()) / 1000));
  }

  fail(address: string): void {
    const times = this.recent(address);
    times.push(this.now());
    // Re-inserted: the map's order is by last failure, so the first key is the one to forget.
    this.failures.delete(address);
    this.failures.set(address, times.slice(-this.limit));
    if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > since);
  }
}

/** Addresses remembered at most (an attacker with many addresses must not grow the map without bound). */
const MAX_TRACKED = 10_000;
