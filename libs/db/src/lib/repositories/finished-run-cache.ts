import type { Run } from './run-repository.js';

/** Runs a process keeps decoded: a run is a few hundred bytes, so the default bounds the cache to a few MB. */
export const DEFAULT_FINISHED_RUN_CACHE_SIZE = 10_000;

/**
 * Runs in a final status (SUCCEEDED, FAILED, CANCELLED), decoded, by id: the history reads only the keys of such a
 * run and takes the rest from here. Safe because a final run never changes again: every status change is a guarded
 * update from QUEUED or RUNNING, and results are written with the change that ends the run. The one column that
 * still moves is `last_event_sequence` (the final event is appended just after the final status), so an entry
 * serves only the sequence it was read with. A deleted run is never asked for: the history asks by the ids its
 * query found.
 *
 * The oldest entries go first once `capacity` is reached (a Map iterates in insertion order): get and set are O(1).
 * A hit is not moved to the end: deleting and re-inserting on every read churns V8's hash table into rehashing and
 * garbage; a run dropped while still on a page costs one read to come back.
 */
export class FinishedRunCache {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly capacity = DEFAULT_FINISHED_RUN_CACHE_SIZE) {}

  get size(): number {
    return this.runs.size;
  }

  /** The cached run, when it was read at this event sequence. */
  get(id: string, lastEventSequence: number): Run | undefined {
    const run = this.runs.get(id);
    return run !== undefined && run.lastEventSequence === lastEventSequence ? run : undefined;
  }

  /** Keeps a run that is final; others are ignored (they still change). */
  set(run: Run): void {
    if (!isFinal(run.status)) return;
    this.runs.delete(run.id);
    this.runs.set(run.id, run);
    if (this.runs.size > this.capacity) this.runs.delete(this.runs.keys().next().value!);
  }
}

export function isFinal(status: Run['status']): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}
