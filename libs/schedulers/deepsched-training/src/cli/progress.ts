import type { CliStream } from './io.js';

/** Room for the live line when the terminal does not say its width. */
const DEFAULT_COLUMNS = 120;

/**
 * A progress display on stderr. On a terminal one line is redrawn in place; elsewhere (a log file, CI, a pipe)
 * redraws are dropped and only `log` lines are written, so logs get one line per epoch instead of thousands.
 */
export class ProgressLine {
  private shown = false;
  constructor(
    private readonly stream: CliStream,
    readonly tty = Boolean(stream.isTTY),
  ) {}

  /** Replaces the live line (terminal only). */
  update(text: string): void {
    if (!this.tty) return;
    const width = this.stream.columns ? this.stream.columns - 1 : DEFAULT_COLUMNS;
    this.stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width) : text}`);
    this.shown = true;
  }

  /** A permanent line (the live line, if any, is cleared first and redrawn by the next update). */
  log(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

/** 95 s -> "1m35s"; for ETAs. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A text bar: [#####.....] */
export function bar(done: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
