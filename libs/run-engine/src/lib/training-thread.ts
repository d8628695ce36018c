// Worker-thread entry: runs ONE training run off the worker's event loop. It generates the labelled examples in
// memory from the parameters (B's generateExamples + splitExamples: HEFT schedules of generated workflows, no
// files, no paths from the request), trains with A's trainModel, reports progress (every epoch, batches throttled),
// sends each improved model to the parent as a checkpoint, and returns the best model's bytes. An `abort` message
// (cancel, time limit) stops training after the current batch; the best model so far is still returned.
import { parentPort, workerData } from 'node:worker_threads';
import type { ProgressEvent } from '@hetsched/core';
import type { ParentMessage, ThreadMessage, TrainingThreadInput } from './thread-protocol.js';
import type { TrainingParameters } from './training/training-parameters.js';

const input = workerData as TrainingThreadInput;
const port = parentPort!;
const controller = new AbortController();
port.on('message', (message: ParentMessage) => {
  if (message.type === 'abort') controller.abort(new Error(message.reason));
});

function post(message: ThreadMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function progress(event: ProgressEvent, important = false): void {
  post({ type: 'progress', event, ...(important ? { important: true } : {}) });
}

/** Batch reports are many (tens a second on small examples): at most one message per interval reaches the parent. */
const BATCH_REPORT_MS = 100;

async function main(): Promise<void> {
  const p: TrainingParameters = input.parameters;
  try {
    const training = await import('@hetsched/deepsched-training');
    const deepsched = await import('@hetsched/scheduler-deepsched');
    const backend = await deepsched.initBackend();
    progress({ fraction: 0, message: `generating ${p.dataset.count} examples (HEFT labels)`, data: { phase: 'examples', count: p.dataset.count, backend: backend.name } }, true);
    const started = performance.now();
    const examples = training.generateExamples({
      seed: p.dataset.seed,
      generated: {
        count: p.dataset.count,
        taskCounts: p.dataset.taskCounts,
        ccrs: p.dataset.ccrs,
        heterogeneities: p.dataset.heterogeneities,
        processorCounts: p.dataset.processorCounts,
      },
    });
    const { train, validation } = training.splitExamples(examples, p.validationFraction, p.seed);
    const examplesMs = performance.now() - started;
    if (controller.signal.aborted) throw controller.signal.reason;
    progress(
      { fraction: 0, message: `${train.length} training and ${validation.length} validation examples; training on ${backend.name}`, data: { phase: 'start', trainExamples: train.length, validationExamples: validation.length, examplesMs, backend: backend.name } },
      true,
    );

    let lastBatchReport = -Infinity;
    const result = await deepsched.trainModel(
      train,
      validation,
      { epochs: p.epochs, batchSize: p.batchSize, learningRate: p.learningRate, patience: p.patience, seed: p.seed, datasetName: p.name ?? `training run ${input.runId}` },
      {
        signal: controller.signal,
        onBatch: ({ epoch, batch, batches, loss }) => {
          const now = performance.now();
          if (now - lastBatchReport < BATCH_REPORT_MS) return;
          lastBatchReport = now;
          const fraction = Math.min(1, (epoch - 1 + batch / Math.max(1, batches)) / p.epochs);
          progress({ fraction, message: `epoch ${epoch}/${p.epochs}, batch ${batch}/${batches}: loss ${loss.toFixed(4)}`, data: { phase: 'batch', epoch, epochs: p.epochs, batch, batches, loss } });
        },
        onEpoch: (report) => {
          progress(
            {
              fraction: Math.min(1, report.epoch / p.epochs),
              message: `epoch ${report.epoch}/${report.epochs}: train loss ${report.trainLoss.toFixed(4)}, validation loss ${report.validationLoss.toFixed(4)}, processor accuracy ${(report.validationProcessorAccuracy * 100).toFixed(1)}%`,
              data: { phase: 'epoch', ...report },
            },
            true,
          );
        },
        onCheckpoint: (bytes) => {
          const own = new Uint8Array(bytes);
          post({ type: 'checkpoint', model: own }, [own.buffer]);
        },
      },
    );
    const model = result.epochs.length > 0 ? deepsched.serializeModel(result.model) : null;
    const metadata = result.model.metadata;
    result.model.dispose();
    const best = result.epochs.reduce<(typeof result.epochs)[number] | null>((b, e) => (b === null || e.validationLoss < b.validationLoss ? e : b), null);
    const info: Record<string, unknown> = {
      stoppedBy: result.stoppedBy,
      epochsRun: result.epochs.length,
      bestEpoch: best?.epoch ?? null,
      trainExamples: train.length,
      validationExamples: validation.length,
      examplesMs,
      backend: backend.name,
      metrics: metadata.metrics,
    };
    post({ type: 'trained', result: { model, info } }, model ? [model.buffer as ArrayBuffer] : []);
  } catch (error) {
    post({ type: 'error', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
}

void main();
