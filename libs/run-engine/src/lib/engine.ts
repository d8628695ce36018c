import { availableParallelism } from 'node:os';
import { resolveTrainingParameters, trainingOf, type SchedulerPlugin } from '@hetsched/core';
import { createStore, inTransaction, type CreateScheduleRunInput, type Queryable, type Run, type RunEventRecord, type Store, type TransitionResult } from '@hetsched/db';
import { resolveHardInstanceOptions } from '@hetsched/hard-instances';
import { defaultPluginRoot, PluginCatalog } from '@hetsched/plugin-registry';
import { CHANNELS, silentLogger, type EngineLogger } from './channels.js';
import { RunEventFeed } from './event-feed.js';
import { notify, PgListener } from './pg-listener.js';
import { ProcessMetrics } from './metrics.js';
import { DbCatalogPersistence } from './plugin-catalog.js';
import { DEFAULT_RETENTION, pruneOldRecords, reapSilentRuns, type RetentionSettings } from './reaper.js';
import { appendRunEvent, eventAnnouncement, statusEvent, type EventNotification } from './run-events.js';
import { RunWorker, type RunWorkerSettings } from './run-worker.js';
import { DEFAULT_THREAD_POOL } from './thread-pool.js';

export interface RunEngineOptions {
  connectionString: string;
  /** Where scheduler packages are installed (`<pluginRoot>/node_modules`); default: defaultPluginRoot (HETSCHED_PLUGIN_ROOT, else this install). */
  pluginRoot?: string;
  logger?: EngineLogger;
  /** Execute runs in this process too; false (the default) only submits, cancels and streams. */
  worker?: boolean | Partial<Omit<RunWorkerSettings, 'pluginRoot' | 'timeLimitMs' | 'silenceGraceMs'>>;
  /** Per-run wall-clock limit (default 10 min; HETSCHED_RUN_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** How often this process looks for RUNNING runs whose worker is gone (default 5 s). 0: never. */
  reapIntervalMs?: number;
  /**
   * How long a RUNNING run's worker may be silent (no heartbeat) before the run is failed as lost (default 60 s;
   * HETSCHED_WORKER_SILENCE_GRACE_MS): longer than a database outage a run should survive (30 s) plus a heartbeat.
   */
  silenceGraceMs?: number;
  /** How long the history of finished runs (their events) and idempotency keys are kept (HETSCHED_*_RETENTION_DAYS). */
  retention?: Partial<RetentionSettings>;
  /** Connections of the engine's own pool (default 5). */
  poolSize?: number;
  /** The `process` label of this process's metrics (default: worker when it executes runs, else api). */
  processKind?: 'api' | 'worker';
}

export const DEFAULT_TIME_LIMIT_MS = 10 * 60_000;
export const DEFAULT_REAP_INTERVAL_MS = 5_000;
export const DEFAULT_SILENCE_GRACE_MS = 60_000;

export interface RunEngineSettings {
  timeLimitMs: number;
  reapIntervalMs: number;
  silenceGraceMs: number;
  pluginRoot: string;
  retention: RetentionSettings;
}

/**
 * Queued runs on one PostgreSQL database shared by any number of API and worker processes. The runs table is the
 * queue: `submit` (schedule), `submitTraining` and `submitHardInstance` store a QUEUED run with its first event and
 * wake the workers in one transaction (nothing is ever half-queued); workers (`worker` option, or apps/worker) claim
 * and execute them; `cancel` works for queued and running runs; `events` / `statusChanges` stream what every process
 * stores; `catalog` is the database-backed scheduler registry; every process reaps runs whose worker went silent.
 * docs/runs.md has the guarantees.
 */
