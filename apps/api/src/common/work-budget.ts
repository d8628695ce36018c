import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

/**
 * The work one request may make fields whose cost grows with stored data do: a document, a task or edge list,
 * assignments, a Gantt chart. The static complexity estimate cannot know a run's size before execution; each such
 * field charges its real size here before doing the work, and past the limit it is refused (COST_LIMIT_EXCEEDED)
 * instead of blocking the event loop for seconds.
 */
export class WorkBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Spends `units` (tasks, edges...) on `what`; throws when the request would pass its limit. */
  charge(units: number, what: string): void {
    this.spent += units;
    if (this.spent > this.limit) {
      throw new GraphQLError(
        `this request asks for too much data: ${what} would bring its work to ${this.spent} units (tasks and edges read or drawn), the limit is ${this.limit} (HETSCHED_MAX_REQUEST_WORK); ask for fewer large fields per request`,
        { extensions: { code: ErrorCode.costLimit, work: this.spent, maxRequestWork: this.limit } },
      );
    }
  }
}
