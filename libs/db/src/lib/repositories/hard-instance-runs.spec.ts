import type { ClusterSpec, WorkflowSpec } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';

let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
});
afterAll(() => db.drop());

const workflow: WorkflowSpec = { name: 'hard instance: heft vs exact', tasks: [{ id: 't1', work: 0.5 }, { id: 't2', work: 0.25 }], edges: [{ from: 't1', to: 't2', data: 0.1 + 0.2 }] };
const cluster: ClusterSpec = { name: 'hard instance: heft vs exact', processors: [{ id: 'p1', speed: 0.3 }, { id: 'p2', speed: 1 }], network: { bandwidth: 1, latency: 0, links: [{ between: ['p1', 'p2'], bandwidth: 0.7 }] } };
const tags = ['hard-instance', 'heft-vs-exact'];
const options = { baseline: 'exact', baselineVersion: '1.0.0', targetOptions: {}, baselineOptions: { nodeLimit: 1000 }, iterations: 300, seed: 1 };
const outcome = { ratio: 1.25, targetMakespan: 5, baselineMakespan: 4, iterations: 300, stoppedBy: 'iterations' };

async function runningHardInstance() {
  const run = await store.runs.createHardInstance({ scheduler: 'heft', schedulerVersion: '1.0.0', options });
  expect((await store.runs.start(run.id)).updated).toBe(true);
  return run;
}

describe('hard-instance runs', () => {
  it('are created QUEUED with no workflow or cluster, and found only as their kind', async () => {
    const run = await store.runs.createHardInstance({ scheduler: 'heft', schedulerVersion: '1.0.0', options });
    expect(run).toMatchObject({ kind: 'HARD_INSTANCE', status: 'QUEUED', scheduler: 'heft', options, info: null });
    expect(run).not.toHaveProperty('workflowId');
    expect(await store.runs.findHardInstance(run.id)).toEqual(run);
    expect(await store.runs.findRun(run.id)).toEqual(run);
    expect(await store.runs.findById(run.id)).toBeNull();
    expect(await store.runs.findTraining(run.id)).toBeNull();
    expect((await store.runs.history()).items.map((r) => r.id)).not.toContain(run.id);
  });

  it('store the instance found in the transaction of the success, named in the info', async () => {
    const run = await runningHardInstance();
    const done = await store.runs.completeHardInstance(run.id, { info: outcome, workflow: { spec: workflow, tags }, cluster: { spec: cluster, tags } });
    expect(done.updated).toBe(true);
    const info = done.run!.info!;
    expect(info).toMatchObject({ ...outcome, workflowId: expect.any(String), clusterId: expect.any(String) });
    expect(done.run).toMatchObject({ status: 'SUCCEEDED', error: null });
    // Bit-exact documents (0.1 + 0.2 is not 0.3) with the tags and names given.
    const storedWorkflow = await store.workflows.findById(info['workflowId'] as string);
    expect(storedWorkflow).toMatchObject({ name: workflow.name, tags, taskCount: 2, edgeCount: 1, spec: workflow });
    const storedCluster = await store.clusters.findById(info['clusterId'] as string);
    expect(storedCluster).toMatchObject({ name: cluster.name, tags, processorCount: 2, linkCount: 1, spec: cluster });
    expect((await store.workflows.list({ tag: 'heft-vs-exact' })).items.map((w) => w.id)).toContain(storedWorkflow!.id);
  });

  it('store nothing when the run is no longer RUNNING (cancelled meanwhile)', async () => {
    const run = await runningHardInstance();
    await store.runs.cancel(run.id, 'cancelled by request');
    const before = await counts();
    const done = await store.runs.completeHardInstance(run.id, { info: outcome, workflow: { spec: workflow, tags }, cluster: { spec: cluster, tags } });
    expect(done).toMatchObject({ updated: false, run: { id: run.id, status: 'CANCELLED', info: null } });
    expect(await counts()).toEqual(before);
    // Another kind's run is refused by the same guard.
    const scheduleLike = await store.runs.createTraining({ scheduler: 'deepsched', schedulerVersion: '1', options: {} });
    await store.runs.start(scheduleLike.id);
    expect((await store.runs.completeHardInstance(scheduleLike.id, { info: outcome, workflow: { spec: workflow, tags }, cluster: { spec: cluster, tags } })).updated).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

async function counts(): Promise<{ workflows: number; clusters: number }> {
  const { rows } = await store.pool.query<{ workflows: number; clusters: number }>('SELECT (SELECT count(*)::int FROM workflows) AS workflows, (SELECT count(*)::int FROM clusters) AS clusters');
  return rows[0]!;
}