export class RunEngine {
  private reaper: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly store: Store,
    /** The plugin catalog, its records shared with every process through the database. */
    readonly catalog: PluginCatalog,
    readonly feed: RunEventFeed,
    /** The process's LISTEN connection (tests break it on purpose: `listener.breakConnection()`). */
    readonly listener: PgListener,
    readonly worker: RunWorker | undefined,
    readonly settings: RunEngineSettings,
    private readonly logger: EngineLogger,
    /** This process's metrics (/metrics): runs, queue, pool, Node; run durations when it executes runs. */
    readonly metrics: ProcessMetrics,
  ) {}

  static async start(options: RunEngineOptions): Promise<RunEngine> {
    const logger = options.logger ?? silentLogger;
    const settings: RunEngineSettings = {
      timeLimitMs: options.timeLimitMs ?? envInt('HETSCHED_RUN_TIME_LIMIT_MS', DEFAULT_TIME_LIMIT_MS),
      reapIntervalMs: options.reapIntervalMs ?? envInt('HETSCHED_REAP_INTERVAL_MS', DEFAULT_REAP_INTERVAL_MS),
      silenceGraceMs: options.silenceGraceMs ?? envInt('HETSCHED_WORKER_SILENCE_GRACE_MS', DEFAULT_SILENCE_GRACE_MS),
      pluginRoot: options.pluginRoot ?? defaultPluginRoot(import.meta.url),
      retention: {
        runEventsDays: options.retention?.runEventsDays ?? envInt('HETSCHED_RUN_EVENTS_RETENTION_DAYS', DEFAULT_RETENTION.runEventsDays),
        idempotencyKeysDays: options.retention?.idempotencyKeysDays ?? envInt('HETSCHED_IDEMPOTENCY_RETENTION_DAYS', DEFAULT_RETENTION.idempotencyKeysDays),
      },
    };
    const store = createStore(options.connectionString, { max: options.poolSize ?? 5 });
    const metrics = new ProcessMetrics(store, options.processKind ?? (options.worker ? 'worker' : 'api'));
    const listener = new PgListener(options.connectionString, Object.values(CHANNELS), logger);
    let catalog: PluginCatalog | undefined;
    let feed: RunEventFeed | undefined;
    try {
      // The LISTEN connection and the plugins at once: discovery imports every installed plugin.
      const [opened] = await Promise.all([
        PluginCatalog.open({ root: settings.pluginRoot, persistence: new DbCatalogPersistence(store, listener), logger }),
        listener.start(),
      ]);
      catalog = opened;
      feed = new RunEventFeed(store, listener);
      const worker = options.worker ? new RunWorker(store, listener, catalog, workerSettings(options.worker, settings), logger, metrics) : undefined;
      await worker?.start();
      const engine = new RunEngine(store, catalog, feed, listener, worker, settings, logger, metrics);
      engine.startReaper();
      return engine;
    } catch (error) {
      catalog?.close();
      feed?.stop();
      await listener.stop();
      await store.close();
      throw error;
    }
  }

  private startReaper(): void {
    if (this.settings.reapIntervalMs <= 0) return;
    const tick = () => {
      this.reapNow()
        .then(() => pruneOldRecords(this.store, this.settings.retention, this.logger))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'reaper failed'))
        .finally(() => {
          if (this.closing) return;
          // jitter: processes started together do not all reap at the same instant
          this.reaper = setTimeout(tick, this.settings.reapIntervalMs * (0.75 + Math.random() / 2));
          this.reaper.unref();
        });
    };
    this.reaper = setTimeout(tick, this.settings.reapIntervalMs * Math.random());
    this.reaper.unref();
  }

  /** A QUEUED schedule run with its first status event, workers woken (one statement: submitAll). */
  async submit(input: CreateScheduleRunInput): Promise<Run<'SCHEDULE'>> {
    const [run] = await this.submitAll([input]);
    return run!;
  }

  /**
   * Several schedule runs (a comparison): all queued, or none. Whatever their number it is one statement
   * (createQueued): the runs, their QUEUED events, each event's NOTIFY and the workers' wake-up, delivered on commit.
   */
  async submitAll(inputs: readonly CreateScheduleRunInput[]): Promise<Run<'SCHEDULE'>[]> {
    if (inputs.length === 0) return [];
    const wakeUp = { channel: CHANNELS.queued, payload: JSON.stringify({ count: inputs.length }) };
    const queued = await this.store.runs.createQueued(inputs, statusEvent('QUEUED'), { announce: eventAnnouncement, wakeUp });
    return queued.map(({ run }) => run);
  }

  /**
   * Stores a run (by `create`, on the transaction's connection), its QUEUED event, and the NOTIFY that wakes the
   * workers — delivered on commit, so no worker looks before the run exists, and a failure leaves nothing behind.
   */
  private enqueue<R extends Run>(create: (db: Queryable) => Promise<R>): Promise<R> {
    return inTransaction(this.store.pool, async (client) => {
      const run = await this.queued(client, await create(client));
      await notify(client, CHANNELS.queued, { count: 1 });
      return run;
    });
  }

  private async queued<R extends Run>(db: Queryable, run: R): Promise<R> {
    const event = await appendRunEvent(this.store, run.id, statusEvent('QUEUED'), db);
    return { ...run, lastEventSequence: event?.sequence ?? run.lastEventSequence };
  }

  /**
   * A QUEUED training run of a learning scheduler (docs/runs.md#training-runs). The parameters are resolved against
   * the plugin's training schema first (a SchedulerOptionsError names every field at fault, `path` its root);
   * nothing is stored then.
   */
  async submitTraining(plugin: SchedulerPlugin, rawParameters: unknown, path = 'parameters'): Promise<Run<'TRAINING'>> {
    const parameters = resolveTrainingParameters(trainingOf(plugin), rawParameters, path);
    const { name, version } = plugin.metadata;
    return this.enqueue((db) => this.store.runs.createTraining({ scheduler: name, schedulerVersion: version, options: parameters }, db));
  }

  /**
   * A QUEUED hard-instance search (docs/runs.md#hard-instance-runs): the problem on which `target` does worst against
   * `baseline`. `rawOptions` are the search settings with `targetOptions` and `baselineOptions`; everything is checked
   * first (resolveHardInstanceOptions: a SchedulerOptionsError names every field at fault under `path`), and nothing
   * is stored then. The run's scheduler is the target; its options hold the baseline and the resolved options.
   */
  async submitHardInstance(target: SchedulerPlugin, baseline: SchedulerPlugin, rawOptions: unknown, path = 'options'): Promise<Run<'HARD_INSTANCE'>> {
    const options = resolveHardInstanceOptions(target, baseline, rawOptions, path);
    return this.enqueue((db) =>
      this.store.runs.createHardInstance(
        { scheduler: target.metadata.name, schedulerVersion: target.metadata.version, options: { baseline: baseline.metadata.name, baselineVersion: baseline.metadata.version, ...options } },
        db,
      ),
    );
  }

  /**
   * QUEUED or RUNNING -> CANCELLED (guarded), the final status event, and a NOTIFY that makes the worker holding
   * the run fire its AbortSignal. `updated: false` when the run was already final (or does not exist).
   */
  async cancel(runId: string, reason = 'cancelled by request'): Promise<TransitionResult<Run>> {
    const result = await this.store.runs.cancel(runId, reason);
    if (result.updated) {
      await appendRunEvent(this.store, runId, statusEvent('CANCELLED', { error: reason }));
      await notify(this.store.pool, CHANNELS.cancel, { runId });
    }
    return result;
  }

  events(runId: string, afterSequence = 0): AsyncIterableIterator<RunEventRecord> {
    return this.feed.events(runId, afterSequence);
  }

  statusChanges(): AsyncIterableIterator<EventNotification> {
    return this.feed.statusChanges();
  }

  /**
   * Runs the reaper once now (tests, operators). This process's own runs are spared and get a heartbeat first: after
   * a database outage the reaper of the very process computing a run must not be the one to fail it.
   */
  async reapNow(): Promise<string[]> {
    await this.worker?.heartbeat();
    return reapSilentRuns(this.store, this.settings.silenceGraceMs, this.logger, new Set(this.worker?.activeRuns));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.reaper) clearTimeout(this.reaper);
      await this.worker?.stop();
      this.catalog.close();
      this.feed.stop();
      await this.listener.stop();
      await this.store.close();
    })();
    return this.closing;
  }
}

