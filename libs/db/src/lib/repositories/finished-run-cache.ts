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
 * Least recently used entries go first once `capacity` is reached (a Map iterates in insertion order, and a hit is
 * moved to the end): get and set are O(1).
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
    if (run === undefined || run.lastEventSequence !== lastEventSequence) return undefined;
    this.runs.delete(id);
    this.runs.set(id, run);
    return run;
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
