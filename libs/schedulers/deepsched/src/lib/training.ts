import type {
  ArtifactSource,
  TrainedArtifact,
  TrainedArtifactDescription,
  TrainingCapability,
  TrainingContext,
  TrainingResult,
} from '@hetsched/core';
import { initBackend } from './backend.js';
import { generatedRecipes, makeGeneratedExample, type GeneratedExample } from './examples.js';
import { describeModelFile } from './model-file.js';
import { BUILTIN_MODEL_ID, readBuiltinModelFile } from './models.js';
import { loadRuntime, type Runtime } from './runtime.js';
import { splitExamples } from './split.js';
import {
  checkTrainingParameters,
  TRAINING_PARAMETERS_SCHEMA,
  typedTrainingParameters,
  type DeepSchedTrainingParameters,
  type TrainingDataset,
} from './training-parameters.js';
import { DEEPSCHED_MODEL_ARTIFACT, DeepSchedError, type DeepSchedModel, type EpochReport, type TrainHooks } from './types.js';

/** Batch reports are many (tens a second on small examples): at most one per this many milliseconds goes out. */
export const BATCH_REPORT_MS = 100;
/** Example generation yields to the event loop every this many examples, so that an abort can arrive. */
const EXAMPLES_PER_YIELD = 8;

/**
 * DeepSched's training (plugin API 1.1): HEFT-labelled examples generated in memory from the parameters (no files,
 * no paths from the request), a seeded split, then trainModel with progress (an important event per epoch, batches
 * throttled), a checkpoint at every improvement and the best model so far on abort. The artifact is the model file;
 * its id is the model's version.
 */
export const deepschedTraining: TrainingCapability = {
  parametersSchema: TRAINING_PARAMETERS_SCHEMA,
  artifactKind: DEEPSCHED_MODEL_ARTIFACT,
  artifactOption: { name: 'model', builtIn: [BUILTIN_MODEL_ID] },
  checkParameters: checkTrainingParameters,
  train: (parameters, context) => trainFromParameters(typedTrainingParameters(parameters), context),
  describeArtifact: async (data) => describeArtifact(data),
};

/** What a model file says about itself (no TensorFlow.js): its version as the id, its name, metadata and metrics. */
export function describeArtifact(data: Uint8Array): TrainedArtifactDescription {
  const metadata = describeModelFile(data, 'deepsched model');
  return {
    id: metadata.version,
    name: metadata.name ?? null,
    metadata: { ...metadata },
    config: { ...metadata.config },
    metrics: { ...metadata.metrics },
  };
}

/** A model file as an artifact: its description and its bytes. */
export function artifactOf(data: Uint8Array): TrainedArtifact {
  return { ...describeArtifact(data), data };
}

/** The training run of typed parameters: examples, split, training, the best model as an artifact. */
async function trainFromParameters(p: DeepSchedTrainingParameters, context: TrainingContext): Promise<TrainingResult> {
  const runtime = await loadRuntime();
  const backend = (await initBackend()).name;
  const start = p.from !== null ? await startingModel(p.from, context.artifacts, runtime) : undefined;
  try {
    const { count } = p.dataset;
    context.reportProgress({ fraction: 0, message: `generating ${count} examples (HEFT labels)`, data: { phase: 'examples', count, backend } }, true);
    const started = context.now();
    const examples = await generateExamples(p.dataset, context.signal);
    const examplesMs = context.now() - started;
    const summary = { examplesMs, backend, ...(start ? { startedFrom: start.metadata.version } : {}) };
    if (examples === null) {
      return { artifact: null, info: { stoppedBy: 'abort', epochsRun: 0, bestEpoch: null, trainExamples: 0, validationExamples: 0, ...summary, metrics: {} } };
    }
    const { train, validation } = splitExamples(examples, p.validationFraction, p.seed);
    context.reportProgress(
      {
        fraction: 0,
        message: `${train.length} training and ${validation.length} validation examples; training on ${backend}`,
        data: { phase: 'start', trainExamples: train.length, validationExamples: validation.length, examplesMs, backend },
      },
      true,
    );
    const options = {
      epochs: p.epochs,
      batchSize: p.batchSize,
      learningRate: p.learningRate,
      patience: p.patience,
      seed: p.seed,
      datasetName: `generated: ${count} workflows, seed ${p.dataset.seed}`,
      ...(p.name !== null ? { name: p.name } : {}),
      config: p.network,
    };
    const result = await runtime.trainModel(train, validation, options, progressHooks(p.epochs, context), start);
    const artifact = result.epochs.length > 0 ? artifactOf(runtime.serializeModel(result.model)) : null;
    const metrics = result.model.metadata.metrics;
    result.model.dispose();
    const info = { stoppedBy: result.stoppedBy, epochsRun: result.epochs.length, bestEpoch: bestEpochOf(result.epochs), trainExamples: train.length, validationExamples: validation.length };
    return { artifact, info: { ...info, ...summary, metrics } };
  } finally {
    start?.dispose();
  }
}

