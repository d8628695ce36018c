import { resolveTrainingParameters, type ArtifactSource, type ProgressEvent, type TrainedArtifact, type TrainingContext } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { readBuiltinModelFile } from './models.js';
import { deepschedPlugin } from './plugin.js';

const training = deepschedPlugin.training!;

// 8 small workflows: validation round(0.25 × 8) = 2, training 6; all fit one size bucket (32 tasks × 4 processors),
// so an epoch is ceil(6 / 4) = 2 batches. A 4-wide network: an epoch takes milliseconds.
const TINY = {
  dataset: { seed: 3, count: 8, taskCounts: [6, 9], ccrs: [1], heterogeneities: [0.5], processorCounts: [2, 3] },
  epochs: 2,
  batchSize: 4,
  validationFraction: 0.25,
  network: { gruUnits: 4, hidden: 4, fusion: 4 },
  name: 'tiny',
};

interface Recorded {
  context: TrainingContext;
  events: { event: ProgressEvent; important: boolean }[];
  checkpoints: TrainedArtifact[];
  controller: AbortController;
}

/** A context that records what training reports; its clock stands still, so only the first batch report passes the throttle. */
function recordingContext(options: { artifacts?: ArtifactSource; onImportant?(event: ProgressEvent, recorded: Recorded): void } = {}): Recorded {
  const controller = new AbortController();
  const recorded: Recorded = { events: [], checkpoints: [], controller, context: undefined as unknown as TrainingContext };
  recorded.context = {
    signal: controller.signal,
    now: () => 1_000,
    reportProgress: (event, important = false) => {
      recorded.events.push({ event, important });
      if (important) options.onImportant?.(event, recorded);
    },
    checkpoint: (artifact) => recorded.checkpoints.push(artifact),
    ...(options.artifacts ? { artifacts: options.artifacts } : {}),
  };
  return recorded;
}

const phases = (recorded: Recorded, important: boolean) => recorded.events.filter((e) => e.important === important).map((e) => e.event.data?.['phase']);

/** The model file's header read by hand (uint32 length at byte 12, JSON after byte 16): an independent reader. */
function headerOf(bytes: Uint8Array): { metadata: Record<string, unknown> & { version: string; config: object; metrics: object } } {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length)));
}

let first: TrainedArtifact;

