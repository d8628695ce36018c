import { createStore, type Store } from '@hetsched/db';
import { heftPlugin } from '@hetsched/scheduler-heft';
import type { SchedulerPlugin } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessSchedulerCatalog } from '../schedulers/scheduler-catalog.js';
import { startTestApi, type TestApi } from '../testing/api-harness.js';

/** A stand-in with deepsched's name and `model` option: enough for the submit-time model check, which runs nothing. */
const modelPlugin: SchedulerPlugin = {
  ...heftPlugin,
  metadata: { ...heftPlugin.metadata, name: 'deepsched', description: 'a learned scheduler' },
  optionsSchema: { type: 'object', properties: { model: { type: 'string', default: 'builtin', description: 'builtin or a stored model version' } }, additionalProperties: false },
};

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
  // No run engine: the queries read the store; training needs workers and is refused.
  api = await startTestApi({ schedulerCatalog: new InProcessSchedulerCatalog([heftPlugin, modelPlugin]) });
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

  it('refuses training without workers, and to tokens below ADMIN', async () => {
    const noEngine = await api.graphql('mutation { trainDeepschedModel(input: { epochs: 1 }) { id } }');
    expect(noEngine.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(noEngine.errors?.[0]?.message).toMatch(/need the run engine/);
    const submitter = await api.tokenFor('SUBMITTER');
    const forbidden = await api.graphql('mutation { trainDeepschedModel(input: { epochs: 1 }) { id } }', {}, { token: submitter });
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('refuses a schedule run naming a model version the store does not have, storing nothing', async () => {
    const workflow = await store.workflows.create({ spec: { tasks: [{ id: 'a', work: 1 }], edges: [] } });
    const cluster = await store.clusters.create({ spec: { processors: [{ id: 'p' }, { id: 'q' }] } });
    const query = 'mutation($w: ID!, $c: ID!, $o: JSONObject) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "deepsched", options: $o) { id modelVersion } }';
    const refused = await api.graphql(query, { w: workflow.workflow.id, c: cluster.id, o: { model: 'ds-unknown' } });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'options.model' } });
    expect(refused.errors?.[0]?.message).toBe(
      'options.model: no stored model version "ds-unknown" of scheduler "deepsched" (list them with the modelVersions query; "builtin" is the shipped model)',
    );
    expect((await store.runs.history()).items).toEqual([]);
    // A known id passes the check (the stand-in plugin ignores it); a scheduler that reports no model has none.
    const accepted = await api.graphql<{ scheduleWorkflow: { modelVersion: string | null } }>(query, { w: workflow.workflow.id, c: cluster.id, o: { model: 'ds-trained' } });
    expect(accepted.data!.scheduleWorkflow).toMatchObject({ modelVersion: null });
  });
});
