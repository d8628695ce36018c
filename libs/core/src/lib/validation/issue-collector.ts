import type { ValidationIssue } from '../errors.js';

/** Accumulates issues so that one pass reports everything wrong with a document, not only the first fault. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  error(path: string, message: string, ids: IssueIds = {}): void {
    this.issues.push({ severity: 'error', path, message, ...ids });
  }

  warning(path: string, message: string, ids: IssueIds = {}): void {
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

/** The ids an issue carries, so that a CLI or an API can point at the task or processor. */
export type IssueIds = Pick<ValidationIssue, 'taskId' | 'processorId'>;

/**
 * Where a value sits: its JSON path, the ids of the task or processor it belongs to and how a message names its
 * owner (`task "b"`, `edge "a" -> "b"`; by default built from the ids). A JSON path alone (`$.tasks[1].work`)
 * makes a user count tasks in a large file: messages name the owner too.
 */
export interface Place extends IssueIds {
  path: LazyPath;
  owner?: string;
}

/** Longest id a message quotes in full; a longer one is cut with an ellipsis (ids may be megabytes long). */
const MAX_QUOTED_ID = 60;

/**
 * An id as messages quote it: JSON-quoted, so that quotes and line breaks in an id never break the one-line
 * message a CLI prints, and cut when very long.
 */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > MAX_QUOTED_ID ? `${id.slice(0, MAX_QUOTED_ID)}…` : id);
}

/** `task "b"`, `processor "p1"`, `task "b", processor "p1"`, or '' when the place names no owner. */
export function ownerOf(place: Omit<Place, 'path'>): string {
  if (place.owner !== undefined) return place.owner;
  const names: string[] = [];
  if (place.taskId !== undefined) names.push(`task ${quoteId(place.taskId)}`);
  if (place.processorId !== undefined) names.push(`processor ${quoteId(place.processorId)}`);
  return names.join(', ');
}

/** Records an error about the value at `place`: the message gets its owner appended, `... (task "b")`. */
export function errorAt(issues: IssueCollector, place: Place, message: string): void {
  const owner = ownerOf(place);
  const ids: IssueIds = {};
  if (place.taskId !== undefined) ids.taskId = place.taskId;
  if (place.processorId !== undefined) ids.processorId = place.processorId;
  issues.error(resolvePath(place.path), owner ? `${message} (${owner})` : message, ids);
}

/**
 * Checks an optional numeric field. NaN, ±Infinity, strings and negative numbers are refused with a message
 * that says which rule failed and whose value it is. Returns true when the value is present and valid.
 */
export function checkNumber(issues: IssueCollector, value: unknown, place: Place, rule: NumberRule): value is number {
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
  errorAt(issues, place, numberProblem(value, rule));
  return false;
}

/** What is wrong with a value that breaks `rule`. */
function numberProblem(value: unknown, rule: NumberRule): string {
  if (typeof value !== 'number') return `must be a number, got ${describeValue(value)}`;
  if (!Number.isFinite(value)) return `must be a finite number, got ${value}`;
  if (rule.integer && !Number.isInteger(value)) return `must be an integer, got ${value}`;
  if (rule.greaterThan !== undefined && !(value > rule.greaterThan)) return `must be greater than ${rule.greaterThan}, got ${value}`;
  return rule.min === 0 ? `must not be negative, got ${value}` : `must be at least ${rule.min}, got ${value}`;
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
