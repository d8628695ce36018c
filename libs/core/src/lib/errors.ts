/**
 * One problem found in user input. `path` is a JSON path into the document (`$.tasks[3].costs.p2`);
 * `taskId` / `processorId` name the entity when there is one, so a CLI or API can point at it.
 */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  path: string;
  message: string;
  taskId?: string;
  processorId?: string;
}

/** Thrown when input is invalid; carries every issue found, not only the first. */
export class ValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], what = 'input', options?: ErrorOptions) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0] ?? issues[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super(first ? `invalid ${what}: ${formatIssue(first)}${more}` : `invalid ${what}`, options);
    this.name = this.constructor.name;
    this.issues = issues;
  }
}

/** Raised by a scheduler on options it cannot accept; the API maps it to BAD_USER_INPUT. */
export class SchedulerOptionsError extends ValidationError {}

/** Raised when a run is cancelled through its AbortSignal before a result exists. */
export class ScheduleAbortedError extends Error {
  constructor(message = 'scheduling was cancelled', options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
  }
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.message}`;
}
