import { ValidationError, type ValidationIssue } from '@hetsched/core';

/**
 * The problems found while importing a foreign format. Errors are collected, not thrown one by one, so a broken
 * trace is reported whole; warnings (lossy but valid conversions) go back to the caller as sentences.
 */
export class ImportIssues {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: string[] = [];

  error(path: string, message: string, taskId?: string): void {
    this.errors.push({ severity: 'error', path, message, ...(taskId === undefined ? {} : { taskId }) });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Throws a ValidationError with every error so far; `what` names the document ("WfFormat trace"). */
  throwIfErrors(what: string): void {
    if (this.errors.length > 0) throw new ValidationError(this.errors, what);
  }
}

/** "3 tasks" / "1 task". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
