import { Random } from '@hetsched/core';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { encodeProblem, encodeTargets, makeBatch, processorBucket, taskBucket, type Batch, type EncodedProblem, type EncodedTargets } from './features.js';
import { evaluateModel } from './infer.js';
import { batchLoss, createNetwork, forwardBatch, type DeepSchedNetwork } from './network.js';
import { asNetwork, serializeModel } from './serialize.js';
import {
  assertProcessorsWithin,
  DEFAULT_MODEL_CONFIG,
  DeepSchedError,
  type DeepSchedModel,
  type EpochReport,
  type ModelConfig,
  type ModelMetadata,
  type TrainHooks,
  type TrainingExample,
  type TrainingResult,
  type TrainOptions,
} from './types.js';

interface Item {
  encoded: EncodedProblem;
  targets: EncodedTargets;
  key: string;
}

/** Examples scored for the makespan ratio of the kept model unless options.ratioExamples says otherwise. */
const DEFAULT_RATIO_EXAMPLES = 200;

/** One training run's fixed parts, shared by its epochs. */
interface TrainingRun {
  net: DeepSchedNetwork;
  trainItems: Item[];
  /** The batches each epoch is scored on: the validation set's (the training set's when there is none). */
  scoringBatches: Batch[];
  options: TrainOptions;
  hooks: TrainHooks;
  /** Shuffles the batches of every epoch (seeded from options.seed). */
  random: Random;
}

/** The best epoch so far: its validation loss, its weights and its report (undefined before the first). */
interface Best {
  loss: number;
  weights: Map<string, Float32Array>;
  report: EpochReport | undefined;
}

/**
 * Trains on labelled examples (HEFT schedules): shuffled batches drawn within size buckets (seeded), Adam on
 * cross-entropy + MSE, validation every epoch, early stopping on validation loss with the best weights kept.
 * `start` continues training a model (its config wins over options.config); it is not modified.
 *
 * Cost per epoch: one forward and backward pass over every training example and a forward pass over the validation
 * set, each linear in the padded tasks × processors of its batches (the GRU is sequential over the task axis).
 */
export async function trainModel(
  train: TrainingExample[],
  validation: TrainingExample[],
  options: TrainOptions,
  hooks: TrainHooks = {},
  start?: DeepSchedModel,
): Promise<TrainingResult> {
  checkOptions(options);
  if (train.length === 0) throw new DeepSchedError('trainModel: no training examples');
  await initBackend();
  const config: ModelConfig = start ? asNetwork(start).config : { ...DEFAULT_MODEL_CONFIG, ...options.config };
  const random = new Random(options.seed);
  const net = createNetwork(initialMetadata(train.length, validation.length, options, config), random.nextUint32());
  if (start) net.restore(asNetwork(start).snapshot());
  const trainItems = encodeAll(train, config, 'training');
  const validationItems = encodeAll(validation, config, 'validation');
  const scoringBatches = bucketBatches(validationItems.length ? validationItems : trainItems, options.batchSize, undefined);
  const run: TrainingRun = { net, trainItems, scoringBatches, options, hooks, random };
  const { epochs, best, stoppedBy } = await runEpochs(run);
  net.restore(best.weights);
  finishMetadata(net, epochs, best.report, await finalMetrics(run, validation, best.report));
  return { model: net, epochs, stoppedBy };
}

/** The metadata of a network before training: no version yet, the run's sizes and settings. */
function initialMetadata(trainExamples: number, validationExamples: number, options: TrainOptions, config: ModelConfig): ModelMetadata {
  return {
    version: 'untrained',
    ...(options.name !== undefined ? { name: options.name } : {}),
    createdAt: new Date().toISOString(),
    config,
    training: {
      trainExamples,
      validationExamples,
      epochs: 0,
      seed: options.seed,
      ...(options.datasetName !== undefined ? { dataset: options.datasetName } : {}),
    },
    metrics: {},
  };
}

/**
 * The epochs: train, score, keep the best weights (a checkpoint each time they improve), until the epoch count,
 * early stopping (`patience` epochs without improvement) or the abort signal (after the current batch).
 */
