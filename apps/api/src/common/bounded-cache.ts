/**
 * Values by key, at most `capacity` of them; the oldest set entry goes first once `capacity` is reached (a Map
 * iterates in insertion order): get, set and delete are O(1). For values that never change once known (stored
 * summaries, verdicts of pure checks): a hit is not moved to the end, since deleting and re-inserting on every read
 * (a history page reads 100) churns V8's hash table into rehashing and garbage (measured: 2.5% of a history page's
 * CPU); an entry dropped while still in use costs one computation or read to come back.
 */
export class BoundedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): T | undefined {
    return this.entries.get(id);
  }

  set(id: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
