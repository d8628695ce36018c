/**
 * At most one flush per `intervalMs`, always keeping the latest value: a burst of progress reports becomes the
 * first one at once, then the newest one each interval. `finish()` flushes what is pending (the final report is
 * never dropped) and waits for every flush to be written.
 */
export class ProgressThrottle<T> {
  private pending: { value: T } | undefined;
  private lastFlush = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (value: T) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(value: T): void {
    if (this.closed) return;
    this.pending = { value };
    if (this.timer) return;
    const wait = this.lastFlush + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /**
   * Writes `value` at once, replacing a pending one (which it supersedes): for reports that must never be dropped,
   * such as a training epoch. It still counts as a flush for the interval.
   */
  pushNow(value: T): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.pending = { value };
    this.flush();
  }

  private flush(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    this.lastFlush = this.now();
    this.chain = this.chain.then(() => this.write(pending.value)).catch(() => undefined);
  }

  /** Flushes the pending value now and resolves when everything is written; later pushes are ignored. */
  async finish(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    this.closed = true;
    await this.chain;
  }
}