describe('deepschedPlugin.training.train', () => {
  it('trains on generated examples: important progress per epoch, throttled batches, a checkpoint per improvement', async () => {
    const recorded = recordingContext();
    const { artifact, info } = await training.train(resolveTrainingParameters(training, TINY), recorded.context);
    expect(artifact).not.toBeNull();
    first = artifact!;
    expect(info).toMatchObject({ stoppedBy: 'epochs', epochsRun: 2, trainExamples: 6, validationExamples: 2, backend: expect.any(String), examplesMs: 0 });
    expect(phases(recorded, true)).toEqual(['examples', 'start', 'epoch', 'epoch']);
    // The clock stands still: the first batch report passes, the 3 others (2 epochs × 2 batches) are within 100 ms of it.
    expect(phases(recorded, false)).toEqual(['batch']);
    const epochs = recorded.events.filter((e) => e.event.data?.['phase'] === 'epoch').map((e) => e.event);
    expect(epochs.map((e) => e.fraction)).toEqual([0.5, 1]);
    // A checkpoint per improved epoch (the first always improves on nothing); the last one holds the kept weights.
    const improved = epochs.filter((e) => e.data?.['improved'] === true).length;
    expect(improved).toBeGreaterThanOrEqual(1);
    expect(recorded.checkpoints).toHaveLength(improved);
    expect(recorded.checkpoints.at(-1)!.id).toBe(artifact!.id);
    for (const checkpoint of recorded.checkpoints) expect(checkpoint.id).toBe(headerOf(checkpoint.data).metadata.version);
    // The artifact as hosts store it: the version as id, the name, the metadata with its config and metrics.
    const header = headerOf(artifact!.data).metadata;
    expect(artifact).toMatchObject({ id: header.version, name: 'tiny', metadata: header, config: header.config, metrics: header.metrics });
    expect(artifact!.id).toMatch(/^ds-\d{8}-[0-9a-f]{8}$/);
    expect(header).toMatchObject({ name: 'tiny', config: { gruUnits: 4, hidden: 4, fusion: 4, maxProcessors: 32 }, training: { trainExamples: 6, validationExamples: 2, epochs: 2, seed: 1 } });
    expect(info['bestEpoch']).toBe(artifact!.metrics!['bestEpoch']);
    expect(info['metrics']).toEqual(artifact!.metrics);
  }, 120_000);

  it('continues a stored model; an abort stops after the current batch and returns the best so far', async () => {
    const asked: string[] = [];
    const artifacts: ArtifactSource = {
      get: async (kind, id) => {
        asked.push(`${kind}/${id}`);
        return id === first.id ? first.data : undefined;
      },
    };
    // Aborted when the first epoch is reported: that epoch improved on nothing, so its checkpoint is the result.
    const recorded = recordingContext({ artifacts, onImportant: (event, r) => event.data?.['phase'] === 'epoch' && r.controller.abort() });
    const parameters = resolveTrainingParameters(training, { ...TINY, network: undefined, from: first.id, epochs: 50, patience: 50 });
    const { artifact, info } = await training.train(parameters, recorded.context);
    expect(asked).toEqual([`deepsched-model/${first.id}`]);
    expect(info).toMatchObject({ stoppedBy: 'abort', epochsRun: 1, bestEpoch: 1, startedFrom: first.id });
    expect(recorded.checkpoints.map((c) => c.id)).toEqual([artifact!.id]);
    // The continued model keeps the stored model's shape.
    expect(artifact!.config).toMatchObject({ gruUnits: 4, hidden: 4, fusion: 4 });
  }, 120_000);

  it('returns no artifact when aborted before any epoch, and names a stored model it cannot get', async () => {
    const recorded = recordingContext();
    recorded.controller.abort();
    const result = await training.train(resolveTrainingParameters(training, TINY), recorded.context);
    expect(result).toEqual({ artifact: null, info: expect.objectContaining({ stoppedBy: 'abort', epochsRun: 0, bestEpoch: null }) });
    expect(recorded.checkpoints).toEqual([]);
    const unknown = resolveTrainingParameters(training, { ...TINY, network: undefined, from: 'ds-nope' });
    await expect(training.train(unknown, recordingContext({ artifacts: { get: async () => undefined } }).context)).rejects.toThrow(
      /no stored model "ds-nope" \(artifact kind "deepsched-model"\) to continue training from/,
    );
    await expect(training.train(unknown, recordingContext().context)).rejects.toThrow(/parameter from "ds-nope" names a stored model, but this host keeps no artifacts/);
  }, 60_000);
});

describe('deepschedPlugin.training.describeArtifact', () => {
  it('reads back what train stored, and the shipped model, from the bytes alone', async () => {
    const { data, ...stored } = first;
    expect(await training.describeArtifact!(data)).toEqual(stored);
    const shipped = await readBuiltinModelFile();
    const header = headerOf(shipped).metadata;
    expect(await training.describeArtifact!(shipped)).toEqual({ id: header.version, name: null, metadata: header, config: header.config, metrics: header.metrics });
  });

  it('refuses bytes that are not a usable model, saying why', async () => {
    await expect(training.describeArtifact!(new TextEncoder().encode('{"a": "json file, not a model"}'))).rejects.toThrow(/deepsched model: not a DeepSched model \(bad magic/);
    await expect(training.describeArtifact!(first.data.subarray(0, first.data.length - 4))).rejects.toThrow(/truncated: weight "head\/regressor\/bias"/);
  });
});
