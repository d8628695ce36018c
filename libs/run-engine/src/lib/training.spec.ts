import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import type { RunEventRecord } from '@hetsched/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProblem } from '../testing/problems.js';
import { SchedulerOptionsError, type SchedulerPlugin } from '@hetsched/core';
import { RunEngine } from './engine.js';

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function collect(iterator: AsyncIterableIterator<RunEventRecord>, limitMs = 60_000): Promise<RunEventRecord[]> {
  const events: RunEventRecord[] = [];
  const timer = setTimeout(() => void iterator.return?.(), limitMs);
  for await (const event of iterator) events.push(event);
  clearTimeout(timer);
  return events;
}

/** A few small examples: a training run of seconds. */
const tiny = { dataset: { seed: 3, count: 8, taskCounts: [6, 10], ccrs: [0.5, 2], heterogeneities: [0.5], processorCounts: [2, 3] }, epochs: 2, batchSize: 4, patience: 2, seed: 5, validationFraction: 0.25, name: 'tiny' };

describe('training runs and stored models (real PostgreSQL, worker threads, TensorFlow.js)', () => {
  let db: TestDatabase;
  let engine: RunEngine;
  let problem: { workflowId: string; clusterId: string };
  let deepsched: SchedulerPlugin;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: workspaceRoot, worker: { concurrency: 2 }, timeLimitMs: 60_000, reapIntervalMs: 0 });
    problem = await storeProblem(engine.store, 30, 3);
    deepsched = (await engine.catalog.find('deepsched'))!.plugin;
  });

  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('refuses parameters out of the plugin\'s bounds before storing anything, naming the field', async () => {
    await expect(engine.submitTraining(deepsched, { epochs: 10_000 }, 'input')).rejects.toThrow(SchedulerOptionsError);
    await expect(engine.submitTraining(deepsched, { epochs: 10_000 }, 'input')).rejects.toThrow(/input\.epochs: must be between 1 and 200, got 10000/);
    await expect(engine.submitTraining(deepsched, { dataset: { tracesDir: '/etc' } })).rejects.toThrow(/parameters\.dataset\.tracesDir: unknown option/);
    expect((await engine.store.runs.trainingHistory()).items).toEqual([]);
  });

  it('trains a model as a run, streaming every epoch, stores it with the success, and a schedule run uses it', async () => {
    const run = await engine.submitTraining(deepsched, tiny);
    expect(run).toMatchObject({ kind: 'TRAINING', status: 'QUEUED', options: { epochs: 2, name: 'tiny' } });
    const events = await collect(engine.events(run.id));
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    const final = events.at(-1)!;
    expect(final.data, JSON.stringify(final)).toMatchObject({ status: 'SUCCEEDED' });
    const epochs = events.filter((e) => e.data?.['phase'] === 'epoch');
    expect(epochs.map((e) => e.data!['epoch'])).toEqual([1, 2]);
    expect(epochs[0]!.data).toEqual(expect.objectContaining({ trainLoss: expect.any(Number), validationLoss: expect.any(Number), validationProcessorAccuracy: expect.any(Number) }));

    const stored = await engine.store.runs.findTraining(run.id);
    const version = stored!.info!['modelVersion'] as string;
    expect(stored!.info).toMatchObject({ stoppedBy: expect.stringMatching(/epochs|early-stopping/), trainExamples: 6, validationExamples: 2 });
    expect(final.data!['modelVersion']).toBe(version);
    const model = await engine.store.models.findById(version);
    expect(model).toMatchObject({ plugin: 'deepsched', name: 'tiny', trainingRunId: run.id });
    expect(model!.metrics).toHaveProperty('processorAccuracy');
    expect((await deepsched.training!.describeArtifact!((await engine.store.models.data(version))!)).id).toBe(version);

    // A schedule run names the stored model: the plugin reads it through context.artifacts (a round trip to the parent).
    const scheduled = await engine.submit({ ...problem, scheduler: 'deepsched', schedulerVersion: '1.0.0', options: { model: version } });
    const scheduleEvents = await collect(engine.events(scheduled.id));
    expect(scheduleEvents.at(-1)!.data, JSON.stringify(scheduleEvents.at(-1))).toMatchObject({ status: 'SUCCEEDED' });
    expect((await engine.store.runs.findById(scheduled.id))!.info).toMatchObject({ modelVersion: version });
  });

  it('fails a schedule run that names a model the store does not have, saying so', async () => {
    const run = await engine.submit({ ...problem, scheduler: 'deepsched', schedulerVersion: '1.0.0', options: { model: 'ds-no-such-model' } });
    const events = await collect(engine.events(run.id));
    expect(events.at(-1)!.data).toMatchObject({ status: 'FAILED' });
    expect((await engine.store.runs.findById(run.id))!.error).toMatch(/ds-no-such-model/);
  });

  it('cancels a training run promptly and keeps the best model so far, linked to the run', async () => {
    const run = await engine.submitTraining(deepsched, { ...tiny, epochs: 200, patience: 50, name: 'cancelled' });
    const iterator = engine.events(run.id);
    for await (const event of iterator) if (event.data?.['phase'] === 'epoch') break;
    await iterator.return?.();
    expect((await engine.cancel(run.id)).updated).toBe(true);
    await expect.poll(() => engine.worker!.activeRuns.includes(run.id), { timeout: 10_000 }).toBe(false);
    expect((await engine.store.runs.findRun(run.id))!.status).toBe('CANCELLED');
    const kept = await engine.store.models.list({ trainingRunId: run.id });
    expect(kept.items.map((m) => m.name)).toEqual(['cancelled']);
  });
});

describe('a training run at the time limit', () => {
  let db: TestDatabase;
  let engine: RunEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: workspaceRoot, worker: { concurrency: 1 }, timeLimitMs: 4_000, reapIntervalMs: 0 });
  });

  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('SUCCEEDS with the best model so far, saying it stopped at the limit', async () => {
    const run = await engine.submitTraining((await engine.catalog.find('deepsched'))!.plugin, { ...tiny, epochs: 200, patience: 50, name: 'limited' });
    const events = await collect(engine.events(run.id));
    expect(events.at(-1)!.data, JSON.stringify(events.at(-1))).toMatchObject({ status: 'SUCCEEDED' });
    const stored = await engine.store.runs.findTraining(run.id);
    expect(stored!.info).toMatchObject({ stoppedBy: 'time limit', timeLimitMs: 4_000, modelVersion: expect.any(String) });
    const epochsRun = stored!.info!['epochsRun'] as number;
    expect(epochsRun).toBeGreaterThan(0);
    expect(epochsRun).toBeLessThan(200);
    expect(events.filter((e) => e.data?.['phase'] === 'epoch')).toHaveLength(epochsRun);
    expect(await engine.store.models.findById(stored!.info!['modelVersion'] as string)).toMatchObject({ name: 'limited', trainingRunId: run.id });
  });
});
