export { RunEngine, DEFAULT_TIME_LIMIT_MS, DEFAULT_REAP_INTERVAL_MS, type RunEngineOptions, type RunEngineSettings } from './lib/engine.js';
export { CHANNELS, RUN_QUEUE, FINAL_STATUSES, isFinalStatus, silentLogger, type EngineLogger, type RunStatusName } from './lib/channels.js';
export { DbSchedulerCatalog, UnknownPluginError, type CatalogEntry } from './lib/plugin-catalog.js';
export { PgListener, notify } from './lib/pg-listener.js';
export { RunEventFeed } from './lib/event-feed.js';
export { ProgressThrottle } from './lib/progress-throttle.js';
export { appendRunEvent, statusEvent, isFinalEvent, MAX_NOTIFY_BYTES, type EventNotification } from './lib/run-events.js';
export { reapLostRuns, requeueOrphans, ORPHAN_GRACE_SECONDS, WORKER_LOST_ERROR } from './lib/reaper.js';
export { RunWorker, type RunWorkerSettings } from './lib/run-worker.js';
export { LeaseHolder } from './lib/leases.js';
export { runInThread, threadEntry, type ThreadOutcome, type ArtifactReader } from './lib/thread-runner.js';
export { MODEL_ARTIFACT_KINDS, storeArtifacts } from './lib/artifacts.js';
export { readModelMetadata, type StoredModelMetadata } from './lib/training/model-file.js';
export {
  resolveTrainingParameters,
  TrainingParameterError,
  TRAINING_BOUNDS,
  DEFAULT_TRAINING_DATASET,
  DEFAULT_TRAINING_PARAMETERS,
  type TrainingParameters,
  type TrainingDataset,
} from './lib/training/training-parameters.js';
