import type { RunEventRecord } from '@hetsched/db';
import { isFinalEvent, type RunEngine } from '@hetsched/run-engine';
import { Arg, Authorized, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { includesRole, Role } from '../common/role.js';
import { MISSING_TOKEN_MESSAGE } from '../auth/auth-checker.js';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../common/errors.js';
import type { ApiContext } from '../common/context.js';
import type { RunStatus } from '../common/run.type.js';
import type { Run } from '../store/api-store.js';
import { RunProgressEvent, RunStatusFilter } from './run-progress.type.js';
import { ScheduleRun } from './schedule-run.type.js';
import { SharedRunReads } from './shared-run-reads.js';

/** Subscriptions are authorised when they start (the per-event @Authorized check repeats it). */
function engineFor(context: ApiContext): RunEngine {
  if (!context.principal) throw new UnauthenticatedError(context.authFailure ?? MISSING_TOKEN_MESSAGE);
  if (!includesRole(context.principal.role, Role.READER)) throw new UnauthenticatedError('this token may not read runs');
  return context.runEngine;
}

/** `after`: the cursor of the last event a client has (a decimal sequence number); null or absent: from the start. */
export function parseCursor(after: string | null | undefined): number {
  if (after === null || after === undefined || after === '') return 0;
  if (!/^\d{1,15}$/.test(after)) throw new BadUserInputError(`after: not a cursor of runProgress: "${after}"`, [], { field: 'after' });
  return Number(after);
}

export function toProgressEvent(event: RunEventRecord): RunProgressEvent {
  return {
    runId: event.runId,
    sequence: event.sequence,
    cursor: String(event.sequence),
    kind: event.kind,
    status: event.kind === 'status' ? ((event.data?.['status'] as RunStatus | undefined) ?? null) : null,
    fraction: event.fraction,
    message: event.message,
    data: event.data,
    createdAt: event.createdAt,
    final: isFinalEvent(event),
  };
}

type Args = SubscribeResolverData<unknown, Record<string, unknown>, ApiContext>;

async function subscribeProgress({ args, context }: Args): Promise<AsyncIterable<RunEventRecord>> {
  const engine = engineFor(context);
  const runId = args['runId'] as string;
  const after = parseCursor(args['after'] as string | null | undefined);
  // Any run: schedule runs and training runs share the events and this subscription.
  if (!(await engine.store.runs.findRun(runId))) throw new NotFoundError('Run', runId);
  return engine.events(runId, after);
}

/** Per engine (one per server), so that servers in one process (tests) never share reads. */
const sharedReads = new WeakMap<RunEngine, SharedRunReads>();

function subscribeStatus({ args, context }: Args): AsyncIterable<Run<'SCHEDULE'>> {
  const engine = engineFor(context);
  let reads = sharedReads.get(engine);
  if (!reads) sharedReads.set(engine, (reads = new SharedRunReads((id) => engine.store.runs.findById(id))));
  const runReads = reads;
  const filter = (args['filter'] as RunStatusFilter | null | undefined) ?? {};
  const runIds = filter.runIds ? new Set(filter.runIds.map((id) => id.toLowerCase())) : null;
  const statuses = filter.statuses ? new Set<string>(filter.statuses) : null;
  const source = engine.statusChanges();
  // A hand-written iterator: `return()` must reach the source at once, even while `next()` waits.
  const iterator: AsyncIterableIterator<Run<'SCHEDULE'>> = {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done) return { done: true, value: undefined };
        const change = step.value;
        if (runIds && !runIds.has(change.runId)) continue;
        if (statuses && !(change.status && statuses.has(change.status))) continue;
        // Schedule runs only (the payload is a ScheduleRun); training runs are followed with runProgress.
        const run = await runReads.get(change.runId, change.sequence);
        if (!run) continue;
        if (filter.workflowId && run.workflowId !== filter.workflowId) continue;
        if (filter.scheduler && run.scheduler !== filter.scheduler) continue;
        // The change as it happened (the run may have moved on since): status from the event.
        return { done: false, value: { ...run, status: change.status ?? run.status } };
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}

@Resolver()
export class RunSubscriptionResolver {
  @Authorized(Role.READER)
  @Subscription(() => RunProgressEvent, {
    subscribe: subscribeProgress,
    description:
      "A run's events: first the stored ones after `after` (all when absent), then live ones, each once and in order; completes after the final " +
      'status event. Reconnect with the `cursor` of the last event received to resume without loss or duplicates. Over graphql-ws on /graphql.',
  })
  runProgress(
    @Root() event: RunEventRecord,
    @Arg('runId', () => ID) _runId: string,
    @Arg('after', () => String, { nullable: true, description: 'The cursor of the last event the client has.' }) _after: string | null,
  ): RunProgressEvent {
    return toProgressEvent(event);
  }

  @Authorized(Role.READER)
  @Subscription(() => ScheduleRun, {
    subscribe: subscribeStatus,
    description: 'Runs as their status changes (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), from now on. Over graphql-ws on /graphql.',
  })
  runStatusChanged(@Root() run: Run<'SCHEDULE'>, @Arg('filter', () => RunStatusFilter, { nullable: true }) _filter: RunStatusFilter | null): Run<'SCHEDULE'> {
    return run;
  }
}
