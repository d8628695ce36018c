import type { Schedule, SchedulingProblem } from '@hetsched/core';

/** One labelled example: a problem and HEFT's schedule of it. */
export interface TrainingExample {
  problem: SchedulingProblem;
  target: Schedule;
  source?: string;
}

/** The shape of the network. Everything a weight file needs to be rebuilt; stored in its header. */
export interface ModelConfig {
  /** The declared maximum cluster size (also `metadata.capabilities.maxProcessors` of the plugin). */
  maxProcessors: number;
  /** GRU units per direction of the task encoder. */
  gruUnits: number;
  /** Width of the task and machine representations. */
  hidden: number;
  /** Width of the fused (task, processor) representation and of the heads' hidden layer. */
  fusion: number;
  /** Weight of the start/finish MSE next to the cross-entropy in the loss (the paper sums them: 1). */
  regressionWeight: number;
  /**
   * An extension beyond the paper (default false): the heads also see where each task's predecessors were placed
   * (teacher-forced from HEFT's schedule in training; the decoder's own placements at inference, task by task).
   */
  autoregressive?: boolean;
}

export const DEFAULT_MODEL_CONFIG: ModelConfig = { maxProcessors: 32, gruUnits: 32, hidden: 32, fusion: 32, regressionWeight: 1 };

export interface ModelMetadata {
  /** Unique id of this trained model, e.g. "ds-20261121-1a2b3c4d" (also the artifact id it is stored under). */
  version: string;
  /** A name given by whoever trained it (the training parameter `name`); absent when none was given. */
  name?: string;
  createdAt: string;
  config: ModelConfig;
  training: { trainExamples: number; validationExamples: number; epochs: number; seed: number; dataset?: string };
  /** Validation metrics of the kept (best) weights: loss, processorAccuracy, makespanRatio (vs HEFT), ... */
  metrics: Record<string, number>;
}

export interface DeepSchedModel {
  readonly metadata: ModelMetadata;
  dispose(): void;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Early stopping: epochs without validation-loss improvement before stopping (best weights are kept). */
  patience: number;
  seed: number;
  config?: Partial<ModelConfig>;
  /** What the examples were (stored as metadata.training.dataset). */
  datasetName?: string;
  /** A name for the model (metadata.name). */
  name?: string;
  /** Validation examples decoded into schedules for the makespan ratio of the kept model (default 200; 0: skip). */
  ratioExamples?: number;
}

export interface EpochReport {
  epoch: number;
  epochs: number;
  trainLoss: number;
  validationLoss: number;
  validationProcessorAccuracy: number;
  elapsedMs: number;
  improved: boolean;
}

export interface TrainHooks {
  /** Abort: stop after the current batch, keep the best weights. */
  signal?: AbortSignal;
  onBatch?(progress: { epoch: number; batch: number; batches: number; loss: number }): void;
  onEpoch?(report: EpochReport): void | Promise<void>;
  /** Called when validation loss improved: the serialized best model so far (write it as a checkpoint). */
  onCheckpoint?(modelBytes: Uint8Array, report: EpochReport): void | Promise<void>;
}

export interface TrainingResult {
  model: DeepSchedModel;
  epochs: EpochReport[];
  stoppedBy: 'epochs' | 'early-stopping' | 'abort';
}

export interface BackendInfo {
  name: string;
  reason: string;
  tried: { name: string; error?: string }[];
}

export type DecodeOrder = 'predicted-start' | 'upward-rank';

export interface ScheduleWithModelOptions {
  /** The order tasks are decoded in: by predicted start (a ready list, so precedence holds) or HEFT's upward rank. */
  order?: DecodeOrder;
  /**
   * Processors the decoder may choose from per task: 1 (the paper) takes the most probable one; k > 1 takes, among
   * the k most probable, the one where the task finishes earliest (an extension beyond the paper).
   */
  candidates?: number;
}

export interface ModelScheduleResult {
  schedule: Schedule;
  /** How far the raw predicted start/finish times were from the decoded schedule's (mean absolute, and relative to makespan). */
  deviation: { meanAbsStart: number; meanAbsFinish: number; relativeToMakespan: number };
  inferenceMs: number;
  decodeMs: number;
}

export interface EvaluationResult {
  /** Share of tasks whose most probable processor is HEFT's (autoregressive models: given the decoder's own placements). */
  processorAccuracy: number;
  meanMakespanRatio: number;
  worstMakespanRatio: number;
  examples: number;
}

/** The artifact kind under which hosts store trained models: context.artifacts.get(DEEPSCHED_MODEL_ARTIFACT, version). */
export const DEEPSCHED_MODEL_ARTIFACT = 'deepsched-model';

/** A model cannot take this problem, or a model file is unusable. */
export class DeepSchedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
  }
}

export function assertProcessorsWithin(processorCount: number, maxProcessors: number): void {
  if (processorCount > maxProcessors) {
    throw new DeepSchedError(
      `deepsched: the cluster has ${processorCount} processors, more than the model's declared maximum of ${maxProcessors} (maxProcessors); use a model trained with a larger maxProcessors, or another scheduler`,
    );
  }
}
