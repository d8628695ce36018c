import { buildRandomProblem } from '@hetsched/scheduler-conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { encodeProblem } from './features.js';
import { createNetwork, predict } from './network.js';
import { MODEL_MAGIC } from './model-file.js';
import { loadModel, serializeModel } from './serialize.js';
import { DEFAULT_MODEL_CONFIG, type ModelMetadata } from './types.js';

const metadata: ModelMetadata = {
  version: 'ds-test-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  config: { ...DEFAULT_MODEL_CONFIG, gruUnits: 8, hidden: 8, fusion: 8 },
  training: { trainExamples: 3, validationExamples: 1, epochs: 2, seed: 7, dataset: 'unit' },
  metrics: { processorAccuracy: 0.5 },
};

beforeAll(() => initBackend());

describe('the model file', () => {
  const net = createNetwork(metadata, 3);
  const bytes = serializeModel(net);

  it('round-trips metadata and weights: identical predictions', async () => {
    const loaded = await loadModel(bytes);
    expect(loaded.metadata).toEqual(metadata);
    const problem = buildRandomProblem({ tasks: 30, processors: 4, ccr: 1, shape: 1, heterogeneity: 1, outDegree: 3, heterogeneousLinks: true, bandwidth: 1, latency: 0, seed: 3 });
    const encoded = encodeProblem(problem, 32);
    const a = predict(net, encoded);
    const b = predict(loaded as never, encoded);
    expect(b.probabilities).toEqual(a.probabilities);
    expect(b.times).toEqual(a.times);
    expect(serializeModel(loaded)).toEqual(bytes);
    loaded.dispose();
  });

  it('round-trips an autoregressive model, whose extra weight the config announces', async () => {
    const ar = createNetwork({ ...metadata, config: { ...metadata.config, autoregressive: true } }, 4);
    const loaded = await loadModel(serializeModel(ar));
    expect(loaded.metadata.config.autoregressive).toBe(true);
    expect(serializeModel(loaded)).toEqual(serializeModel(ar));
    ar.dispose();
    loaded.dispose();
  });

  it('starts with the magic and stays small', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe(MODEL_MAGIC.slice(0, 7));
    expect(bytes.length).toBeLessThan(100_000);
  });

  it('refuses alien, truncated and inconsistent files with a clear error', async () => {
    await expect(loadModel(new TextEncoder().encode('{"not": "a model"} and some more bytes'))).rejects.toThrow(/not a DeepSched model \(bad magic/);
    await expect(loadModel(bytes.subarray(0, 10))).rejects.toThrow(/too short to be a model \(truncated\?\)/);
    await expect(loadModel(bytes.subarray(0, 40))).rejects.toThrow(/truncated: the header needs/);
    await expect(loadModel(bytes.subarray(0, bytes.length - 8))).rejects.toThrow(/truncated: weight "head\/regressor\/bias" needs floats/);
    const future = bytes.slice();
    future[8] = 9;
    await expect(loadModel(future)).rejects.toThrow(/format version 9, this build reads version 1/);
    // A header whose config does not match the stored weights.
    const text = new TextDecoder().decode(bytes);
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
    const header = text.slice(16, 16 + headerLength).replace('"gruUnits":8', '"gruUnits":9');
    const edited = bytes.slice();
    edited.set(new TextEncoder().encode(header), 16);
    await expect(loadModel(edited)).rejects.toThrow(/weight "gru_forward\/kernel" has shape \[\d+,24\], the config gives \[\d+,27\]/);
  });
});
