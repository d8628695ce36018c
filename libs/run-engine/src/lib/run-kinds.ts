// What the worker does for each kind of run: a schedule, a training, a hard-instance search. Each prepares its
// thread's input from the store, runs it under the worker's limits, and writes its outcome. The worker (run-worker.ts)
// claims, tracks and stops runs; nothing here names a scheduler.
import { resolveTrainingParameters, trainingOf, type ProgressEvent, type ResolvedOptions, type TrainedArtifact } from '@hetsched/core';
import type { CompleteScheduleRunInput, Run, RunEventInput, RunEventRecord, Store, TransitionResult } from '@hetsched/db';
import { resolveHardInstanceOptions, type HardInstance, type ResolvedHardInstanceOptions } from '@hetsched/hard-instances';
import type { CatalogEntry, SchedulerCatalog } from '@hetsched/plugin-registry';
import { storeArtifacts } from './artifacts.js';
import type { EngineLogger } from './channels.js';
import type { ProblemCache } from './problem-cache.js';
import type { ProgressThrottle } from './progress-throttle.js';
import { appendRunEvent, statusEvent } from './run-events.js';
import type { RunWorkerSettings } from './run-worker.js';
import type { ThreadOutcome, ThreadPool } from './thread-pool.js';

export type AbortCause = 'cancelled' | 'time-limit' | 'shutdown';

export interface ActiveRun {
  controller: AbortController;
  cause?: AbortCause;
  /** Its slot was handed to the claim of its successors (the run is storing its result). */
  slotReleased?: boolean;
}

/** What a kind of run gets from the worker executing it. */
export interface RunKindContext {
  store: Store;
  catalog: SchedulerCatalog;
  threads: ThreadPool;
  /** Schedule runs' documents, read once for the runs of one problem. */
  problems: ProblemCache;
  settings: RunWorkerSettings;
  logger: EngineLogger;
  active: ActiveRun;
  workerId: string;
  underRunLimits(work: (throttle: ProgressThrottle<ProgressEvent>) => Promise<ThreadOutcome>): Promise<ThreadOutcome>;
  /** A final write, retried while the database is down (up to the silence grace): a result is not lost to an outage. */
  finalWrite<T>(what: string, work: () => Promise<T>): Promise<T>;
  failRun(error: string): Promise<void>;
  /** A schedule run's success with its SUCCEEDED event and their NOTIFY (one statement that also claims the worker's next runs). */
  completeSchedule(result: CompleteScheduleRunInput, event: RunEventInput): Promise<TransitionResult & { event?: RunEventRecord }>;
  /** Records a run that reached its final status in the process's metrics. */
  observe(run: Run): void;
}

export function executeRun(run: Run, context: RunKindContext): Promise<void> {
  switch (run.kind) {
    case 'SCHEDULE':
      return executeSchedule(run, context);
    case 'TRAINING':
      return executeTraining(run, context);
    case 'HARD_INSTANCE':
      return executeHardInstance(run, context);
  }
}

/** The run's plugin as an installed package a thread can load; the run is failed (and undefined returned) otherwise. */
async function installedPlugin(context: RunKindContext, scheduler: string): Promise<(CatalogEntry & { packageName: string }) | undefined> {
  const entry = await context.catalog.find(scheduler);
  if (entry?.packageName === undefined) {
    await context.failRun(`scheduler "${scheduler}" is not installed on worker ${context.workerId}`);
    return undefined;
  }
  return entry as CatalogEntry & { packageName: string };
}

/** Options every thread gets: the abort signal, the grace after an abort, and how to word the reason. */
function threadOptions(context: RunKindContext) {
  return {
    signal: context.active.controller.signal,
    graceMs: context.settings.abortGraceMs,
    reason: () => reasonText(context.active.cause, context.settings.timeLimitMs),
  };
}

