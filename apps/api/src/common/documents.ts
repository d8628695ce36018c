import { ValidationError, type ValidationIssue } from '@hetsched/core';
import { BadUserInputError } from './errors.js';

/**
 * Runs a parser/validator of @hetsched/core or @hetsched/formats and reports its ValidationError as the CLI does,
 * with the argument that carried the document in place of the file name:
 * `input.document: $.edges[15].to: edge to unknown task "n99"`.
 */
export function parseInput<T>(argument: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError) throw BadUserInputError.fromIssues(argument, error.issues);
    throw error;
  }
}

/** Throws BAD_USER_INPUT for the error issues of a validator that returns them. */
export function throwIfErrors(argument: string, issues: readonly ValidationIssue[]): void {
  if (issues.some((issue) => issue.severity === 'error')) throw BadUserInputError.fromIssues(argument, issues);
}

/** `{ key: value }` without the keys whose value is null or undefined (GraphQL gives null for an omitted field). */
export function definedFields<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== null && value !== undefined) result[key] = value;
  return result as { [K in keyof T]?: Exclude<T[K], null | undefined> };
}

export const MAX_TAGS = 32;
export const MAX_TAG_LENGTH = 64;

/** Tags trimmed and de-duplicated, in the order given; empty, overlong or too many are refused. */
export function normalizeTags(tags: readonly string[] | null | undefined, argument: string): string[] {
  const result: string[] = [];
  for (const [i, raw] of (tags ?? []).entries()) {
    const tag = raw.trim();
    if (tag.length === 0) throw new BadUserInputError(`${argument}[${i}]: a tag must not be empty`, [], { field: argument });
    if (tag.length > MAX_TAG_LENGTH) throw new BadUserInputError(`${argument}[${i}]: a tag has at most ${MAX_TAG_LENGTH} characters, got ${tag.length}`, [], { field: argument });
    if (!result.includes(tag)) result.push(tag);
  }
  if (result.length > MAX_TAGS) throw new BadUserInputError(`${argument}: at most ${MAX_TAGS} tags, got ${result.length}`, [], { field: argument });
  return result;
}
