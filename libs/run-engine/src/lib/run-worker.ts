import { hostname } from 'node:os';
import { exactJsonParameter } from '@hetsched/codec';
import type { ProgressEvent } from '@hetsched/core';
import type { CompleteScheduleRunInput, Run, RunEventInput, Store } from '@hetsched/db';
import type { SchedulerCatalog } from '@hetsched/plugin-registry';
import { CHANNELS, type EngineLogger } from './channels.js';
import { isDatabaseUnavailable, whileDatabaseIsDown } from './database-outage.js';
import type { ProcessMetrics } from './metrics.js';
import type { PgListener } from './pg-listener.js';
import { ProblemCache } from './problem-cache.js';
import { ProgressThrottle } from './progress-throttle.js';
import { executeRun, type AbortCause, type ActiveRun, type RunKindContext } from './run-kinds.js';
import { appendRunEvent, eventAnnouncement, statusEvent } from './run-events.js';
import { ThreadPool, type ThreadOutcome, type ThreadPoolSettings } from './thread-pool.js';

export interface RunWorkerSettings {
  /** Runs executed at once by this process (each on its own thread). */
  concurrency: number;
  /** Per-run wall-clock limit. */
  timeLimitMs: number;
  /** After an abort (cancel, time limit), how long the plugin may take to stop before its thread is terminated. */
  abortGraceMs: number;
  /** Minimum time between two stored progress events of one run (100 ms: at most 10 a second). */
  progressIntervalMs: number;
  /** How often the worker says its runs are alive (and learns of cancels whose NOTIFY it missed). */
  heartbeatMs: number;
  /** How long a worker's runs survive its silence (the reaper's rule); the worker keeps a result that long when the database is down. */
  silenceGraceMs: number;
  /** How often an idle worker looks for queued runs when no NOTIFY woke it (a missed NOTIFY, a reconnect). */
  pollMs: number;
  /** Where scheduler packages are installed. */
  pluginRoot: string;
  threads: ThreadPoolSettings;
}

/** The status event data a claimed run's RUNNING event carries, as the store writes it. */
const RUNNING_EVENT_DATA = exactJsonParameter(statusEvent('RUNNING').data)!;

/**
 * Executes queued runs. The runs table is the queue: a NOTIFY on `hetsched_runs_queued` (sent when a submission
 * commits) wakes an idle worker at once, a poll every `pollMs` is the fallback; the worker claims as many QUEUED runs
 * as it has free slots in one statement (QUEUED -> RUNNING with their RUNNING events, FOR UPDATE SKIP LOCKED), runs
 * each on a worker thread (thread-pool.ts, warm threads per plugin), stores throttled progress events, and writes
 * the outcome in one transaction (guarded: a run cancelled or reaped meanwhile keeps its final state). A schedule
 * run's success claims the next runs in the same statement (completeSchedule), so a burst of tiny runs costs about
 * one statement per run; slots promised to a claim in flight are reserved, so no two claims fill one.
 *
 * Liveness is a heartbeat: every `heartbeatMs` the worker touches its RUNNING runs; the reaper (any process) fails a
 * run whose heartbeat is older than the grace period. A database outage shorter than that costs nothing: the threads
 * compute on, heartbeats resume, and final writes are retried until the database is back (docs/runs.md).
 */
export class RunWorker {
  readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly active = new Map<string, ActiveRun>();
  private readonly threads: ThreadPool;
  /** The documents of the problems run lately: a comparison's runs share one read. */
  private readonly problems: ProblemCache;
  private readonly inFlight = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private claiming: Promise<void> | undefined;
  private claimAgain = false;
  /** Slots promised to a claim in flight (a completion's, completeSchedule): no other claim may fill them. */
  private reserved = 0;
  private readonly onNotification = (channel: string, payload: string) => {
    if (channel === CHANNELS.queued) this.wake();
    else if (channel === CHANNELS.cancel) {
      try {
        const { runId } = JSON.parse(payload) as { runId?: string };
        if (runId) this.abort(runId, 'cancelled');
      } catch {
        // not ours
      }
    }
  };
  /** The database is back: say at once that our runs are alive (before any reaper judges them), then claim. */
  private readonly onReconnected = () => {
    void this.heartbeat();
    this.wake();
  };