/** The model a run continues from: the shipped one, or a stored one fetched through the host's artifacts. */
async function startingModel(from: string, artifacts: ArtifactSource | undefined, runtime: Runtime): Promise<DeepSchedModel> {
  if (from === BUILTIN_MODEL_ID) return runtime.parseModel(await readBuiltinModelFile(), 'the built-in DeepSched model');
  if (artifacts === undefined) {
    throw new DeepSchedError(`deepsched: parameter from "${from}" names a stored model, but this host keeps no artifacts; use from "${BUILTIN_MODEL_ID}" or leave it out`);
  }
  const bytes = await artifacts.get(DEEPSCHED_MODEL_ARTIFACT, from);
  if (bytes === undefined) throw new DeepSchedError(`deepsched: no stored model "${from}" (artifact kind "${DEEPSCHED_MODEL_ARTIFACT}") to continue training from`);
  return runtime.parseModel(bytes, `stored DeepSched model "${from}"`);
}

/** The generated examples of a dataset, or null when the signal fired first (checked between examples). */
async function generateExamples(dataset: TrainingDataset, signal: AbortSignal): Promise<GeneratedExample[] | null> {
  const examples: GeneratedExample[] = [];
  for (const recipe of generatedRecipes(dataset.seed, dataset)) {
    if (examples.length % EXAMPLES_PER_YIELD === 0) {
      // A worker thread's abort arrives as a message: the event loop must turn for it.
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) return null;
    }
    examples.push(makeGeneratedExample(recipe));
  }
  return signal.aborted ? null : examples;
}

/** trainModel's hooks for a context: the signal, throttled batch progress, important epoch progress, checkpoints. */
function progressHooks(epochs: number, context: TrainingContext): TrainHooks {
  let lastBatchReport = -Infinity;
  return {
    signal: context.signal,
    onBatch: ({ epoch, batch, batches, loss }) => {
      const now = context.now();
      if (now - lastBatchReport < BATCH_REPORT_MS) return;
      lastBatchReport = now;
      const fraction = Math.min(1, (epoch - 1 + batch / Math.max(1, batches)) / epochs);
      context.reportProgress({ fraction, message: `epoch ${epoch}/${epochs}, batch ${batch}/${batches}: loss ${loss.toFixed(4)}`, data: { phase: 'batch', epoch, epochs, batch, batches, loss } });
    },
    onEpoch: (report) => context.reportProgress({ fraction: Math.min(1, report.epoch / epochs), message: epochMessage(report), data: { phase: 'epoch', ...report } }, true),
    onCheckpoint: (bytes) => context.checkpoint(artifactOf(bytes)),
  };
}

function epochMessage(report: EpochReport): string {
  const accuracy = (report.validationProcessorAccuracy * 100).toFixed(1);
  return `epoch ${report.epoch}/${report.epochs}: train loss ${report.trainLoss.toFixed(4)}, validation loss ${report.validationLoss.toFixed(4)}, processor accuracy ${accuracy}%`;
}

/** The epoch with the lowest validation loss (the kept weights'), or null before any epoch ended. */
function bestEpochOf(epochs: readonly EpochReport[]): number | null {
  let best: EpochReport | null = null;
  for (const e of epochs) if (best === null || e.validationLoss < best.validationLoss) best = e;
  return best?.epoch ?? null;
}
