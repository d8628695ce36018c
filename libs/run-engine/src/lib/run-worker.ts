import { hostname } from 'node:os';
import { encodeCluster, encodeWorkflow } from '@hetsched/codec';
import { resolveTrainingParameters, trainingOf, type ProgressEvent, type ResolvedOptions, type TrainedArtifact } from '@hetsched/core';
import type { Run, Store } from '@hetsched/db';
import { resolveHardInstanceOptions, type HardInstance, type ResolvedHardInstanceOptions } from '@hetsched/hard-instances';
import type { CatalogEntry, SchedulerCatalog } from '@hetsched/plugin-registry';
import type PgBoss from 'pg-boss';
import { storeArtifacts } from './artifacts.js';
import { CHANNELS, RUN_QUEUE, type EngineLogger } from './channels.js';
import { LeaseHolder } from './leases.js';
import type { PgListener } from './pg-listener.js';
import { ProgressThrottle } from './progress-throttle.js';
import { appendRunEvent, statusEvent } from './run-events.js';
import { runInThread, type ThreadOutcome } from './thread-runner.js';

export interface RunWorkerSettings {
  /** Runs executed at once by this process (each on its own thread). */
  concurrency: number;
  /** Per-run wall-clock limit. */
  timeLimitMs: number;
  /** After an abort (cancel, time limit), how long the plugin may take to stop before its thread is terminated. */
  abortGraceMs: number;
  /** Minimum time between two stored progress events of one run (100 ms: at most 10 a second). */
  progressIntervalMs: number;
  /** How often the worker re-reads the status of its runs (a cancel whose NOTIFY was missed). */
  statusPollMs: number;
  /** Where scheduler packages are installed. */
  pluginRoot: string;
  /** pg-boss polling interval (seconds, at least 0.5). */
  pollingIntervalSeconds: number;
}

type AbortCause = 'cancelled' | 'time-limit' | 'lease-lost' | 'shutdown';

interface ActiveRun {
  controller: AbortController;
  cause?: AbortCause;
  /** Set once this worker moved the run to RUNNING: only then does a status other than RUNNING mean "stop". */
  started?: boolean;
}

/**
 * Executes queued runs: takes jobs from the pg-boss queue, leases the run (leases.ts), moves it QUEUED -> RUNNING
 * (guarded: a cancelled or already started run is skipped), runs the plugin on a worker thread, stores throttled
 * progress events, and writes the outcome in one transaction (guarded: a run cancelled or reaped meanwhile keeps
 * its final state).
 */
export class RunWorker {
  readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly active = new Map<string, ActiveRun>();
  private readonly leases: LeaseHolder;
  private poller: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly onNotification = (channel: string, payload: string) => {
    if (channel !== CHANNELS.cancel) return;
    try {
      const { runId } = JSON.parse(payload) as { runId?: string };
      if (runId) this.abort(runId, 'cancelled');
    } catch {
      // not ours
    }
  };

  constructor(
    private readonly store: Store,
    private readonly boss: PgBoss,
    private readonly listener: PgListener,
    private readonly catalog: SchedulerCatalog,
    connectionString: string,
    private readonly settings: RunWorkerSettings,
    private readonly logger: EngineLogger,
  ) {
    this.leases = new LeaseHolder(connectionString, logger, () => {
      for (const runId of this.active.keys()) this.abort(runId, 'lease-lost');
    });
  }

  get activeRuns(): string[] {
    return [...this.active.keys()];
  }

