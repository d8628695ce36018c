import { availableParallelism } from 'node:os';
import { resolveTrainingParameters, trainingOf, type SchedulerPlugin } from '@hetsched/core';
import { connectionSettings, createStore, type CreateScheduleRunInput, type Run, type RunEventRecord, type Store, type TransitionResult } from '@hetsched/db';
import { resolveHardInstanceOptions } from '@hetsched/hard-instances';
import { defaultPluginRoot, PluginCatalog } from '@hetsched/plugin-registry';
import PgBoss from 'pg-boss';
import { CHANNELS, RUN_QUEUE, silentLogger, type EngineLogger } from './channels.js';
import { RunEventFeed } from './event-feed.js';
import { notify, PgListener } from './pg-listener.js';
import { ProcessMetrics } from './metrics.js';
import { DbCatalogPersistence } from './plugin-catalog.js';
import { reapLostRuns, requeueOrphans } from './reaper.js';
import { appendRunEvent, statusEvent, type EventNotification } from './run-events.js';
import { RunWorker, type RunWorkerSettings } from './run-worker.js';

export interface RunEngineOptions {
  connectionString: string;
  /** Where scheduler packages are installed (`<pluginRoot>/node_modules`); default: defaultPluginRoot (HETSCHED_PLUGIN_ROOT, else this install). */
  pluginRoot?: string;
  logger?: EngineLogger;
  /** Execute runs in this process too; false (the default) only submits, cancels and streams. */
  worker?: boolean | Partial<Omit<RunWorkerSettings, 'pluginRoot'>>;
  /** Per-run wall-clock limit (default 10 min; HETSCHED_RUN_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** How often this process looks for RUNNING runs whose worker is gone (default 5 s). 0: never. */
  reapIntervalMs?: number;
  /** Connections of the engine's own pool (default 5). */
  poolSize?: number;
  /** The `process` label of this process's metrics (default: worker when it executes runs, else api). */
  processKind?: 'api' | 'worker';
}

export const DEFAULT_TIME_LIMIT_MS = 10 * 60_000;
export const DEFAULT_REAP_INTERVAL_MS = 5_000;

export interface RunEngineSettings {
  timeLimitMs: number;
  reapIntervalMs: number;
  pluginRoot: string;
}

