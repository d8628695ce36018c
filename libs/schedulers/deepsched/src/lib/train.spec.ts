import { buildRandomProblem } from '@hetsched/scheduler-conformance';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { heftOf, TINY } from '../testing/support.js';
import { initBackend } from './backend.js';
import { evaluateModel } from './infer.js';
import { loadModel, serializeModel } from './serialize.js';
import { trainModel } from './train.js';
import type { EpochReport, TrainingExample } from './types.js';

function examples(count: number, seed: number, tasks = 12): TrainingExample[] {
  return Array.from({ length: count }, (_, i) => {
    const problem = buildRandomProblem({ tasks, processors: 2 + (i % 3), ccr: 1, shape: 1, heterogeneity: 1.5, outDegree: 2, heterogeneousLinks: false, bandwidth: 1, latency: 0, seed: seed + i });
    return { problem, target: heftOf(problem), source: `unit-${seed + i}` };
  });
}

beforeAll(() => initBackend());

describe('trainModel', () => {
  it('overfits a handful of examples: the loss falls and processor accuracy rises', async () => {
    const train = examples(6, 100);
    const options = { epochs: 30, batchSize: 3, learningRate: 0.02, patience: 30, seed: 1, config: { ...TINY, gruUnits: 16, hidden: 16, fusion: 16 }, ratioExamples: 6 };
    const result = await trainModel(train, train, options);
    const first = result.epochs[0]!;
    const last = result.epochs.at(-1)!;
    expect(last.trainLoss).toBeLessThan(first.trainLoss * 0.6);
    expect(result.model.metadata.metrics['processorAccuracy']).toBeGreaterThan(Math.max(0.8, first.validationProcessorAccuracy + 0.15));
    // The kept weights are those of the epoch with the lowest validation loss.
    const best = result.epochs.reduce((a, b) => (b.validationLoss < a.validationLoss ? b : a));
    expect(result.model.metadata.metrics['processorAccuracy']).toBe(best.validationProcessorAccuracy);
    expect(result.model.metadata).toMatchObject({
      version: expect.stringMatching(/^ds-\d{8}-[0-9a-f]{8}$/),
      config: { gruUnits: 16, maxProcessors: 8 },
      training: { trainExamples: 6, validationExamples: 6, epochs: 30, seed: 1 },
    });
    const evaluation = await evaluateModel(result.model, train);
    expect(evaluation.processorAccuracy).toBeCloseTo(result.model.metadata.metrics['processorAccuracy']!, 6);
    expect(result.model.metadata.metrics['makespanRatio']).toBeCloseTo(evaluation.meanMakespanRatio, 6);
    result.model.dispose();
  }, 120_000);

  it('stops early when validation loss stops improving, keeping the best weights, and checkpoints each improvement', async () => {
    // A far too high learning rate: validation loss soon stops improving.
    const checkpoints: { bytes: Uint8Array; report: EpochReport }[] = [];
    const result = await trainModel(examples(4, 200), examples(3, 300), { epochs: 30, batchSize: 4, learningRate: 0.5, patience: 2, seed: 2, config: TINY, ratioExamples: 0 }, {
      onCheckpoint: (bytes, report) => void checkpoints.push({ bytes, report }),
    });
    expect(result.stoppedBy).toBe('early-stopping');
    expect(result.epochs.length).toBeLessThan(30);
    const best = result.epochs.reduce((a, b) => (b.validationLoss < a.validationLoss ? b : a));
    expect(result.epochs.slice(-2).every((e) => !e.improved)).toBe(true);
    expect(result.model.metadata.metrics['loss']).toBe(best.validationLoss);
    expect(checkpoints.map((c) => c.report.epoch)).toEqual(result.epochs.filter((e) => e.improved).map((e) => e.epoch));
    // The last checkpoint holds the best weights: the same validation metrics as the returned model.
    const restored = await loadModel(checkpoints.at(-1)!.bytes);
    expect(restored.metadata.metrics['loss']).toBe(best.validationLoss);
    restored.dispose();
    result.model.dispose();
  });

  it('stops after the current batch when aborted, reporting batches as it goes', async () => {
    const controller = new AbortController();
    const batches: number[] = [];
    const result = await trainModel(examples(8, 400), examples(2, 500), { epochs: 50, batchSize: 2, learningRate: 0.01, patience: 50, seed: 3, config: TINY, ratioExamples: 0 }, {
      signal: controller.signal,
      onBatch: ({ epoch, batch }) => {
        batches.push(batch);
        if (epoch === 2 && batch === 2) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe('abort');
    expect(result.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(batches).toEqual([1, 2, 3, 4, 1, 2]);
    result.model.dispose();
  });

  it('keeps the number of tensors flat across epochs', async () => {
    const counts: number[] = [];
    const result = await trainModel(examples(4, 600), examples(2, 700), { epochs: 4, batchSize: 2, learningRate: 0.01, patience: 10, seed: 4, config: TINY, ratioExamples: 2 }, {
      onEpoch: () => void counts.push(tf.memory().numTensors),
    });
    expect(new Set(counts).size).toBe(1);
    result.model.dispose();
  });

  it('continues training from a starting model, keeping its config and leaving it untouched', async () => {
    const data = examples(4, 800);
    const options = { epochs: 3, batchSize: 4, learningRate: 0.02, patience: 5, seed: 5, config: TINY, ratioExamples: 0 };
    const first = await trainModel(data, data, options);
    const before = serializeModel(first.model);
    const fresh = await trainModel(data, data, { ...options, config: { ...TINY, hidden: 4 } }, {}, first.model);
    expect(fresh.model.metadata.config).toEqual(first.model.metadata.config); // the start's config wins
    expect(fresh.epochs[0]!.trainLoss).toBeLessThan(first.epochs[0]!.trainLoss);
    expect(serializeModel(first.model)).toEqual(before);
    first.model.dispose();
    fresh.model.dispose();
  });

  it('refuses bad options and examples beyond the model’s maxProcessors', async () => {
    await expect(trainModel(examples(1, 1), [], { epochs: 0, batchSize: 1, learningRate: 0.1, patience: 1, seed: 1 })).rejects.toThrow(/options\.epochs must be a positive integer, got 0/);
    const wide = buildRandomProblem({ tasks: 5, processors: 9, ccr: 1, shape: 1, heterogeneity: 1, outDegree: 2, heterogeneousLinks: false, bandwidth: 1, latency: 0, seed: 1 });
    await expect(trainModel([{ problem: wide, target: heftOf(wide), source: 'wide.json' }], [], { epochs: 1, batchSize: 1, learningRate: 0.1, patience: 1, seed: 1, config: TINY })).rejects.toThrow(
      /training example 0 \(wide\.json\): deepsched: the cluster has 9 processors, more than the model's declared maximum of 8/,
    );
  });
});