async function executeSchedule(run: Run<'SCHEDULE'>, context: RunKindContext): Promise<void> {
  const { store, settings, active } = context;
  const entry = await installedPlugin(context, run.scheduler);
  if (!entry) return;
  const problem = await context.problems.get(run.workflowId, run.clusterId);
  if ('missing' in problem) {
    await context.failRun(`the ${problem.missing} of this run no longer exists`);
    return;
  }
  const outcome = await context.underRunLimits((throttle) =>
    context.threads.run(
      {
        task: 'schedule',
        runId: run.id,
        scheduler: run.scheduler,
        packageName: entry.packageName,
        root: settings.pluginRoot,
        options: run.options,
        // The documents as stored (the codec's encoding, validated when they were stored): no decode + re-encode here.
        workflow: problem.found.workflow,
        cluster: problem.found.cluster,
      },
      { ...threadOptions(context), onProgress: (event) => throttle.push(event), artifacts: (kind, id) => storeArtifacts(store, entry.plugin).get(kind, id) },
    ),
  );
  if (active.cause === 'cancelled') {
    // CANCELLED (or reaped) already, its final event written then; the guarded fail changes nothing in that case.
    await context.failRun('aborted');
    return;
  }
  if (outcome.kind === 'result' && active.cause !== 'shutdown') {
    const info = active.cause === 'time-limit' ? { ...outcome.result.info, stoppedBy: 'time limit', timeLimitMs: settings.timeLimitMs } : outcome.result.info;
    // The result, its SUCCEEDED event and the event's NOTIFY in one statement.
    const succeeded = statusEvent('SUCCEEDED', { makespan: outcome.result.makespan });
    const result = { ...outcome.result, ...(info ? { info } : {}) };
    const done = await context.finalWrite('storing the result', () => context.completeSchedule(result, succeeded));
    if (done.updated) {
      context.observe(done.run);
      context.logger.info({ runId: run.id, makespan: done.run.makespan }, 'run succeeded');
    }
    return;
  }
  await context.failRun(failureText(active.cause, outcome, settings.timeLimitMs, 'the scheduler'));
}

/**
 * A training run (docs/runs.md#training-runs), through the plugin's training capability whatever the scheduler:
 * every important event (an epoch) is stored, others are throttled. The best artifact is stored as a model version
 * in the same transaction as the success. At the time limit the run SUCCEEDS with the best artifact so far
 * (`stoppedBy: "time limit"`); a cancelled run stays CANCELLED but its best artifact so far is still stored, linked
 * to the run. The last checkpoint also covers a thread that had to be terminated.
 */