/**
 * Queued runs on one PostgreSQL database shared by any number of API and worker processes: `submit` (schedule),
 * `submitTraining` and `submitHardInstance` store a QUEUED run and send a pg-boss job; workers (`worker` option, or
 * apps/worker) execute them; `cancel` works for queued and running runs; `events` / `statusChanges` stream what every process stores;
 * `catalog` is the database-backed scheduler registry. docs/runs.md has the guarantees.
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
    private readonly boss: PgBoss,
    readonly worker: RunWorker | undefined,
    readonly settings: RunEngineSettings,
    private readonly logger: EngineLogger,
    /** This process's metrics (/metrics): runs, queue, pool, Node; run durations when it executes runs. */
    readonly metrics: ProcessMetrics,
  ) {}

  static async start(options: RunEngineOptions): Promise<RunEngine> {
    const logger = options.logger ?? silentLogger;
    const settings: RunEngineSettings = {
      timeLimitMs: options.timeLimitMs ?? envMs('HETSCHED_RUN_TIME_LIMIT_MS', DEFAULT_TIME_LIMIT_MS),
      reapIntervalMs: options.reapIntervalMs ?? envMs('HETSCHED_REAP_INTERVAL_MS', DEFAULT_REAP_INTERVAL_MS),
      pluginRoot: options.pluginRoot ?? defaultPluginRoot(import.meta.url),
    };
    const store = createStore(options.connectionString, { max: options.poolSize ?? 5 });
    const metrics = new ProcessMetrics(store, options.processKind ?? (options.worker ? 'worker' : 'api'));
    const listener = new PgListener(options.connectionString, Object.values(CHANNELS), logger);
    // pg-boss hands its options to its own pg.Pool: the store's timeouts apply to its connections too (its types do
    // not list pg's settings).
    const bossOptions = { ...connectionSettings(), connectionString: options.connectionString, schema: 'pgboss', max: 4, schedule: false, supervise: true };
    const boss = new PgBoss(bossOptions as PgBoss.ConstructorOptions);
    boss.on('error', (error) => logger.warn({ err: error }, 'pg-boss error'));
    let catalog: PluginCatalog | undefined;
    let feed: RunEventFeed | undefined;
    try {
      await listener.start();
      await boss.start();
      await ensureQueue(boss, settings.timeLimitMs);
      catalog = await PluginCatalog.open({ root: settings.pluginRoot, persistence: new DbCatalogPersistence(store, listener), logger });
      feed = new RunEventFeed(store, listener);
      let worker: RunWorker | undefined;
      if (options.worker) {
        const given = typeof options.worker === 'object' ? options.worker : {};
        worker = new RunWorker(
          store,
          boss,
          listener,
          catalog,
          options.connectionString,
          {
            concurrency: given.concurrency ?? envInt('HETSCHED_WORKER_CONCURRENCY', Math.max(1, Math.min(4, availableParallelism() - 1))),
            timeLimitMs: settings.timeLimitMs,
            abortGraceMs: given.abortGraceMs ?? 5_000,
            progressIntervalMs: given.progressIntervalMs ?? 100,
            statusPollMs: given.statusPollMs ?? 2_000,
            pollingIntervalSeconds: given.pollingIntervalSeconds ?? 0.5,
            pluginRoot: settings.pluginRoot,
          },
          logger,
        );
        await worker.start();
      }
      const engine = new RunEngine(store, catalog, feed, listener, boss, worker, settings, logger, metrics);
      engine.startReaper();
      return engine;
    } catch (error) {
      catalog?.close();
      feed?.stop();
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await listener.stop();
      await store.close();
      throw error;
    }
  }

  private startReaper(): void {
    if (this.settings.reapIntervalMs <= 0) return;
    const tick = () => {
      reapLostRuns(this.store, this.logger)
        .then(() => requeueOrphans(this.store, (runId) => this.enqueue(runId), this.logger, RUN_QUEUE))
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

  /** A QUEUED schedule run with its first status event, and its job on the queue. */
  async submit(input: CreateScheduleRunInput): Promise<Run<'SCHEDULE'>> {
    const run = await this.store.runs.create(input);
    await this.queue(run.id);
    return (await this.store.runs.findById(run.id)) ?? run;
  }

  /**
   * A QUEUED training run of a learning scheduler (docs/runs.md#training-runs). The parameters are resolved against
   * the plugin's training schema first (a SchedulerOptionsError names every field at fault, `path` its root);
   * nothing is stored then.
   */
  async submitTraining(plugin: SchedulerPlugin, rawParameters: unknown, path = 'parameters'): Promise<Run<'TRAINING'>> {
    const parameters = resolveTrainingParameters(trainingOf(plugin), rawParameters, path);
    const { name, version } = plugin.metadata;
    const run = await this.store.runs.createTraining({ scheduler: name, schedulerVersion: version, options: parameters });
    await this.queue(run.id);
    return (await this.store.runs.findTraining(run.id)) ?? run;
  }

  /**
   * A QUEUED hard-instance search (docs/runs.md#hard-instance-runs): the problem on which `target` does worst against
   * `baseline`. `rawOptions` are the search settings with `targetOptions` and `baselineOptions`; everything is checked
   * first (resolveHardInstanceOptions: a SchedulerOptionsError names every field at fault under `path`), and nothing
   * is stored then. The run's scheduler is the target; its options hold the baseline and the resolved options.
   */
  async submitHardInstance(target: SchedulerPlugin, baseline: SchedulerPlugin, rawOptions: unknown, path = 'options'): Promise<Run<'HARD_INSTANCE'>> {
    const options = resolveHardInstanceOptions(target, baseline, rawOptions, path);
    const run = await this.store.runs.createHardInstance({
      scheduler: target.metadata.name,
      schedulerVersion: target.metadata.version,
      options: { baseline: baseline.metadata.name, baselineVersion: baseline.metadata.version, ...options },
    });
    await this.queue(run.id);
    return (await this.store.runs.findHardInstance(run.id)) ?? run;
  }

  /** The first status event and the job; a run that cannot be queued is ended at once (CANCELLED) and the error thrown. */
  private async queue(runId: string): Promise<void> {
    const run = { id: runId };
    try {
      await appendRunEvent(this.store, run.id, statusEvent('QUEUED'));
      await this.enqueue(run.id);
    } catch (error) {
      // Nothing would ever run it: end it now rather than leave it QUEUED.
      const reason = `could not queue the run: ${error instanceof Error ? error.message : String(error)}`;
      const cancelled = await this.store.runs.cancel(run.id, reason).catch(() => null);
      if (cancelled?.updated) await appendRunEvent(this.store, run.id, statusEvent('CANCELLED', { error: reason })).catch(() => undefined);
      throw error;
    }
  }

  private enqueue(runId: string): Promise<string | null> {
    return this.boss.send(RUN_QUEUE, { runId }, { singletonKey: runId });
  }

  /** Queues again the QUEUED runs that have no job (see requeueOrphans); the reaper does it every interval. */
  requeueOrphansNow(): Promise<string[]> {
    return requeueOrphans(this.store, (runId) => this.enqueue(runId), this.logger, RUN_QUEUE);
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

  /** Runs the reaper once now (tests, operators). */
  reapNow(): Promise<string[]> {
    return reapLostRuns(this.store, this.logger);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.reaper) clearTimeout(this.reaper);
      await this.worker?.stop();
      this.catalog.close();
      this.feed.stop();
      await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => undefined);
      await this.listener.stop();
      await this.store.close();
    })();
    return this.closing;
  }
}

async function ensureQueue(boss: PgBoss, timeLimitMs: number): Promise<void> {
  // A job outlives its run's time limit plus the abort grace; a worker that dies leaves its job active until
  // then, and the retry finds the run already FAILED by the reaper (the guarded start skips it).
  const options = { name: RUN_QUEUE, retryLimit: 2, retryDelay: 1, expireInSeconds: Math.ceil(timeLimitMs / 1000) + 120 };
  try {
    if (await boss.getQueue(RUN_QUEUE)) await boss.updateQueue(RUN_QUEUE, options);
    else await boss.createQueue(RUN_QUEUE, options);
  } catch (error) {
    // Another process created it at the same moment.
    if (!(await boss.getQueue(RUN_QUEUE))) throw error;
  }
}

function envMs(name: string, fallback: number): number {
  return envInt(name, fallback);
}

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}
