import { createStore, type Store } from '@hetsched/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';
import { LINKED_PACKAGES, TEST_PLUGIN_PACKAGES } from '../testing/test-schedulers.js';

let api: TestApi;
let store: Store;
let trainingRunId: string;

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i & 0xff);
const model = (id: string, trainingRunId?: string) => ({
  id,
  plugin: 'deepsched',
  name: `model ${id}`,
  metadata: { version: id },
  config: { maxProcessors: 32 },
  metrics: { loss: 0.25, processorAccuracy: 0.8 },
  data: bytes(64),
  ...(trainingRunId ? { trainingRunId } : {}),
});

beforeAll(async () => {
  // The real learning scheduler, installed beside HEFT: the API knows it only through the catalog.
  api = await startTestApi({ plugins: { link: [...LINKED_PACKAGES, '@hetsched/scheduler-deepsched'], packages: TEST_PLUGIN_PACKAGES } });
  store = createStore(api.connectionString);
  const run = await store.runs.createTraining({ scheduler: 'deepsched', schedulerVersion: '1.0.0', options: { epochs: 2 } });
  await store.runs.start(run.id);
  await store.runs.completeTraining(run.id, { info: { modelVersion: 'ds-trained', stoppedBy: 'epochs' }, model: model('ds-trained') });
  trainingRunId = run.id;
  await store.models.create(model('ds-other'));
});

afterAll(async () => {
  await store?.close();
  await api?.close();
});

