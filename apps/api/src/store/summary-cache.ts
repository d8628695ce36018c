/** Summaries a process keeps by default: a summary is a few hundred bytes, so this bounds a cache to a few MB. */
export const DEFAULT_SUMMARY_CACHE_SIZE = 10_000;

/**
 * Summaries of stored workflows or clusters by id. A workflow or cluster never changes once stored (no mutation
 * edits one; a workflow can only be deleted, and its runs with it), so the summary a run names can be served from
 * here on every later page: the history's names cost no query. Deleting in this process evicts the entry; another
 * process's delete takes the runs that name it along, so nothing asks for that id again through a run.
 *
 * The oldest entries go first once `capacity` is reached (a Map iterates in insertion order): get, set and delete
 * are O(1). A hit is not moved to the end: deleting and re-inserting on every read (a history page reads 100) churns
 * V8's hash table into rehashing and garbage (measured: 2.5% of a history page's CPU); an entry dropped while still in
 * use costs one read to come back.
 */
export class SummaryCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = DEFAULT_SUMMARY_CACHE_SIZE) {}

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