/** The worker's settings: the caller's, the environment's, then the defaults. */
function workerSettings(given: true | Partial<Omit<RunWorkerSettings, 'pluginRoot' | 'timeLimitMs' | 'silenceGraceMs'>>, engine: RunEngineSettings): RunWorkerSettings {
  const chosen = given === true ? {} : given;
  // Runs are threads: as many as there are cores, at least two so that a tiny run never waits behind a long one.
  const defaultConcurrency = Math.max(2, Math.min(8, availableParallelism()));
  return {
    concurrency: chosen.concurrency ?? envInt('HETSCHED_WORKER_CONCURRENCY', defaultConcurrency),
    timeLimitMs: engine.timeLimitMs,
    silenceGraceMs: engine.silenceGraceMs,
    abortGraceMs: chosen.abortGraceMs ?? 5_000,
    progressIntervalMs: chosen.progressIntervalMs ?? 100,
    heartbeatMs: chosen.heartbeatMs ?? Math.min(5_000, Math.max(100, Math.floor(engine.silenceGraceMs / 6))),
    pollMs: chosen.pollMs ?? 1_000,
    pluginRoot: engine.pluginRoot,
    threads: { ...DEFAULT_THREAD_POOL, memoryMb: envInt('HETSCHED_RUN_MEMORY_MB', DEFAULT_THREAD_POOL.memoryMb), ...chosen.threads },
  };
}

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}