async function executeTraining(run: Run<'TRAINING'>, context: RunKindContext): Promise<void> {
  const entry = await installedPlugin(context, run.scheduler);
  if (!entry) return;
  let parameters: ResolvedOptions;
  try {
    parameters = resolveTrainingParameters(trainingOf(entry.plugin), run.options);
  } catch (error) {
    await context.failRun(`invalid training parameters: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  let checkpoint: TrainedArtifact | null = null;
  const outcome = await context.underRunLimits((throttle) =>
    context.threads.run(
      { task: 'training', runId: run.id, scheduler: run.scheduler, packageName: entry.packageName, root: context.settings.pluginRoot, parameters },
      {
        ...threadOptions(context),
        onProgress: (event, important) => (important ? throttle.pushNow(event) : throttle.push(event)),
        onCheckpoint: (artifact) => {
          checkpoint = artifact;
        },
        artifacts: (kind, id) => storeArtifacts(context.store, entry.plugin).get(kind, id),
      },
    ),
  );
  await finishTraining(run, context, outcome, checkpoint);
}

/** Stores what a training run's thread produced, as success, cancellation (keeping the model) or failure. */
async function finishTraining(run: Run<'TRAINING'>, context: RunKindContext, outcome: ThreadOutcome, checkpoint: TrainedArtifact | null): Promise<void> {
  const { store, active, settings, logger } = context;
  const trained = outcome.kind === 'trained' ? outcome.result : null;
  const artifact = trained ? trained.artifact : checkpoint;
  const info: Record<string, unknown> = { ...(trained?.info ?? {}) };
  if (!trained && artifact) info['stoppedBy'] = 'terminated (last checkpoint kept)';
  if (active.cause === 'time-limit') Object.assign(info, { stoppedBy: 'time limit', timeLimitMs: settings.timeLimitMs });
  const model = artifact ? modelVersionOf(artifact, run.scheduler) : null;
  if (model) info['modelVersion'] = model.id;

  if (active.cause === 'cancelled') {
    // CANCELLED already (final event written by the canceller); keep what was learnt, linked to the run.
    if (model) {
      await store.models.create({ ...model, trainingRunId: run.id }).then(
        () => logger.info({ runId: run.id, modelVersion: model.id }, 'training cancelled: best model so far stored'),
        (error: unknown) => logger.warn({ err: error, runId: run.id }, 'training cancelled: could not store the best model so far'),
      );
    }
    await context.failRun('aborted');
    return;
  }
  const usable = trained !== null || (outcome.kind === 'terminated' && active.cause === 'time-limit');
  if (usable && model && active.cause !== 'shutdown') {
    const done = await context.finalWrite('storing the trained model', () => store.runs.completeTraining(run.id, { info, model }));
    if (done.updated) {
      await context.finalWrite('announcing the result', () => appendRunEvent(store, run.id, statusEvent('SUCCEEDED', { modelVersion: model.id })));
      context.observe(done.run);
      logger.info({ runId: run.id, modelVersion: model.id, stoppedBy: info['stoppedBy'] }, 'training succeeded');
    }
    return;
  }
  const error =
    trained && !model
      ? active.cause
        ? `${reasonText(active.cause, settings.timeLimitMs)} before the training had a model: no model to keep`
        : 'training finished without a model'
      : failureText(active.cause, outcome, settings.timeLimitMs, 'the training');
  await context.failRun(error);
}

/**
 * A hard-instance search (docs/runs.md#hard-instance-runs) on its own thread, which loads both plugins by package
 * name. The options are checked again against the plugins installed here (a plugin may have changed since submit).
 */
async function executeHardInstance(run: Run<'HARD_INSTANCE'>, context: RunKindContext): Promise<void> {
  const { baseline: baselineName, baselineVersion: _version, ...given } = run.options;
  const target = await installedPlugin(context, run.scheduler);
  const baseline = target && (await installedPlugin(context, String(baselineName)));
  if (!target || !baseline) return;
  let options: ResolvedHardInstanceOptions;
  try {
    options = resolveHardInstanceOptions(target.plugin, baseline.plugin, given);
  } catch (error) {
    await context.failRun(`invalid hard-instance options: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const pair = { scheduler: baseline.plugin.metadata.name, packageName: baseline.packageName };
  const outcome = await context.underRunLimits((throttle) =>
    context.threads.run(
      { task: 'hard-instance', runId: run.id, scheduler: run.scheduler, packageName: target.packageName, root: context.settings.pluginRoot, baseline: pair, options },
      { ...threadOptions(context), onProgress: (event) => throttle.push(event) },
    ),
  );
  await finishHardInstance(run, pair.scheduler, context, outcome);
}

/**
 * Stores a search's outcome. Its budget spent, or the time limit reached (the best instance so far, `stoppedBy:
 * "time limit"`): SUCCEEDED, with the instance stored as a workflow and a cluster in the same transaction. Cancelled:
 * it stays CANCELLED and nothing is stored (a final run's info never changes, so nothing would lead to them).
 */
async function finishHardInstance(run: Run<'HARD_INSTANCE'>, baseline: string, context: RunKindContext, outcome: ThreadOutcome): Promise<void> {
  const { store, active, settings, logger } = context;
  if (active.cause === 'cancelled') {
    logger.info({ runId: run.id }, 'hard-instance search stopped: cancelled (nothing stored)');
    await context.failRun('aborted');
    return;
  }
  if (outcome.kind !== 'found' || active.cause === 'shutdown') {
    await context.failRun(failureText(active.cause, outcome, settings.timeLimitMs, 'the search'));
    return;
  }
  const found = outcome.result;
  const stoppedBy = active.cause === 'time-limit' ? { stoppedBy: 'time limit', timeLimitMs: settings.timeLimitMs } : { stoppedBy: found.stoppedBy };
  const info = { target: run.scheduler, baseline, ...outcomeOf(found), ...stoppedBy };
  const name = `hard instance: ${run.scheduler} vs ${baseline}, ratio ${found.ratio.toPrecision(4)}`;
  const tags = ['hard-instance', `${run.scheduler}-vs-${baseline}`];
  const done = await context.finalWrite('storing the instance found', () =>
    store.runs.completeHardInstance(run.id, { info, workflow: { spec: { ...found.workflow, name }, tags }, cluster: { spec: { ...found.cluster, name }, tags } }),
  );
  if (done.updated) {
    const { workflowId, clusterId } = done.run.info as { workflowId: string; clusterId: string };
    await context.finalWrite('announcing the result', () => appendRunEvent(store, run.id, statusEvent('SUCCEEDED', { outcome: { ratio: found.ratio, workflowId, clusterId } })));
    context.observe(done.run);
    logger.info({ runId: run.id, ratio: found.ratio, workflowId, clusterId }, 'hard-instance search succeeded');
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
    case 'shutdown':
      return 'the worker shut down before the run finished';
    default:
      return 'aborted';
  }
}

/** The model version row of a trained artifact: its id, name and description as the plugin gave them. */
function modelVersionOf(artifact: TrainedArtifact, plugin: string) {
  return { id: artifact.id, plugin, name: artifact.name ?? null, metadata: artifact.metadata, config: artifact.config ?? {}, metrics: artifact.metrics ?? {}, data: artifact.data };
}

/** What a hard-instance run's info keeps of the search (the ids of the stored documents are added with the success). */
function outcomeOf(found: HardInstance) {
  const { ratio, targetMakespan, baselineMakespan, iterations, annealingRuns, elapsedMs } = found;
  return { ratio, targetMakespan, baselineMakespan, iterations, annealingRuns, elapsedMs: Math.round(elapsedMs) };
}
