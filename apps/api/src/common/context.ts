import type { RunEngine } from '@hetsched/run-engine';
import type { Principal } from './principal.js';
import type { WorkBudget } from './work-budget.js';
import type { Loaders } from './loaders.js';
import type { Logger } from './logger.js';

/** What every resolver gets with a request: who is calling, the request's loaders and logger. */
export interface ApiContext {
  requestId: string;
  /** The verified token, or null when none was sent or it was refused (see `authFailure`). */
  principal: Principal | null;
  /** Why a token that was sent was refused; the authChecker reports it as UNAUTHENTICATED. */
  authFailure?: string;
  /** Per-request batch loaders: one query per kind of row, whatever the shape of the query. */
  loaders: Loaders;
  logger: Logger;
  /**
   * Filled in while the request runs (operation name and estimated cost, by the limits plugin) and logged when it
   * ends. A nested object because Apollo hands plugins a shallow copy of the context.
   */
  trace: { operationName?: string | null; complexity?: number };
  /** What this request may still spend on fields whose cost grows with the data (documents, Gantt charts). */
  work: WorkBudget;
  /** The run engine: queued runs, their events (subscriptions stream them), cancellation. */
  runEngine: RunEngine;
}

/** What a request's context is made from (create-api-server.ts's makeContext). */
export interface RequestContextParts {
  requestId: string;
  principal: Principal | null;
  authFailure?: string;
  loaders: Loaders;
  /** The process's logger: the request's own is a child of it, bound to the request id (and transport). */
  parentLogger: Logger;
  bindings: Record<string, string>;
  work: WorkBudget;
  runEngine: RunEngine;
}

/**
 * A request's context, whose logger is made the first time something logs: a pino child serializes its bindings
 * when made, and most requests (a history page) never log through it. The getter lives on the prototype, so that
 * a copy of the context (Object.create of the prototype + Object.assign) makes its own child, bound the same way.
 */
export class RequestContext implements ApiContext {
  readonly requestId: string;
  readonly principal: Principal | null;
  readonly authFailure?: string;
  readonly loaders: Loaders;
  readonly trace: ApiContext['trace'] = {};
  readonly work: WorkBudget;
  readonly runEngine: RunEngine;
  private readonly parentLogger: Logger;
  private readonly bindings: Record<string, string>;
  private child: Logger | undefined = undefined;

  constructor(parts: RequestContextParts) {
    this.requestId = parts.requestId;
    this.principal = parts.principal;
    if (parts.principal === null && parts.authFailure) this.authFailure = parts.authFailure;
    this.loaders = parts.loaders;
    this.work = parts.work;
    this.runEngine = parts.runEngine;
    this.parentLogger = parts.parentLogger;
    this.bindings = parts.bindings;
  }

  get logger(): Logger {
    return (this.child ??= this.parentLogger.child(this.bindings));
  }
}
