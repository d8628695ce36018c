/**
 * DataLoader's core idea in a few lines: every `load(key)` made in the same tick joins one `batch(keys)` call, and
 * each key is fetched once per request. A page of 100 runs that each ask for their workflow costs one query, not 100.
 * (The `dataloader` package does the same; this avoids a dependency for forty lines.)
 *
 * Loaders live in the request context: a cache shared across requests would serve stale rows and leak data
 * between callers.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V | undefined>>();
  private pending: { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[] = [];

  /** @param batch returns the values found, keyed as asked; keys it does not return load as `undefined`. */
  constructor(
    private readonly batch: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
    private readonly maxBatchSize = 500,
  ) {}

  load(key: K): Promise<V | undefined> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V | undefined>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      // Once per batch, as DataLoader schedules it: after the promise jobs already queued (sibling resolvers whose
      // parents resolved in this tick), then after the next tick, so that all of them join the same batch.
      if (this.pending.length === 1) void Promise.resolve().then(() => process.nextTick(() => void this.dispatch()));
    });
    this.cache.set(key, promise);
    return promise;
  }

  /** Seeds the cache with a value loaded another way (a list query already fetched it). */
  prime(key: K, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  private async dispatch(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (let i = 0; i < pending.length; i += this.maxBatchSize) {
      const chunk = pending.slice(i, i + this.maxBatchSize);
      try {
        const found = await this.batch(chunk.map((p) => p.key));
        for (const p of chunk) p.resolve(found.get(p.key));
      } catch (error) {
        for (const p of chunk) {
          // A failed batch must not poison the cache: the next request for the key tries again.
          this.cache.delete(p.key);
          p.reject(error);
        }
      }
    }
  }
}
