import type { Run } from '../store/api-store.js';

/** How long a read stays shared after it answered: subscribers take a status change within moments of each other. */
const KEEP_MS = 5_000;
/** Reads kept at most (each a run row); past it the oldest go first. */
const MAX_ENTRIES = 2_000;

/**
 * One database read of a run per status change, shared by every `runStatusChanged` subscriber of this process:
 * without it, N subscribers read the run N times for each of its changes (a thousand subscribers, three thousand
 * reads for one run). Keyed by run and event sequence, so a later change is always read afresh.
 */
export class SharedRunReads {
  private readonly reads = new Map<string, { run: Promise<Run<'SCHEDULE'> | null>; at: number }>();

  constructor(private readonly read: (runId: string) => Promise<Run<'SCHEDULE'> | null>) {}

  get(runId: string, sequence: number, now = Date.now()): Promise<Run<'SCHEDULE'> | null> {
    const key = `${runId}:${sequence}`;
    const hit = this.reads.get(key);
    if (hit && now - hit.at < KEEP_MS) return hit.run;
    const run = this.read(runId);
    // A failed read is not shared: the next subscriber tries again.
    run.catch(() => this.reads.delete(key));
    this.reads.set(key, { run, at: now });
    this.evict(now);
    return run;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.reads) {
      if (this.reads.size <= MAX_ENTRIES && now - entry.at < KEEP_MS) break; // insertion order: the rest are newer
      this.reads.delete(key);
    }
  }
}
