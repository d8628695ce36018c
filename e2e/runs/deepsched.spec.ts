// DeepSched through the service: a tiny model trained as a run through the real API (HTTP + graphql-ws) and a real
// worker process, its epochs followed over runProgress, the stored model listed, then used by a schedule run that
// records its version.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { makePluginRoot } from '../support/plugin-root.js';
import { storePaperExample, waitForRun } from '../support/runs.js';
import { collectSubscription, subscriptionClient } from '../support/subscriptions.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const ADMIN = 'hs_e2e-deepsched-admin-token-0123456789';

interface Event {
  sequence: number;
  kind: string;
  status: string | null;
  final: boolean;
  fraction: number | null;
  data: Record<string, unknown> | null;
}

const PROGRESS = `subscription($runId: ID!) { runProgress(runId: $runId) { sequence kind status final fraction data } }`;
const TRAIN = `mutation($i: TrainDeepschedModelInput) { trainDeepschedModel(input: $i) { id status scheduler parameters } }`;
const TRAINING_RUN = `query($id: ID!) {
  trainingRun(id: $id) { id status error info modelVersion model { id plugin name metrics sizeBytes trainingRunId trainingRun { id } } }
}`;
const MODELS = `query { modelVersions(plugin: "deepsched") { edges { node { id name metrics config sizeBytes trainingRunId } } } }`;
const SCHEDULE = `mutation($w: ID!, $c: ID!, $o: JSONObject) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "deepsched", options: $o) { id status } }`;

/** A handful of small examples and two epochs: seconds. */
const TINY = {
  dataset: { seed: 4, count: 8, taskCounts: [6, 10], ccrs: [0.5, 2], heterogeneities: [0.5], processorCounts: [2, 3] },
  epochs: 2,
  batchSize: 4,
  patience: 2,
  seed: 3,
  validationFraction: 0.25,
  name: 'e2e tiny',
};

let database: E2eDatabase;
let pluginRoot: string;
let api: ApiProcess;
let worker: WorkerProcess;
let workflowId: string;
let clusterId: string;

const gql = <T>(query: string, variables: Record<string, unknown> = {}, token = ADMIN) => graphqlRequest<T>(api.url, query, variables, token);

beforeAll(async () => {
  database = await createE2eDatabase();
  pluginRoot = await makePluginRoot(['core', 'scheduler-heft', 'scheduler-deepsched']);
  const env = { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_PLUGIN_ROOT: pluginRoot, HETSCHED_REAP_INTERVAL_MS: '1000', HETSCHED_WORKER_SILENCE_GRACE_MS: '5000' };
  [api, worker] = await Promise.all([
    startApiProcess({ env: { ...env, HETSCHED_API_WORKER: 'false' } }),
    startWorkerProcess({ env: { ...env, HETSCHED_WORKER_CONCURRENCY: '1' } }),
  ]);
  ({ workflowId, clusterId } = await storePaperExample(api.url, ADMIN));
}, 120_000);

afterAll(async () => {
  const [workerExit, apiExit] = await Promise.all([worker?.stop(), api?.stop()]);
  // The worker is killed on purpose by the last test; the API stops cleanly.
  expect(workerExit?.signal ?? workerExit?.code).toBe('SIGKILL');
  expect(apiExit?.code).toBe(0);
  await database?.drop();
  if (pluginRoot) await rm(pluginRoot, { recursive: true, force: true });
}, 60_000);