async function runEpochs(run: TrainingRun): Promise<{ epochs: EpochReport[]; best: Best; stoppedBy: TrainingResult['stoppedBy'] }> {
  const { net, options, hooks } = run;
  const optimizer = tf.train.adam(options.learningRate);
  const epochs: EpochReport[] = [];
  let best: Best = { loss: Infinity, weights: net.snapshot(), report: undefined };
  let stale = 0;
  let stoppedBy: TrainingResult['stoppedBy'] = 'epochs';
  const started = performance.now();
  try {
    for (let epoch = 1; epoch <= options.epochs && stoppedBy === 'epochs'; epoch++) {
      const pass = await trainEpoch(run, optimizer, epoch);
      if (pass.aborted) stoppedBy = 'abort';
      if (pass.tasks === 0) break;
      const scored = validate(net, run.scoringBatches);
      const improved = scored.loss < best.loss;
      const report: EpochReport = {
        epoch,
        epochs: options.epochs,
        trainLoss: pass.loss,
        validationLoss: scored.loss,
        validationProcessorAccuracy: scored.accuracy,
        elapsedMs: performance.now() - started,
        improved,
      };
      epochs.push(report);
      if (improved) best = { loss: scored.loss, weights: net.snapshot(), report };
      stale = improved ? 0 : stale + 1;
      await hooks.onEpoch?.(report);
      if (improved && hooks.onCheckpoint) {
        finishMetadata(net, epochs, report, {});
        await hooks.onCheckpoint(serializeModel(net), report);
      }
      if (stoppedBy === 'epochs' && stale >= options.patience) stoppedBy = 'early-stopping';
    }
  } finally {
    optimizer.dispose();
  }
  return { epochs, best, stoppedBy };
}

/**
 * One pass over the shuffled training batches: the mean loss per task, the tasks trained on, and whether the abort
 * signal stopped it (checked before every batch, so an abort between epochs trains nothing more).
 */
