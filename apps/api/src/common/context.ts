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