describe('DeepSched through the API and a worker', () => {
  it('registers deepsched from the plugin root', async () => {
    const { schedulers } = dataOf(await gql<{ schedulers: { name: string; enabled: boolean }[] }>('{ schedulers { name enabled } }'));
    expect(schedulers).toContainEqual({ name: 'deepsched', enabled: true });
  });

  it('trains a tiny model as a run, streams its epochs, stores it, and a schedule run uses and records it', async () => {
    const queued = dataOf(await gql<{ trainDeepschedModel: { id: string; status: string; scheduler: string; parameters: Record<string, unknown> } }>(TRAIN, { i: TINY }))
      .trainDeepschedModel;
    expect(queued).toMatchObject({ status: 'QUEUED', scheduler: 'deepsched', parameters: { epochs: 2, batchSize: 4, name: 'e2e tiny' } });

    const client = subscriptionClient(api.url, ADMIN);
    const events = await collectSubscription<Event>(client, PROGRESS, { runId: queued.id });
    await client.dispose();
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.kind === 'status').map((e) => e.status)).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    const epochs = events.filter((e) => e.data?.['phase'] === 'epoch');
    expect(epochs.map((e) => e.data!['epoch'])).toEqual([1, 2]);
    for (const epoch of epochs) {
      expect(epoch.data).toEqual(expect.objectContaining({ trainLoss: expect.any(Number), validationLoss: expect.any(Number), validationProcessorAccuracy: expect.any(Number) }));
    }
    const final = events.at(-1)!;
    expect(final.final).toBe(true);
    const version = final.data!['modelVersion'] as string;
    expect(version).toEqual(expect.any(String));

    const { trainingRun } = dataOf(await gql<{ trainingRun: Record<string, unknown> & { model: Record<string, unknown> } }>(TRAINING_RUN, { id: queued.id }));
    expect(trainingRun).toMatchObject({ status: 'SUCCEEDED', error: null, modelVersion: version, info: { modelVersion: version, trainExamples: 6, validationExamples: 2 } });
    expect(trainingRun.model).toMatchObject({ id: version, plugin: 'deepsched', name: 'e2e tiny', trainingRunId: queued.id, trainingRun: { id: queued.id } });
    expect(trainingRun.model['sizeBytes']).toBeGreaterThan(1000);

    const listed = dataOf(await gql<{ modelVersions: { edges: { node: { id: string; metrics: Record<string, number> } }[] } }>(MODELS)).modelVersions.edges.map((e) => e.node);
    expect(listed.map((m) => m.id)).toContain(version);
    expect(listed.find((m) => m.id === version)!.metrics).toEqual(expect.objectContaining({ processorAccuracy: expect.any(Number) }));

    const run = dataOf(await gql<{ scheduleWorkflow: { id: string } }>(SCHEDULE, { w: workflowId, c: clusterId, o: { model: version } })).scheduleWorkflow;
    const done = await waitForRun<{ status: string; error: string | null; modelVersion: string | null; makespan: number | null }>(
      api.url,
      run.id,
      ADMIN,
      'id status error makespan modelVersion',
      60_000,
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', error: null, modelVersion: version });
    expect(done.makespan).toBeGreaterThan(0);
  }, 120_000);

  it('refuses an unknown model version at submit, and training parameters out of bounds, naming the field', async () => {
    const unknown = await gql(SCHEDULE, { w: workflowId, c: clusterId, o: { model: 'ds-does-not-exist' } });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'options.model' } });
    expect(unknown.errors?.[0]?.message).toMatch(/no stored model version "ds-does-not-exist" of scheduler "deepsched"/);

    const huge = await gql(TRAIN, { i: { ...TINY, epochs: 100_000 } });
    expect(huge.errors?.[0]).toMatchObject({ message: 'input.epochs: must be between 1 and 200, got 100000', extensions: { code: 'BAD_USER_INPUT', field: 'input.epochs' } });
    const big = await gql(TRAIN, { i: { dataset: { count: 2000, taskCounts: [500] } } });
    expect(big.errors?.[0]).toMatchObject({ extensions: { field: 'input.dataset.count' } });
    expect(big.errors?.[0]?.message).toMatch(/^input\.dataset\.count: count × the largest task count \(dataset\.taskCounts\) must be at most 200000/);
    const { trainingRuns } = dataOf(await gql<{ trainingRuns: { edges: unknown[] } }>('{ trainingRuns { edges { node { id } } } }'));
    expect(trainingRuns.edges).toHaveLength(1); // nothing stored for the refused requests
  });

  it('lets only ADMIN tokens train', async () => {
    const created = dataOf(await gql<{ createApiToken: { token: string } }>('mutation { createApiToken(name: "submitter", role: SUBMITTER) { token } }')).createApiToken;
    const refused = await gql(TRAIN, { i: TINY }, created.token);
    expect(refused.errors?.[0]?.extensions?.['code']).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });

  it('fails a training run whose worker is killed (reaped like any run)', async () => {
    const queued = dataOf(await gql<{ trainDeepschedModel: { id: string } }>(TRAIN, { i: { ...TINY, epochs: 200, patience: 50, name: 'killed' } })).trainDeepschedModel;
    const client = subscriptionClient(api.url, ADMIN);
    const head = await collectSubscription<Event>(client, PROGRESS, { runId: queued.id }, (e) => e.data?.['phase'] === 'epoch');
    await worker.stop('SIGKILL');
    const rest = await collectSubscription<Event>(client, `subscription($runId: ID!, $after: String) { runProgress(runId: $runId, after: $after) { sequence kind status final fraction data } }`, {
      runId: queued.id,
      after: String(head.at(-1)!.sequence),
    });
    await client.dispose();
    expect(rest.at(-1)).toMatchObject({ kind: 'status', status: 'FAILED', final: true });
    const { trainingRun } = dataOf(await gql<{ trainingRun: { status: string; error: string; modelVersion: string | null } }>(TRAINING_RUN, { id: queued.id }));
    expect(trainingRun).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^worker lost/), modelVersion: null });
  }, 60_000);
});