async function trainEpoch(run: TrainingRun, optimizer: tf.Optimizer, epoch: number): Promise<{ loss: number; tasks: number; aborted: boolean }> {
  const { net, hooks } = run;
  const batches = bucketBatches(run.trainItems, run.options.batchSize, run.random);
  const variables = [...net.weights.values()];
  let lossSum = 0;
  let lossTasks = 0;
  const result = () => ({ loss: lossSum / Math.max(1, lossTasks), tasks: lossTasks, aborted: hooks.signal?.aborted ?? false });
  for (let b = 0; b < batches.length; b++) {
    if (hooks.signal?.aborted) return result();
    const batch = batches[b]!;
    const tasks = countTasks(batch);
    const lossTensor = optimizer.minimize(() => batchLoss(net, batch, forwardBatch(net, batch)).loss, true, variables)!;
    const loss = (await lossTensor.data())[0]!;
    lossTensor.dispose();
    lossSum += loss * tasks;
    lossTasks += tasks;
    hooks.onBatch?.({ epoch, batch: b + 1, batches: batches.length, loss });
    // Let timers and the abort signal's listeners run between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result();
}

/**
 * Metrics of the kept weights beyond their epoch's: the makespan ratio to the labels on up to
 * options.ratioExamples validation examples, and, when no epoch ended (an early abort), their loss and accuracy.
 */
async function finalMetrics(run: TrainingRun, validation: TrainingExample[], best: EpochReport | undefined): Promise<Record<string, number>> {
  const { net, options } = run;
  const extra: Record<string, number> = {};
  const ratioExamples = Math.min(options.ratioExamples ?? DEFAULT_RATIO_EXAMPLES, validation.length);
  if (ratioExamples > 0) {
    const evaluation = await evaluateModel(net, validation.slice(0, ratioExamples));
    extra['makespanRatio'] = evaluation.meanMakespanRatio;
    extra['worstMakespanRatio'] = evaluation.worstMakespanRatio;
    extra['ratioExamples'] = evaluation.examples;
  }
  if (best === undefined) {
    const scored = validate(net, run.scoringBatches);
    extra['loss'] = scored.loss;
    extra['processorAccuracy'] = scored.accuracy;
  }
  return extra;
}

function finishMetadata(net: DeepSchedNetwork, epochs: EpochReport[], best: EpochReport | undefined, extra: Record<string, number>): void {
  const metrics: Record<string, number> = {};
  if (best) {
    metrics['loss'] = best.validationLoss;
    metrics['processorAccuracy'] = best.validationProcessorAccuracy;
    metrics['trainLoss'] = best.trainLoss;
    metrics['bestEpoch'] = best.epoch;
  }
  Object.assign(metrics, extra);
  const weights = net.snapshot();
  const stamp = net.metadata.createdAt.slice(0, 10).replaceAll('-', '');
  net.metadata = {
    ...net.metadata,
    version: `ds-${stamp}-${fingerprint(weights)}`,
    training: { ...net.metadata.training, epochs: epochs.length },
    metrics,
  };
}

/** FNV-1a over the weights' bytes: the same weights always get the same version suffix. */
function fingerprint(weights: Map<string, Float32Array>): string {
  let h = 0x811c9dc5;
  for (const values of weights.values()) {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function encodeAll(examples: TrainingExample[], config: ModelConfig, what: string): Item[] {
  return examples.map((example, i) => {
    try {
      assertProcessorsWithin(example.problem.processorCount, config.maxProcessors);
      const encoded = encodeProblem(example.problem, config.maxProcessors);
      const targets = encodeTargets(encoded, example.target, example.problem);
      return { encoded, targets, key: `${taskBucket(encoded.taskCount)}x${processorBucket(encoded.processorCount)}` };
    } catch (error) {
      const name = example.source ? ` (${example.source})` : '';
      throw new DeepSchedError(`${what} example ${i}${name}: ${(error as Error).message}`, { cause: error });
    }
  });
}

/** Batches that each hold one bucket's examples; shuffled (items and batch order) when a generator is given. */
function bucketBatches(items: Item[], batchSize: number, random: Random | undefined): Batch[] {
  const buckets = new Map<string, Item[]>();
  const order = items.map((_, i) => i);
  if (random) shuffle(order, random);
  for (const i of order) {
    const item = items[i]!;
    const list = buckets.get(item.key) ?? [];
    list.push(item);
    buckets.set(item.key, list);
  }
  const batches: Batch[] = [];
  for (const list of buckets.values()) {
    const taskPad = taskBucket(Math.max(...list.map((x) => x.encoded.taskCount)));
    const processorPad = processorBucket(Math.max(...list.map((x) => x.encoded.processorCount)));
    for (let i = 0; i < list.length; i += batchSize) batches.push(makeBatch(list.slice(i, i + batchSize), taskPad, processorPad));
  }
  if (random) shuffle(batches, random);
  return batches;
}

function validate(net: DeepSchedNetwork, batches: Batch[]): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  let tasks = 0;
  for (const batch of batches) {
    const [l, c] = tf.tidy(() => {
      const scored = batchLoss(net, batch, forwardBatch(net, batch));
      return [scored.loss.mul(scored.tasks), scored.correct];
    });
    loss += l!.dataSync()[0]!;
    correct += c!.dataSync()[0]!;
    l!.dispose();
    c!.dispose();
    tasks += countTasks(batch);
  }
  return { loss: tasks > 0 ? loss / tasks : Infinity, accuracy: tasks > 0 ? correct / tasks : 0 };
}

function countTasks(batch: Batch): number {
  let tasks = 0;
  for (let i = 0; i < batch.taskMask.length; i++) tasks += batch.taskMask[i]!;
  return tasks;
}

function shuffle<T>(items: T[], random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

function checkOptions(options: TrainOptions): void {
  const positive = (key: keyof TrainOptions, integer: boolean) => {
    const value = options[key] as number;
    if (typeof value !== 'number' || !(value > 0) || (integer && !Number.isInteger(value))) {
      throw new DeepSchedError(`trainModel: options.${key} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`);
    }
  };
  positive('epochs', true);
  positive('batchSize', true);
  positive('learningRate', false);
  if (!Number.isInteger(options.patience) || options.patience < 1) {
    throw new DeepSchedError(`trainModel: options.patience must be an integer >= 1, got ${JSON.stringify(options.patience)}`);
  }
  if (!Number.isInteger(options.seed)) throw new DeepSchedError(`trainModel: options.seed must be an integer, got ${JSON.stringify(options.seed)}`);
}
