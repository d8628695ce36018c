import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterOf } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import { ModelVersionExistsError } from './model-version-repository.js';
import { InvalidCursorError } from './pagination.js';

let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
});
afterAll(() => db.drop());

/** Bytes with every value 0-255 and a length that is not a multiple of 8: nothing may be re-encoded on the way. */
function modelBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

const model = (id: string, extra: Partial<{ plugin: string; trainingRunId: string; data: Uint8Array }> = {}) => ({
  id,
  plugin: 'deepsched',
  name: `model ${id}`,
  metadata: { version: id, createdAt: '2026-11-21T10:00:00.000Z', training: { epochs: 2, seed: 1 } },
  config: { maxProcessors: 16, hidden: 32 },
  metrics: { loss: 0.5, processorAccuracy: 0.75, makespanRatio: 1.04 },
  data: modelBytes(1001, id.length),
  ...extra,
});

describe('ModelVersionRepository', () => {
  it('stores a model with its bytes and reads both back exactly', async () => {
    const created = await store.models.create(model('ds-a'));
    expect(created).toMatchObject({ id: 'ds-a', plugin: 'deepsched', name: 'model ds-a', sizeBytes: 1001, trainingRunId: null });
    expect(created.metrics).toEqual({ loss: 0.5, processorAccuracy: 0.75, makespanRatio: 1.04 });
    expect(await store.models.findById('ds-a')).toEqual(created);
    const data = await store.models.data('ds-a');
    expect(data).toEqual(modelBytes(1001, 4));
    expect(await store.models.data('ds-a', 'other-plugin')).toBeNull();
    expect(await store.models.data('ds-missing')).toBeNull();
    expect(await store.models.exists('ds-a', 'deepsched')).toBe(true);
    expect(await store.models.exists('ds-a', 'other')).toBe(false);
  });

  it('refuses a taken id and ids that are not plain names', async () => {
    await expect(store.models.create(model('ds-a'))).rejects.toBeInstanceOf(ModelVersionExistsError);
    await expect(store.models.create(model('../etc/passwd'))).rejects.toThrow(/model version id must match/);
    expect(await store.models.findById("x' OR '1'='1")).toBeNull();
    expect(await store.models.data("x' OR '1'='1")).toBeNull();
  });

  it('lists newest first by keyset pages, filtered by plugin and training run', async () => {
    for (const id of ['ds-b', 'ds-c', 'ds-d']) await store.models.create(model(id));
    await store.models.create(model('other-1', { plugin: 'other' }));
    const first = await store.models.list({ plugin: 'deepsched' }, 2);
    expect(first.items.map((m) => m.id)).toEqual(['ds-d', 'ds-c']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await store.models.list({ plugin: 'deepsched' }, 2, first.pageInfo.endCursor);
    expect(second.items.map((m) => m.id)).toEqual(['ds-b', 'ds-a']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    await expect(store.models.list({}, 2, 'nope')).rejects.toBeInstanceOf(InvalidCursorError);
    expect(await store.models.findByIds(['ds-b', 'nope', 'ds-a'])).toEqual([expect.objectContaining({ id: 'ds-b' }), null, expect.objectContaining({ id: 'ds-a' })]);
  });

  it('links a model to the training run that made it, and unlinks it when the run is deleted', async () => {
    const run = await store.runs.createTraining({ scheduler: 'deepsched', schedulerVersion: '1.0.0', options: { epochs: 2 } });
    await store.models.create(model('ds-linked', { trainingRunId: run.id }));
    expect((await store.models.findByTrainingRuns([run.id])).get(run.id)!.map((m) => m.id)).toEqual(['ds-linked']);
    expect((await store.models.list({ trainingRunId: run.id })).items.map((m) => m.id)).toEqual(['ds-linked']);
    await store.pool.query('DELETE FROM runs WHERE id = $1', [run.id]);
    expect((await store.models.findById('ds-linked'))!.trainingRunId).toBeNull();
    expect(await store.models.delete('ds-linked')).toBe(true);
    expect(await store.models.delete('ds-linked')).toBe(false);
  });
});

describe('training runs (RunRepository, kind TRAINING)', () => {
  it('go QUEUED -> RUNNING -> SUCCEEDED with their model stored in the same transaction', async () => {
    const run = await store.runs.createTraining({ scheduler: 'deepsched', schedulerVersion: '1.0.0', options: { epochs: 3, seed: 9 } });
    expect(run).toMatchObject({ kind: 'TRAINING', status: 'QUEUED', scheduler: 'deepsched', options: { epochs: 3, seed: 9 }, info: null });
    expect(run).not.toHaveProperty('workflowId');
    // Not a schedule run: the schedule-run reads do not see it, the generic ones do.
    expect(await store.runs.findById(run.id)).toBeNull();
    expect(await store.runs.findRun(run.id)).toEqual(run);
    expect(await store.runs.findTraining(run.id)).toEqual(run);
    expect((await store.runs.history()).items.map((r) => r.id)).not.toContain(run.id);

    expect((await store.runs.start(run.id)).run).toMatchObject({ kind: 'TRAINING', status: 'RUNNING' });
    const done = await store.runs.completeTraining(run.id, { info: { modelVersion: 'ds-t1', epochs: 3 }, model: model('ds-t1') });
    expect(done).toMatchObject({ updated: true, run: { status: 'SUCCEEDED', info: { modelVersion: 'ds-t1', epochs: 3 } } });
    expect(await store.models.findById('ds-t1')).toMatchObject({ trainingRunId: run.id });
    // Final: a second success changes nothing and stores nothing.
    expect(await store.runs.completeTraining(run.id, { info: {}, model: model('ds-t2') })).toMatchObject({ updated: false, run: { status: 'SUCCEEDED' } });
    expect(await store.models.findById('ds-t2')).toBeNull();
  });

  it('stores no model when the success is refused, and rolls the success back when the model cannot be stored', async () => {
    const cancelled = await store.runs.createTraining({ scheduler: 'deepsched', schedulerVersion: '1.0.0', options: {} });
    await store.runs.cancel(cancelled.id, 'cancelled by request');
    expect((await store.runs.completeTraining(cancelled.id, { info: {}, model: model('ds-refused') })).updated).toBe(false);
    expect(await store.models.findById('ds-refused')).toBeNull();

    const clash = await store.runs.createTraining({ scheduler: 'deepsched', schedulerVersion: '1.0.0', options: {} });
    await store.runs.start(clash.id);
    await expect(store.runs.completeTraining(clash.id, { info: {}, model: model('ds-t1') })).rejects.toBeInstanceOf(ModelVersionExistsError);
    expect((await store.runs.findRun(clash.id))!.status).toBe('RUNNING');
  });

  it('are listed newest first, apart from schedule runs; schedule runs still need a workflow and a cluster', async () => {
    const page = await store.runs.trainingHistory({}, 2);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((r) => r.kind === 'TRAINING')).toBe(true);
    const rest = await store.runs.trainingHistory({}, 50, page.pageInfo.endCursor);
    expect(rest.items.map((r) => r.id)).not.toContain(page.items[0]!.id);
    expect((await store.runs.trainingHistory({ status: 'CANCELLED' })).items.map((r) => r.status)).toEqual(['CANCELLED']);

    const cluster = await store.clusters.create({ spec: clusterOf(2) });
    await expect(
      store.pool.query(`INSERT INTO runs (id, kind, cluster_id, scheduler, scheduler_version) VALUES (gen_random_uuid(), 'SCHEDULE', $1, 'heft', '1')`, [cluster.id]),
    ).rejects.toThrow(/runs_kind_problem_check/);
  });
});
