import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterOf } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';

let db: TestDatabase;
let store: Store;
let workflowId: string;
let clusterId: string;

const NO_SUCH_ID = '0190b5d2-0000-7000-8000-000000000000';

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
  workflowId = (await store.workflows.create({ spec: { tasks: [{ id: 'a', work: 1 }], edges: [] } })).workflow.id;
  clusterId = (await store.clusters.create({ spec: clusterOf(2) })).id;
});
afterAll(() => db.drop());

const newRun = (scheduler: string, comparison?: { id: string; index: number }) =>
  store.runs.create({ workflowId, clusterId, scheduler, schedulerVersion: '1.0.0', ...(comparison ? { comparison } : {}) });

describe('ComparisonRepository', () => {
  it('stores a comparison with the schedulers it skipped, and reads it back', async () => {
    const skipped = [{ scheduler: 'deepsched', reason: 'handles at most 32 processors, the cluster has 64' }];
    const created = await store.comparisons.create({ workflowId, clusterId, all: true, skipped });
    expect(created).toMatchObject({ workflowId, clusterId, all: true, skipped });
    expect(await store.comparisons.findById(created.id)).toEqual(created);
    const plain = await store.comparisons.create({ workflowId, clusterId });
    expect(plain).toMatchObject({ all: false, skipped: [] });
  });

  it('reads the runs of a comparison in the order they were asked for, whatever order they were created in', async () => {
    const comparison = await store.comparisons.create({ workflowId, clusterId });
    // Created out of order on purpose: the index, not the id or the creation time, gives the order.
    const second = await newRun('peft', { id: comparison.id, index: 1 });
    const third = await newRun('cpop', { id: comparison.id, index: 2 });
    const first = await newRun('heft', { id: comparison.id, index: 0 });
    const alone = await newRun('heft');
    expect(first.comparisonId).toBe(comparison.id);
    expect(alone.comparisonId).toBeNull();
    expect((await store.comparisons.runsOf(comparison.id)).map((r) => r.id)).toEqual([first.id, second.id, third.id]);
    expect((await store.runs.findById(third.id))!.comparisonId).toBe(comparison.id);
  });

  it('knows no comparison for an unknown or malformed id', async () => {
    expect(await store.comparisons.findById(NO_SUCH_ID)).toBeNull();
    expect(await store.comparisons.findById('not-a-uuid')).toBeNull();
    expect(await store.comparisons.runsOf(NO_SUCH_ID)).toEqual([]);
    expect(await store.comparisons.runsOf('not-a-uuid')).toEqual([]);
  });

  it('refuses a comparison of an unknown workflow, and goes with its workflow', async () => {
    await expect(store.comparisons.create({ workflowId: NO_SUCH_ID, clusterId })).rejects.toThrow();
    const own = (await store.workflows.create({ spec: { tasks: [{ id: 'b', work: 2 }], edges: [] } })).workflow.id;
    const comparison = await store.comparisons.create({ workflowId: own, clusterId });
    await store.runs.create({ workflowId: own, clusterId, scheduler: 'heft', schedulerVersion: '1', comparison: { id: comparison.id, index: 0 } });
    await store.workflows.delete(own);
    expect(await store.comparisons.findById(comparison.id)).toBeNull();
    expect(await store.comparisons.runsOf(comparison.id)).toEqual([]);
  });

  it('keeps the runs when a comparison row goes (their comparison id is cleared)', async () => {
    const comparison = await store.comparisons.create({ workflowId, clusterId });
    const run = await newRun('heft', { id: comparison.id, index: 0 });
    await store.pool.query('DELETE FROM comparisons WHERE id = $1', [comparison.id]);
    expect((await store.runs.findById(run.id))!.comparisonId).toBeNull();
  });
});