  constructor(
    private readonly store: Store,
    private readonly listener: PgListener,
    private readonly catalog: SchedulerCatalog,
    private readonly settings: RunWorkerSettings,
    private readonly logger: EngineLogger,
    private readonly metrics?: ProcessMetrics,
  ) {
    this.threads = new ThreadPool(settings.threads);
    this.problems = new ProblemCache((workflowId, clusterId) => store.runs.problemDocuments(workflowId, clusterId));
  }

  /** True once close() began: readiness probes answer 503 from then on. */
  get isStopping(): boolean {
    return this.stopping;
  }

  get activeRuns(): string[] {
    return [...this.active.keys()];
  }

  /** Warm threads waiting for their next run (tests). */
  get idleThreads(): number {
    return this.threads.idleCount();
  }

  async start(): Promise<void> {
    this.listener.on('notification', this.onNotification);
    this.listener.on('reconnected', this.onReconnected);
    const every = (ms: number, tick: () => void) => {
      const timer = setInterval(tick, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.heartbeatMs, () => void this.heartbeat());
    every(this.settings.pollMs, () => this.wake());
    this.wake();
    this.logger.info({ worker: this.id, concurrency: this.settings.concurrency, timeLimitMs: this.settings.timeLimitMs }, 'run worker started');
  }

  /** Stops taking runs; runs still executing are aborted and end FAILED ("the worker shut down"). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.listener.off('notification', this.onNotification);
    this.listener.off('reconnected', this.onReconnected);
    await this.claiming;
    for (const runId of this.active.keys()) this.abort(runId, 'shutdown');
    // A completion in flight may still hand over runs it claimed (started aborted: see startClaimed).
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.threads.close();
  }

  /** Claims queued runs for the free slots; a wake-up during a claim makes it claim again after. */
  private wake(): void {
    if (this.stopping) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimWhileFree().finally(() => {
      this.claiming = undefined;
    });
  }

  private async claimWhileFree(): Promise<void> {
    do {
      this.claimAgain = false;
      const free = this.freeSlots();
      if (free <= 0 || this.stopping) return;
      let claimed: Awaited<ReturnType<Store['runs']['claimQueued']>>;
      // The slots are promised to this claim until its runs take them: a completion meanwhile must not fill them too.
      this.reserved += free;
      try {
        // Their RUNNING events are announced by the claim itself, before the runs can report anything.
        claimed = await this.store.runs.claimQueued(this.id, free, RUNNING_EVENT_DATA, eventAnnouncement);
        this.startClaimed(claimed);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) this.logger.warn({ err: error }, 'could not claim queued runs');
        return;
      } finally {
        this.reserved -= free;
      }
      if (claimed.length === free) this.claimAgain = true; // there may be more
    } while (this.claimAgain);
  }

  /**
   * Slots neither running a run nor promised to a claim in flight. A run storing its result has released its slot
   * already (`slotReleased`: its completion claims its successors). O(concurrency).
   */
  private freeSlots(): number {
    let occupied = 0;
    for (const active of this.active.values()) if (!active.slotReleased) occupied++;
    return this.settings.concurrency - occupied - this.reserved;
  }

  /** Executes runs claimed for this worker; once it is stopping they start aborted, and end FAILED as shut down. */
  private startClaimed(claimed: readonly { run: Run }[]): void {
    for (const { run } of claimed) {
      const active: ActiveRun = { controller: new AbortController() };
      this.active.set(run.id, active);
      if (this.stopping) this.abort(run.id, 'shutdown');
      void this.track(this.execute(run, active));
    }
  }

  /**
   * A schedule run's success, and the claim of this worker's next runs in the same statement (completeWithEvent):
   * the run's slot is free from now on, so it, and any other free slot, is filled without a claim statement of its
   * own (one round trip per tiny run instead of two). Retried as a whole during an outage (finalWrite).
   */
  private async completeSchedule(runId: string, active: ActiveRun, result: CompleteScheduleRunInput, event: RunEventInput) {
    active.slotReleased = true;
    const limit = this.stopping ? 0 : Math.max(0, this.freeSlots());
    this.reserved += limit;
    try {
      const done = await this.store.runs.completeWithEvent(runId, result, event, {
        announce: eventAnnouncement,
        claim: { workerId: this.id, limit, statusEventData: RUNNING_EVENT_DATA },
      });
      this.startClaimed(done.claimed);
      return done;
    } finally {
      this.reserved -= limit;
    }
  }

