/** A schedule run's problem as its thread takes it: the workflow and cluster documents as stored (encoded). */
export interface ProblemBytes {
  workflow: Uint8Array;
  cluster: Uint8Array;
}

/** What a lookup finds: the problem, or which of its documents is gone. */
export type ProblemLookup = { found: ProblemBytes } | { missing: 'workflow' | 'cluster' };

/** Reads a problem's documents from the store (null where one does not exist). */
export type ProblemReader = (workflowId: string, clusterId: string) => Promise<{ workflow: Uint8Array | null; cluster: Uint8Array | null }>;

export interface ProblemCacheLimits {
  /** Problems kept at most. */
  entries: number;
  /** Bytes of documents kept at most; a problem larger than this is read for each run and never kept. */
  bytes: number;
}

/** A few dozen problems, 64 MiB: a comparison's runs (one problem) and a burst of them read their documents once. */
export const DEFAULT_PROBLEM_CACHE_LIMITS: ProblemCacheLimits = { entries: 64, bytes: 64 * 1024 * 1024 };

/**
 * The encoded documents of the problems a worker ran last, keyed by (workflow id, cluster id), least recently used
 * dropped first. A compareSchedulers of 8 is 8 runs of one problem: one read (one statement) instead of 8 reads of
 * two summaries and two documents each. Concurrent lookups of one problem share one read.
 *
 * Keeping them is safe because a stored document never changes (no statement updates workflow_contents or
 * cluster_contents, and ids are never reused), and deleting a workflow or cluster deletes its runs (ON DELETE
 * CASCADE): a run that can still be completed refers to exactly the bytes kept here. A missing document and a failed
 * read are not kept (the next run asks the store again). Lookup and eviction are O(1) amortised (a Map in use order).
 */
export class ProblemCache {
  private readonly entries = new Map<string, CacheEntry>();
  private bytes = 0;

  constructor(
    private readonly read: ProblemReader,
    private readonly limits: ProblemCacheLimits = DEFAULT_PROBLEM_CACHE_LIMITS,
  ) {}

  /** Problems kept or being read (tests). */
  get size(): number {
    return this.entries.size;
  }

  get(workflowId: string, clusterId: string): Promise<ProblemLookup> {
    const key = `${workflowId} ${clusterId}`;
    const kept = this.entries.get(key);
    if (kept) {
      // most recently used last: the Map's order is the eviction order
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.lookup;
    }
    const entry = { bytes: 0 } as CacheEntry;
    entry.lookup = this.load(key, entry, workflowId, clusterId);
    this.entries.set(key, entry);
    return entry.lookup;
  }

  private async load(key: string, entry: CacheEntry, workflowId: string, clusterId: string): Promise<ProblemLookup> {
    let documents: Awaited<ReturnType<ProblemReader>>;
    try {
      documents = await this.read(workflowId, clusterId);
    } catch (error) {
      this.forget(key, entry);
      throw error;
    }
    const { workflow, cluster } = documents;
    if (!workflow || !cluster) {
      this.forget(key, entry);
      return { missing: !workflow ? 'workflow' : 'cluster' };
    }
    const size = workflow.byteLength + cluster.byteLength;
    // Still listed (not evicted while it was read) and small enough: kept, with its size counted.
    if (this.entries.get(key) === entry && size <= this.limits.bytes) {
      entry.bytes = size;
      this.bytes += size;
      this.evict(key);
    } else this.forget(key, entry);
    return { found: { workflow, cluster } };
  }

  /** Drops the least recently used problems (never `keep`, just stored) until both limits hold. */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.bytes <= this.limits.bytes) return;
      if (key !== keep) this.forget(key, entry);
    }
  }

  /** Removes `entry` if it is still the one listed under `key` (a later lookup may have replaced an evicted one). */
  private forget(key: string, entry: CacheEntry): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

interface CacheEntry {
  lookup: Promise<ProblemLookup>;
  /** The documents' size once kept; 0 while they are being read. */
  bytes: number;
}
