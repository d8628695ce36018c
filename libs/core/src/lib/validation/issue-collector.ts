import type { ValidationIssue } from '../errors.js';

/** Accumulates issues so that one pass reports everything wrong with a document, not only the first fault. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  error(path: string, message: string, ids: Pick<ValidationIssue, 'taskId' | 'processorId'> = {}): void {
    this.issues.push({ severity: 'error', path, message, ...ids });
  }

  warning(path: string, message: string, ids: Pick<ValidationIssue, 'taskId' | 'processorId'> = {}): void {
    this.issues.push({ severity: 'warning', path, message, ...ids });
  }

  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

export interface NumberRule {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Value must be strictly greater than this. */
  greaterThan?: number;
  integer?: boolean;
}

/**
 * A JSON path, or a function that builds it: validation of a 100,000-task workflow checks millions of numbers,
 * and building each one's path string up front cost more than the checks themselves.
 */
export type LazyPath = string | (() => string);

const resolvePath = (path: LazyPath): string => (typeof path === 'string' ? path : path());

/** A value as a message shows it: numbers and short strings literally, anything else by its kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Checks an optional numeric field. NaN, ±Infinity, strings and negative numbers are refused with a message
 * that says which rule failed. Returns true when the value is present and valid.
 */
export function checkNumber(
  issues: IssueCollector,
  value: unknown,
  lazyPath: LazyPath,
  rule: NumberRule,
  ids: Pick<ValidationIssue, 'taskId' | 'processorId'> = {},
): value is number {
  if (value === undefined) return false;
  // The common case, a valid number, returns before any path or message is built.
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.greaterThan === undefined || value > rule.greaterThan) &&
    (rule.min === undefined || value >= rule.min)
  ) {
    return true;
  }
  const path = resolvePath(lazyPath);
  if (typeof value !== 'number') {
    issues.error(path, `must be a number, got ${describeValue(value)}`, ids);
    return false;
  }
  if (!Number.isFinite(value)) {
    issues.error(path, `must be a finite number, got ${value}`, ids);
    return false;
  }
  if (rule.integer && !Number.isInteger(value)) {
    issues.error(path, `must be an integer, got ${value}`, ids);
    return false;
  }
  if (rule.greaterThan !== undefined && !(value > rule.greaterThan)) {
    issues.error(path, `must be greater than ${rule.greaterThan}, got ${value}`, ids);
    return false;
  }
  if (rule.min !== undefined && value < rule.min) {
    issues.error(path, rule.min === 0 ? `must not be negative, got ${value}` : `must be at least ${rule.min}, got ${value}`, ids);
    return false;
  }
  return true;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkId(issues: IssueCollector, value: unknown, lazyPath: LazyPath, what: string): value is string {
  if (typeof value === 'string' && value.length > 0) return true;
  const path = resolvePath(lazyPath);
  if (typeof value !== 'string') {
    issues.error(path, `${what} id must be a string, got ${describeValue(value)}`);
    return false;
  }
  if (value.length === 0) {
    issues.error(path, `${what} id must not be empty`);
    return false;
  }
  return true;
}
