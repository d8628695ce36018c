import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  serializeModel,
  splitExamples,
  trainModel,
  type DeepSchedModel,
  type EpochReport,
  type ModelMetadata,
  type TrainHooks,
  type TrainingResult,
  type TrainOptions,
} from '@hetsched/scheduler-deepsched';
import { writeFileAtomic } from './atomic-file.js';
import type { LabelledExample } from './training-example.js';

export const BEST_MODEL_FILE = 'best.dsm';
export const TRAINING_REPORT_FILE = 'training.json';
export const checkpointFile = (epoch: number): string => `checkpoint-epoch-${String(epoch).padStart(3, '0')}.dsm`;

export interface TrainToFolderOptions {
  /** Folder for the checkpoints, `best.dsm` and `training.json` (created when missing). */
  outDir: string;
  /** Share of the examples held out for validation (early stopping, the kept model's metrics). Default 0.1. */
  validationFraction?: number;
  train: TrainOptions;
  /** Continue training this model instead of starting from fresh weights. */
  start?: DeepSchedModel;
  /** Stops after the current batch; the best weights so far are kept and written. */
  signal?: AbortSignal;
  onBatch?: TrainHooks['onBatch'];
  onEpoch?(report: EpochReport): void;
  /** Written into the report (e.g. the dataset folder's name and manifest counts). */
  dataset?: Record<string, unknown>;
}

/** `training.json`: the run's settings, every epoch, and where it stopped; rewritten after every epoch. */
export interface TrainingReport {
  status: 'running' | 'finished';
  stoppedBy?: TrainingResult['stoppedBy'];
  options: TrainOptions;
  split: { train: number; validation: number; validationFraction: number; seed: number };
  startedFrom?: string;
  dataset?: Record<string, unknown>;
  epochs: EpochReport[];
  /** Epoch of the weights in best.dsm. */
  bestEpoch?: number;
  model?: ModelMetadata;
  files: { best?: string; checkpoints: string[] };
}

/**
 * Splits the examples (splitExamples), trains (trainModel of @hetsched/scheduler-deepsched), and writes into `outDir`: `checkpoint-epoch-NNN.dsm` each time
 * validation loss improves, `best.dsm` (the best so far, then the kept model with its metrics) and
 * `training.json`. Every file is written atomically (temporary file + rename), so after Ctrl-C, a crash or an
 * abort the folder holds whole files only, and `best.dsm` is always a loadable model once one epoch improved.
 */
export async function trainToFolder(examples: readonly LabelledExample[], options: TrainToFolderOptions): Promise<{ result: TrainingResult; report: TrainingReport }> {
  const validationFraction = options.validationFraction ?? 0.1;
  const { train, validation } = splitExamples(examples, validationFraction, options.train.seed);
  if (train.length === 0) throw new RangeError(`no training examples: ${examples.length} examples with validation fraction ${validationFraction}`);
  if (validation.length === 0) throw new RangeError(`no validation examples: give at least 2 examples and a validation fraction above 0 (early stopping needs them)`);
  mkdirSync(options.outDir, { recursive: true });

  const report: TrainingReport = {
    status: 'running',
    options: options.train,
    split: { train: train.length, validation: validation.length, validationFraction, seed: options.train.seed },
    ...(options.start ? { startedFrom: options.start.metadata.version } : {}),
    ...(options.dataset ? { dataset: options.dataset } : {}),
    epochs: [],
    files: { checkpoints: [] },
  };
  const writeReport = (): void => writeFileAtomic(join(options.outDir, TRAINING_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  writeReport();

  const hooks: TrainHooks = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    onEpoch: (epoch) => {
      report.epochs.push(epoch);
      writeReport();
      options.onEpoch?.(epoch);
    },
    onCheckpoint: (bytes, epoch) => {
      const file = checkpointFile(epoch.epoch);
      writeFileAtomic(join(options.outDir, file), bytes);
      writeFileAtomic(join(options.outDir, BEST_MODEL_FILE), bytes);
      report.files.checkpoints.push(file);
      report.files.best = BEST_MODEL_FILE;
      report.bestEpoch = epoch.epoch;
    },
  };
  const result = await trainModel(train, validation, options.train, hooks, options.start);
  // The kept model carries its validation metrics in its metadata, which the per-epoch checkpoints predate.
  writeFileAtomic(join(options.outDir, BEST_MODEL_FILE), serializeModel(result.model));
  report.files.best = BEST_MODEL_FILE;
  report.status = 'finished';
  report.stoppedBy = result.stoppedBy;
  report.model = result.model.metadata;
  report.epochs = result.epochs;
  writeReport();
  return { result, report };
}