  async start(): Promise<void> {
    this.listener.on('notification', this.onNotification);
    for (let i = 0; i < this.settings.concurrency; i++) {
      await this.boss.work<{ runId: string }>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.settings.pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs) await this.track(this.handle(job.data.runId));
      });
    }
    this.poller = setInterval(() => void this.pollStatuses(), this.settings.statusPollMs);
    this.poller.unref();
    this.logger.info({ worker: this.id, concurrency: this.settings.concurrency, timeLimitMs: this.settings.timeLimitMs }, 'run worker started');
  }

  /** Stops taking jobs; runs still executing are aborted and end FAILED ("the worker stopped"). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.poller) clearInterval(this.poller);
    this.listener.off('notification', this.onNotification);
    await this.boss.offWork(RUN_QUEUE).catch(() => undefined);
    for (const runId of this.active.keys()) this.abort(runId, 'shutdown');
    await Promise.allSettled([...this.inFlight]);
    await this.leases.close();
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

  private async pollStatuses(): Promise<void> {
    const ids = [...this.active.entries()].filter(([, run]) => run.started).map(([id]) => id);
    if (ids.length === 0) return;
    try {
      const runs = await this.store.runs.findRuns(ids);
      for (const [i, run] of runs.entries()) if (!run || run.status !== 'RUNNING') this.abort(ids[i]!, 'cancelled');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check the status of running runs');
    }
  }

  async handle(runId: string): Promise<void> {
    // Stopping: fail the job so that pg-boss hands it to another worker (a completed job would leave the run QUEUED).
    if (this.stopping) throw new Error('this worker is stopping: the job goes back to the queue');
    if (this.active.has(runId)) return;
    const active: ActiveRun = { controller: new AbortController() };
    this.active.set(runId, active);
    let leased = false;
    try {
      leased = await this.leases.acquire(runId);
      if (!leased) return; // another worker holds it (a duplicate delivery)
      const started = await this.store.runs.start(runId);
      if (!started.updated) return; // cancelled while queued, or already taken
      active.started = true;
      await appendRunEvent(this.store, runId, statusEvent('RUNNING'));
      this.logger.info({ runId, scheduler: started.run.scheduler, worker: this.id }, 'run started');
      if (started.run.kind === 'TRAINING') await this.executeTraining(started.run, active);
      else if (started.run.kind === 'HARD_INSTANCE') await this.executeHardInstance(started.run, active);
      else await this.execute(started.run, active);
    } catch (error) {
      this.logger.error({ err: error, runId }, 'run failed in the worker');
      await this.failRun(runId, `worker error: ${error instanceof Error ? error.message : String(error)}`).catch(() => undefined);
    } finally {
      this.active.delete(runId);
      if (leased) await this.leases.release(runId);
    }
  }

  /** The run's plugin as an installed package a thread can load; the run is failed (and undefined returned) otherwise. */
  private async installedPlugin(run: Pick<Run, 'id' | 'scheduler'>): Promise<(CatalogEntry & { packageName: string }) | undefined> {
    const entry = await this.catalog.find(run.scheduler);
    if (entry?.packageName === undefined) {
      await this.failRun(run.id, `scheduler "${run.scheduler}" is not installed on worker ${this.id}`);
      return undefined;
    }
    return entry as CatalogEntry & { packageName: string };
  }

  private async execute(run: Run<'SCHEDULE'>, active: ActiveRun): Promise<void> {
    const runId = run.id;
    const entry = await this.installedPlugin(run);
    if (!entry) return;
    const [workflow, cluster] = await Promise.all([this.store.workflows.findById(run.workflowId), this.store.clusters.findById(run.clusterId)]);
    if (!workflow || !cluster) {
      await this.failRun(runId, `the ${!workflow ? 'workflow' : 'cluster'} of this run no longer exists`);
      return;
    }
    const outcome = await this.underRunLimits(runId, active, (throttle) =>
      runInThread(
        {
          task: 'schedule',
          runId,
          scheduler: run.scheduler,
          packageName: entry.packageName,
          root: this.settings.pluginRoot,
          options: run.options,
          workflow: encodeWorkflow(workflow.spec),
          cluster: encodeCluster(cluster.spec),
        },
        {
          signal: active.controller.signal,
          onProgress: (event) => throttle.push(event),
          artifacts: (kind, id) => storeArtifacts(this.store, entry.plugin).get(kind, id),
          graceMs: this.settings.abortGraceMs,
          reason: () => reasonText(active.cause, this.settings.timeLimitMs),
        },
      ),
    );

    if (active.cause === 'cancelled') {
      // The run is CANCELLED (or reaped) already and its final event was written then; the guarded fail below
      // changes nothing in that case, and never leaves a run RUNNING if the stop came from anywhere else.
      this.logger.info({ runId }, 'run stopped: cancelled');
      await this.failRun(runId, 'aborted');
      return;
    }
    if (outcome.kind === 'result' && active.cause !== 'lease-lost' && active.cause !== 'shutdown') {
      const info = active.cause === 'time-limit' ? { ...outcome.result.info, stoppedBy: 'time limit', timeLimitMs: this.settings.timeLimitMs } : outcome.result.info;
      const done = await this.store.runs.complete(runId, { ...outcome.result, ...(info ? { info } : {}) });
      if (done.updated) {
        await appendRunEvent(this.store, runId, statusEvent('SUCCEEDED', { makespan: done.run.makespan }));
        this.logger.info({ runId, makespan: done.run.makespan }, 'run succeeded');
      }
      return;
    }
    await this.failRun(runId, failureText(active.cause, outcome, this.settings.timeLimitMs, 'the scheduler'));
  }

  /**
   * A training run (docs/runs.md#training-runs), through the plugin's training capability whatever the scheduler:
   * every important event (an epoch) is stored, others are throttled. The best artifact is stored as a model
   * version in the same transaction as the success. At the time limit the run SUCCEEDS with the best artifact so
   * far (`stoppedBy: "time limit"`); a cancelled run stays CANCELLED but its best artifact so far is still stored,
   * linked to the run. The last checkpoint also covers a thread that had to be terminated.
   */
  private async executeTraining(run: Run<'TRAINING'>, active: ActiveRun): Promise<void> {
    const runId = run.id;
    const entry = await this.installedPlugin(run);
    if (!entry) return;
    let parameters: ResolvedOptions;
    try {
      parameters = resolveTrainingParameters(trainingOf(entry.plugin), run.options);
    } catch (error) {
      await this.failRun(runId, `invalid training parameters: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let checkpoint: TrainedArtifact | null = null;
    const outcome = await this.underRunLimits(runId, active, (throttle) =>
      runInThread(
        { task: 'training', runId, scheduler: run.scheduler, packageName: entry.packageName, root: this.settings.pluginRoot, parameters },
        {
          signal: active.controller.signal,
          onProgress: (event, important) => (important ? throttle.pushNow(event) : throttle.push(event)),
          onCheckpoint: (artifact) => {
            checkpoint = artifact;
          },
          artifacts: (kind, id) => storeArtifacts(this.store, entry.plugin).get(kind, id),
          graceMs: this.settings.abortGraceMs,
          reason: () => reasonText(active.cause, this.settings.timeLimitMs),
        },
      ),
    );
    await this.finishTraining(run, active, outcome, checkpoint);
  }

  /** Stores what a training run's thread produced, as success, cancellation (keeping the model) or failure. */
  private async finishTraining(run: Run<'TRAINING'>, active: ActiveRun, outcome: ThreadOutcome, checkpoint: TrainedArtifact | null): Promise<void> {
    const runId = run.id;
    const trained = outcome.kind === 'trained' ? outcome.result : null;
    const artifact = trained ? trained.artifact : checkpoint;
    const info: Record<string, unknown> = { ...(trained?.info ?? {}) };
    if (!trained && artifact) info['stoppedBy'] = 'terminated (last checkpoint kept)';
    if (active.cause === 'time-limit') Object.assign(info, { stoppedBy: 'time limit', timeLimitMs: this.settings.timeLimitMs });
    const model = artifact ? modelVersionOf(artifact, run.scheduler) : null;
    if (model) info['modelVersion'] = model.id;

    if (active.cause === 'cancelled') {
      // CANCELLED already (final event written by the canceller); keep what was learnt, linked to the run.
      if (model) {
        await this.store.models.create({ ...model, trainingRunId: runId }).then(
          () => this.logger.info({ runId, modelVersion: model.id }, 'training cancelled: best model so far stored'),
          (error: unknown) => this.logger.warn({ err: error, runId }, 'training cancelled: could not store the best model so far'),
        );
      }
      await this.failRun(runId, 'aborted');
      return;
    }
    const usable = trained !== null || (outcome.kind === 'terminated' && active.cause === 'time-limit');
    if (usable && model && active.cause !== 'lease-lost' && active.cause !== 'shutdown') {
      const done = await this.store.runs.completeTraining(runId, { info, model });
      if (done.updated) {
        await appendRunEvent(this.store, runId, statusEvent('SUCCEEDED', { modelVersion: model.id }));
        this.logger.info({ runId, modelVersion: model.id, stoppedBy: info['stoppedBy'] }, 'training succeeded');
      }
      return;
    }
    const error =
      trained && !model
        ? active.cause
          ? `${reasonText(active.cause, this.settings.timeLimitMs)} before the training had a model: no model to keep`
          : 'training finished without a model'
        : failureText(active.cause, outcome, this.settings.timeLimitMs, 'the training');
    await this.failRun(runId, error);
  }

  /**
   * A hard-instance search (docs/runs.md#hard-instance-runs) on its own thread, which loads both plugins by package
   * name. The options are checked again against the plugins installed here (a plugin may have changed since submit).
   */
  private async executeHardInstance(run: Run<'HARD_INSTANCE'>, active: ActiveRun): Promise<void> {
    const { baseline: baselineName, baselineVersion: _version, ...given } = run.options;
    const target = await this.installedPlugin(run);
    const baseline = target && (await this.installedPlugin({ id: run.id, scheduler: String(baselineName) }));
    if (!target || !baseline) return;
    let options: ResolvedHardInstanceOptions;
    try {
      options = resolveHardInstanceOptions(target.plugin, baseline.plugin, given);
    } catch (error) {
      await this.failRun(run.id, `invalid hard-instance options: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const pair = { scheduler: baseline.plugin.metadata.name, packageName: baseline.packageName };
    const outcome = await this.underRunLimits(run.id, active, (throttle) =>
      runInThread(
        { task: 'hard-instance', runId: run.id, scheduler: run.scheduler, packageName: target.packageName, root: this.settings.pluginRoot, baseline: pair, options },
        {
          signal: active.controller.signal,
          onProgress: (event) => throttle.push(event),
          graceMs: this.settings.abortGraceMs,
          reason: () => reasonText(active.cause, this.settings.timeLimitMs),
        },
      ),
    );
    await this.finishHardInstance(run, pair.scheduler, active, outcome);
  }

  /**
   * Stores a search's outcome. Its budget spent, or the time limit reached (the best instance so far, `stoppedBy:
   * "time limit"`): SUCCEEDED, with the instance stored as a workflow and a cluster in the same transaction. Cancelled:
   * it stays CANCELLED and nothing is stored (a final run's info never changes, so nothing would lead to them).
   */
  private async finishHardInstance(run: Run<'HARD_INSTANCE'>, baseline: string, active: ActiveRun, outcome: ThreadOutcome): Promise<void> {
    if (active.cause === 'cancelled') {
      this.logger.info({ runId: run.id }, 'hard-instance search stopped: cancelled (nothing stored)');
      await this.failRun(run.id, 'aborted');
      return;
    }
    if (outcome.kind !== 'found' || active.cause === 'lease-lost' || active.cause === 'shutdown') {
      await this.failRun(run.id, failureText(active.cause, outcome, this.settings.timeLimitMs, 'the search'));
      return;
    }
    const found = outcome.result;
    const stoppedBy = active.cause === 'time-limit' ? { stoppedBy: 'time limit', timeLimitMs: this.settings.timeLimitMs } : { stoppedBy: found.stoppedBy };
    const info = { target: run.scheduler, baseline, ...outcomeOf(found), ...stoppedBy };
    const name = `hard instance: ${run.scheduler} vs ${baseline}, ratio ${found.ratio.toPrecision(4)}`;
    const tags = ['hard-instance', `${run.scheduler}-vs-${baseline}`];
    const done = await this.store.runs.completeHardInstance(run.id, {
      info,
      workflow: { spec: { ...found.workflow, name }, tags },
      cluster: { spec: { ...found.cluster, name }, tags },
    });
    if (done.updated) {
      const { workflowId, clusterId } = done.run.info as { workflowId: string; clusterId: string };
      await appendRunEvent(this.store, run.id, statusEvent('SUCCEEDED', { outcome: { ratio: found.ratio, workflowId, clusterId } }));
      this.logger.info({ runId: run.id, ratio: found.ratio, workflowId, clusterId }, 'hard-instance search succeeded');
    }
  }

  /**
   * Runs a run's thread under the worker's limits: its progress events go through a throttle into the run's
   * events (none once it is cancelled), and the time limit aborts it. Both are released when the thread is done.
   */
  private async underRunLimits(
    runId: string,
    active: ActiveRun,
    work: (throttle: ProgressThrottle<ProgressEvent>) => Promise<ThreadOutcome>,
  ): Promise<ThreadOutcome> {
    const throttle = new ProgressThrottle<ProgressEvent>(this.settings.progressIntervalMs, async (event) => {
      if (active.cause === 'cancelled') return;
      try {
        await appendRunEvent(this.store, runId, { kind: 'progress', fraction: event.fraction ?? null, message: event.message ?? null, data: event.data ?? null });
      } catch (error) {
        this.logger.warn({ err: error, runId }, 'could not store a progress event');
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
    const failed = await this.store.runs.fail(runId, error);
    if (failed.updated) {
      await appendRunEvent(this.store, runId, statusEvent('FAILED', { error }));
      this.logger.warn({ runId, error }, 'run failed');
    }
  }
}

/** Why a run's thread gave no usable result, as the run's error; `work` names what the thread was doing. */
function failureText(cause: AbortCause | undefined, outcome: ThreadOutcome, timeLimitMs: number, work: 'the scheduler' | 'the training' | 'the search'): string {
  if (cause) return reasonText(cause, timeLimitMs) + (outcome.kind === 'terminated' ? ` (${work} did not stop in time and was terminated)` : '');
  return outcome.kind === 'error' ? `${outcome.name}: ${outcome.message}` : `${work} thread was terminated`;
}

function reasonText(cause: AbortCause | undefined, timeLimitMs: number): string {
  switch (cause) {
    case 'time-limit':
      return `time limit exceeded (${timeLimitMs / 1000} s)`;
    case 'cancelled':
      return 'cancelled';
    case 'lease-lost':
      return 'the worker lost its database connection';
    case 'shutdown':
      return 'the worker shut down before the run finished';
    default:
      return 'aborted';
  }
}

/** The model version row of a trained artifact: its id, name and description as the plugin gave them. */
function modelVersionOf(artifact: TrainedArtifact, plugin: string) {
  return {
    id: artifact.id,
    plugin,
    name: artifact.name ?? null,
    metadata: artifact.metadata,
    config: artifact.config ?? {},
    metrics: artifact.metrics ?? {},
    data: artifact.data,
  };
}

/** What a hard-instance run's info keeps of the search (the ids of the stored documents are added with the success). */
function outcomeOf(found: HardInstance) {
  const { ratio, targetMakespan, baselineMakespan, iterations, annealingRuns, elapsedMs } = found;
  return { ratio, targetMakespan, baselineMakespan, iterations, annealingRuns, elapsedMs: Math.round(elapsedMs) };
}