  private async track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private abort(runId: string, cause: AbortCause): void {
    const run = this.active.get(runId);
    if (!run) return;
    run.cause ??= cause;
    run.controller.abort();
  }

  /** Touches this worker's runs; one that is no longer RUNNING here (cancelled, reaped) is stopped. */
  async heartbeat(): Promise<void> {
    const ids = [...this.active.keys()];
    if (ids.length === 0) return;
    try {
      const alive = await this.store.runs.heartbeat(this.id, ids);
      for (const id of ids) if (!alive.has(id)) this.abort(id, 'cancelled');
    } catch (error) {
      // A database outage: the runs go on (the reaper's grace covers the silence), heartbeats resume when it is back.
      this.logger.warn({ err: error }, 'could not send the heartbeat of running runs');
    }
  }

  private async execute(run: Run, active: ActiveRun): Promise<void> {
    this.logger.info({ runId: run.id, scheduler: run.scheduler, kind: run.kind, worker: this.id }, 'run started');
    try {
      await executeRun(run, this.context(run, active));
    } catch (error) {
      this.logger.error({ err: error, runId: run.id }, 'run failed in the worker');
      await this.failRun(run.id, `worker error: ${error instanceof Error ? error.message : String(error)}`).catch(() => undefined);
    } finally {
      this.active.delete(run.id);
      this.wake(); // a slot is free
    }
  }

  /** What a kind of run needs from the worker (run-kinds.ts). */
  private context(run: Run, active: ActiveRun): RunKindContext {
    return {
      store: this.store,
      catalog: this.catalog,
      threads: this.threads,
      problems: this.problems,
      settings: this.settings,
      logger: this.logger,
      active,
      workerId: this.id,
      underRunLimits: (work) => this.underRunLimits(run.id, active, work),
      finalWrite: (what, work) => whileDatabaseIsDown(work, { deadline: Date.now() + this.settings.silenceGraceMs, logger: this.logger, what: `${what} of run ${run.id}` }),
      failRun: (error) => this.failRun(run.id, error),
      completeSchedule: (result, event) => this.completeSchedule(run.id, active, result, event),
      observe: (ended) => this.metrics?.observeRun(ended),
    };
  }

  /**
   * Runs a run's thread under the worker's limits: its progress events go through a throttle into the run's
   * events (none once it is cancelled), and the time limit aborts it. Both are released when the thread is done.
   */
  private async underRunLimits(runId: string, active: ActiveRun, work: (throttle: ProgressThrottle<ProgressEvent>) => Promise<ThreadOutcome>): Promise<ThreadOutcome> {
    const throttle = new ProgressThrottle<ProgressEvent>(this.settings.progressIntervalMs, async (event) => {
      if (active.cause === 'cancelled') return;
      try {
        await appendRunEvent(this.store, runId, { kind: 'progress', fraction: event.fraction ?? null, message: event.message ?? null, data: event.data ?? null });
      } catch (error) {
        // During a database outage progress is not stored (the next event after it is); the run goes on.
        if (!isDatabaseUnavailable(error)) this.logger.warn({ err: error, runId }, 'could not store a progress event');
      }
    });
    const limit = setTimeout(() => {
      active.cause ??= 'time-limit';
      active.controller.abort();
    }, this.settings.timeLimitMs);
    try {
      return await work(throttle);
    } finally {
      clearTimeout(limit);
      await throttle.finish();
    }
  }

  private async failRun(runId: string, error: string): Promise<void> {
    const failed = await whileDatabaseIsDown(() => this.store.runs.fail(runId, error), {
      deadline: Date.now() + this.settings.silenceGraceMs,
      logger: this.logger,
      what: `failing run ${runId}`,
    });
    if (failed.updated) {
      await appendRunEvent(this.store, runId, statusEvent('FAILED', { error }));
      this.metrics?.observeRun(failed.run);
      this.logger.warn({ runId, error }, 'run failed');
    }
  }
}
