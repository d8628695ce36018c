/**
 * Why a search stopped: it finished (the result is optimal), a limit cut it short, or ('size') the problem is too
 * large for the tree search to start (the result is the incumbent and the root bound).
 */
export type StopReason = 'complete' | 'time' | 'nodes' | 'signal' | 'size';

/** How long synchronous work may run before the event loop gets a turn (abort events and timers need one). */
const SLICE_MS = 20;

/**
 * The time limit, the node limit and the abort signal of one search, read from an injectable clock. The search is
 * synchronous between calls to `breathe`, which yields to the event loop once a slice has passed: an AbortSignal
 * fired by a timer or a request handler is only seen after such a turn.
 */
export class SearchBudget {
  readonly startedAt: number;
  private sliceStartedAt: number;

  constructor(
    private readonly limits: { timeLimitMs: number; nodeLimit: number; signal?: AbortSignal | undefined; now: () => number },
  ) {
    this.startedAt = limits.now();
    this.sliceStartedAt = this.startedAt;
  }

  elapsedMs(): number {
    return this.limits.now() - this.startedAt;
  }

  /** The limit reached, if any (nodes: the search's count so far; a node limit of 0 means none). */
  exceeded(nodes = 0): StopReason | null {
    if (this.limits.signal?.aborted) return 'signal';
    if (this.elapsedMs() >= this.limits.timeLimitMs) return 'time';
    if (this.limits.nodeLimit > 0 && nodes >= this.limits.nodeLimit) return 'nodes';
    return null;
  }

  /** Share of the budget used, in [0, 1]: time, or nodes when that is further along. */
  fraction(nodes: number): number {
    const byTime = this.elapsedMs() / this.limits.timeLimitMs;
    const byNodes = this.limits.nodeLimit > 0 ? nodes / this.limits.nodeLimit : 0;
    return Math.min(1, Math.max(0, byTime, byNodes));
  }

  /** Yields to the event loop when the current slice of synchronous work is used up. */
  async breathe(): Promise<void> {
    if (this.limits.now() - this.sliceStartedAt < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStartedAt = this.limits.now();
  }
}
