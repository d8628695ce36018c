import { readFileSync } from 'node:fs';
import type { ArtifactSource, ProgressEvent, SchedulerPlugin } from '@hetsched/core';
import { CliError, ExitCode } from './cli-error.js';
import { ProgressLine } from './progress.js';

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130;

/** Off a terminal, at most one progress line per this interval (plus every important one). */
const LOG_INTERVAL_MS = 2_000;

/**
 * The host side of a long run on the command line: progress on stderr (a live line on a terminal, a line every
 * few seconds elsewhere) and Ctrl-C as the run's AbortSignal — the first stops the run, which keeps its best
 * result; the second leaves at once.
 */
export class CliRunHost {
  readonly progress = new ProgressLine();
  private readonly controller = new AbortController();
  private lastLogged = -Infinity;
  private readonly onSigint = (): void => {
    if (this.controller.signal.aborted) process.exit(INTERRUPTED);
    this.progress.log(`interrupted: stopping and keeping the best result so far (Ctrl-C again to quit now)`);
    this.controller.abort(new Error('interrupted'));
  };

  constructor(private readonly label: string) {
    process.on('SIGINT', this.onSigint);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get interrupted(): boolean {
    return this.controller.signal.aborted;
  }

  report = (event: ProgressEvent, important = false): void => {
    const percent = event.fraction === undefined ? '' : ` ${(100 * event.fraction).toFixed(0).padStart(3)}%`;
    const detail = event.message ?? describeData(event.data);
    const text = `${this.label}${percent}${detail ? `  ${detail}` : ''}`;
    this.progress.update(text);
    const now = performance.now();
    if (!this.progress.tty && (important || now - this.lastLogged >= LOG_INTERVAL_MS)) {
      this.lastLogged = now;
      this.progress.log(text);
    }
  };

  close(): void {
    process.off('SIGINT', this.onSigint);
    this.progress.clear();
  }
}

/** A progress event without a message, as `key value` pairs of its data (the first few; numbers rounded). */
function describeData(data: ProgressEvent['data']): string {
  if (!data) return '';
  const shown = Object.entries(data).slice(0, MAX_DATA_FIELDS);
  return shown.map(([key, value]) => `${key} ${typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(6) : String(value)}`).join(', ');
}

/** How many of a message-less event's data fields a progress line shows. */
const MAX_DATA_FIELDS = 5;

/** A file's bytes, with the reason it cannot be read as a one-line error naming the flag and the file. */
export function readInputFile(flag: string, file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${flag} ${file}: ${reason}`, ExitCode.invalidInput, { cause: error });
  }
}

/**
 * `--model FILE` for a learning scheduler: the option that names its artifact, set to the id the file carries,
 * and an artifact source serving that file under that id — the way the worker serves stored models by id. A value
 * the plugin ships (e.g. "builtin") is passed through as the option.
 */
export async function modelFileRun(plugin: SchedulerPlugin, value: string): Promise<{ options: Record<string, string>; artifacts?: ArtifactSource }> {
  const training = plugin.training;
  const option = training?.artifactOption;
  if (!training || !option) throw new CliError(`--model: scheduler "${plugin.metadata.name}" reads no trained model`, ExitCode.usage);
  if (option.builtIn?.includes(value)) return { options: { [option.name]: value } };
  const bytes = readInputFile('--model', value);
  if (!training.describeArtifact) throw new CliError(`--model: scheduler "${plugin.metadata.name}" cannot read a model from a file`, ExitCode.usage);
  let id: string;
  try {
    id = (await training.describeArtifact(bytes)).id;
  } catch (error) {
    throw new CliError(`--model ${value}: ${(error as Error).message}`, ExitCode.invalidInput, { cause: error });
  }
  const kind = training.artifactKind;
  return { options: { [option.name]: id }, artifacts: { get: (k, requested) => Promise.resolve(k === kind && requested === id ? bytes : undefined) } };
}
