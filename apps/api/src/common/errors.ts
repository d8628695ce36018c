import { formatIssue, type ValidationIssue } from '@hetsched/core';
import { GraphQLError } from 'graphql';

/**
 * The error codes clients can rely on (`errors[].extensions.code`). Apollo adds its own for requests that never reach
 * a resolver (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST); the limits add theirs.
 */
export const ErrorCode = {
  badUserInput: 'BAD_USER_INPUT',
  notFound: 'NOT_FOUND',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  queryTooDeep: 'QUERY_TOO_DEEP',
  queryTooComplex: 'QUERY_TOO_COMPLEX',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  rateLimited: 'RATE_LIMITED',
  costLimit: 'COST_LIMIT_EXCEEDED',
  internal: 'INTERNAL_SERVER_ERROR',
} as const;

/** At most this many issues travel in `extensions.issues`; `extensions.issueCount` has the total. */
export const MAX_ISSUES = 100;

/** The issue list as clients see it in `extensions.issues`: the core's ValidationIssue, minus undefined keys. */
export interface IssueExtension {
  severity: 'error' | 'warning';
  path: string;
  message: string;
  taskId?: string;
  processorId?: string;
}

/**
 * Invalid input. The message is the CLI's (`$.edges[15].to: edge to unknown task "n99"`), prefixed with the argument
 * that carried the document when there is one; `extensions.issues` lists every problem, not only the first.
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, issues: readonly ValidationIssue[] = [], options: { field?: string } = {}) {
    // No `originalError`: that field marks an error that escaped from below (a bug), which the server masks. The
    // cause of an input error is the input, and the message and issues already say everything about it.
    super(message, {
      extensions: {
        code: ErrorCode.badUserInput,
        ...(options.field ? { field: options.field } : {}),
        // A 100,000-task document can have 100,000 faults: the count is exact, the list is capped.
        ...(issues.length > 0 ? { issueCount: issues.length, issues: issues.slice(0, MAX_ISSUES).map(toIssueExtension) } : {}),
      },
    });
    this.name = this.constructor.name;
  }

  /** From a core ValidationError's issues: the first error in the message, `(and N more)`, all of them attached. */
  static fromIssues(what: string, issues: readonly ValidationIssue[]): BadUserInputError {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0] ?? issues[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more; see extensions.issues)` : '';
    return new BadUserInputError(first ? `${what}: ${formatIssue(first)}${more}` : `${what}: invalid`, issues, { field: what });
  }
}

export class NotFoundError extends GraphQLError {
  /** @param what the type's name in the schema ("Workflow", "Cluster", "ScheduleRun") */
  constructor(what: string, id: string) {
    super(`${what} "${id}" not found`, { extensions: { code: ErrorCode.notFound, type: what, id } });
    this.name = this.constructor.name;
  }
}

/** What a lookup found, or NOT_FOUND naming `what` and `id` when it found nothing. */
export async function orNotFound<T>(lookup: Promise<T | undefined>, what: string, id: string): Promise<T> {
  const value = await lookup;
  if (value === undefined) throw new NotFoundError(what, id);
  return value;
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    // 401 lets HTTP-level clients and proxies tell "log in" from "bad query" without parsing the body.
    super(message, { extensions: { code: ErrorCode.unauthenticated, http: { status: 401 } } });
    this.name = this.constructor.name;
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.forbidden } });
    this.name = this.constructor.name;
  }
}

function toIssueExtension(issue: ValidationIssue): IssueExtension {
  return {
    severity: issue.severity,
    path: issue.path,
    message: issue.message,
    ...(issue.taskId !== undefined ? { taskId: issue.taskId } : {}),
    ...(issue.processorId !== undefined ? { processorId: issue.processorId } : {}),
  };
}