describe('model versions and training runs over GraphQL', () => {
  it('lists stored models with their metrics, newest first, and reads one with its training run', async () => {
    const list = await api.graphql<{ modelVersions: { edges: { node: { id: string; metrics: Record<string, number>; sizeBytes: number } }[] } }>(
      '{ modelVersions(plugin: "deepsched") { edges { node { id metrics sizeBytes } } } }',
    );
    expect(list.data!.modelVersions.edges.map((e) => e.node.id)).toEqual(['ds-other', 'ds-trained']);
    expect(list.data!.modelVersions.edges[0]!.node).toMatchObject({ metrics: { loss: 0.25, processorAccuracy: 0.8 }, sizeBytes: 64 });

    const one = await api.graphql<{ modelVersion: Record<string, unknown> }>('query($id: ID!) { modelVersion(id: $id) { id name trainingRun { id status modelVersion } } }', { id: 'ds-trained' });
    expect(one.data!.modelVersion).toEqual({ id: 'ds-trained', name: 'model ds-trained', trainingRun: { id: trainingRunId, status: 'SUCCEEDED', modelVersion: 'ds-trained' } });
    const missing = await api.graphql('{ modelVersion(id: "ds-nope") { id } }');
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists training runs apart from schedule runs', async () => {
    const runs = await api.graphql<{ trainingRuns: { edges: { node: { id: string; parameters: Record<string, unknown>; info: Record<string, unknown> } }[] } }>(
      '{ trainingRuns(status: SUCCEEDED) { edges { node { id parameters info } } } }',
    );
    expect(runs.data!.trainingRuns.edges.map((e) => e.node)).toEqual([{ id: trainingRunId, parameters: { epochs: 2 }, info: { modelVersion: 'ds-trained', stoppedBy: 'epochs' } }]);
    const asSchedule = await api.graphql('query($id: ID!) { scheduleRun(id: $id) { id } }', { id: trainingRunId });
    expect(asSchedule.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const scheduleRuns = await api.graphql<{ scheduleRuns: { edges: unknown[] } }>('{ scheduleRuns { edges { node { id } } } }');
    expect(scheduleRuns.data!.scheduleRuns.edges).toEqual([]);
  });

  it('publishes which schedulers learn, with their training parameters', async () => {
    const { schedulers } = dataOf(await api.graphql<{ schedulers: { name: string; training: { artifactKind: string; parametersSchema: { properties: Record<string, unknown> } } | null }[] }>(
      '{ schedulers { name training { artifactKind parametersSchema } } }',
    ));
    const deepsched = schedulers.find((s) => s.name === 'deepsched')!;
    expect(deepsched.training?.artifactKind).toBe('deepsched-model');
    expect(Object.keys(deepsched.training!.parametersSchema.properties)).toEqual(expect.arrayContaining(['epochs', 'dataset']));
    expect(schedulers.find((s) => s.name === 'heft')!.training).toBeNull();
  });

  it('refuses, storing nothing, a scheduler that does not learn or is unknown, parameters out of bounds, and tokens below ADMIN', async () => {
    const before = (await store.runs.trainingHistory()).items.length;
    const heft = errorOf(await api.graphql('mutation { trainModel(scheduler: "heft") { id } }'));
    expect(heft).toMatchObject({ code: 'BAD_USER_INPUT', message: 'scheduler: scheduler "heft" does not learn (no training); learning schedulers: deepsched' });
    expect(errorOf(await api.graphql('mutation { trainModel(scheduler: "nope") { id } }')).message).toBe('scheduler: unknown scheduler "nope"; learning schedulers: deepsched');
    const epochs = errorOf(await api.graphql('mutation { trainModel(scheduler: "deepsched", parameters: { epochs: 10000 }) { id } }'));
    expect(epochs).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'parameters.epochs' } });
    expect(epochs.message).toBe('parameters.epochs: must be between 1 and 200, got 10000');
    const alias = errorOf(await api.graphql('mutation { trainDeepschedModel(input: { epochs: 0 }) { id } }'));
    expect(alias.message).toBe('input.epochs: must be between 1 and 200, got 0');
    const submitter = await api.tokenFor('SUBMITTER');
    const forbidden = await api.graphql('mutation { trainModel(scheduler: "deepsched") { id } }', {}, { token: submitter });
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await store.runs.trainingHistory()).items).toHaveLength(before);
  });

  it('trains the learning scheduler through trainModel on the in-process worker, and stores its model', async () => {
    const parameters = { dataset: { seed: 3, count: 6, taskCounts: [6, 8], ccrs: [1], heterogeneities: [0.5], processorCounts: [2] }, epochs: 1, batchSize: 4, validationFraction: 0.34, name: 'via api' };
    const { trainModel } = dataOf(await api.graphql<{ trainModel: { id: string; kind: string; status: string; scheduler: string } }>(
      'mutation($p: JSONObject) { trainModel(scheduler: "deepsched", parameters: $p) { id kind status scheduler } }',
      { p: parameters },
    ));
    expect(trainModel).toMatchObject({ kind: 'TRAINING', status: 'QUEUED', scheduler: 'deepsched' });
    expect(await api.waitForRun(trainModel.id, 120_000)).toBe('SUCCEEDED');
    const { run } = dataOf(await api.graphql<{ run: { __typename: string; modelVersion: string; model: { name: string; plugin: string } } }>(
      'query($id: ID!) { run(id: $id) { __typename ... on TrainingRun { modelVersion model { name plugin } } } }',
      { id: trainModel.id },
    ));
    expect(run).toMatchObject({ __typename: 'TrainingRun', modelVersion: expect.stringMatching(/^ds-/), model: { name: 'via api', plugin: 'deepsched' } });
  }, 180_000);

  it('refuses a schedule run naming a model version the store does not have, storing nothing', async () => {
    const workflow = await store.workflows.create({ spec: { tasks: [{ id: 'a', work: 1 }], edges: [] } });
    const cluster = await store.clusters.create({ spec: { processors: [{ id: 'p' }, { id: 'q' }] } });
    const query = 'mutation($w: ID!, $c: ID!, $o: JSONObject) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "deepsched", options: $o) { id modelVersion } }';
    const refused = await api.graphql(query, { w: workflow.workflow.id, c: cluster.id, o: { model: 'ds-unknown' } });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'options.model' } });
    expect(refused.errors?.[0]?.message).toBe(
      'options.model: no stored model version "ds-unknown" of scheduler "deepsched" (list them with the modelVersions query; shipped with the plugin: "builtin")',
    );
    expect((await store.runs.history()).items).toEqual([]);
    // A known id passes the check; the run is queued (it names no model until it succeeded).
    const accepted = await api.graphql<{ scheduleWorkflow: { modelVersion: string | null } }>(query, { w: workflow.workflow.id, c: cluster.id, o: { model: 'ds-trained' } });
    expect(accepted.data!.scheduleWorkflow).toMatchObject({ modelVersion: null });
  });
});
