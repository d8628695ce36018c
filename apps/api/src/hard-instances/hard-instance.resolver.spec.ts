import { createStore, type Store } from '@hetsched/db';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';
import { LINKED_PACKAGES, TEST_PLUGIN_PACKAGES } from '../testing/test-schedulers.js';

let api: TestApi;
let store: Store;

beforeAll(async () => {
  // exact beside HEFT: the baseline whose makespan is the optimum on these small instances.
  api = await startTestApi({ plugins: { link: [...LINKED_PACKAGES, '@hetsched/scheduler-exact'], packages: TEST_PLUGIN_PACKAGES } });
  store = createStore(api.connectionString);
});

afterAll(async () => {
  await store?.close();
  await api?.close();
});

const FIND = `mutation($target: String!, $baseline: String!, $options: HardInstanceOptions) {
  findHardInstance(target: $target, baseline: $baseline, options: $options) { id kind status scheduler target baseline options }
}`;
const RUN = `query($id: ID!) {
  hardInstanceRun(id: $id) {
    status ratio targetMakespan baselineMakespan iterations stoppedBy error
    workflow { id name tags taskCount } cluster { id name tags processorCount }
  }
}`;
/** exact proves the optimum of these small instances long before the node limit: the same result on any machine. */
const EXACT = { nodeLimit: 2_000_000, timeLimitMs: 120_000 };

interface HardInstanceRunView {
  status: string;
  ratio: number | null;
  targetMakespan: number | null;
  baselineMakespan: number | null;
  iterations: number | null;
  stoppedBy: string | null;
  workflow: { id: string; name: string; tags: string[]; taskCount: number } | null;
  cluster: { id: string; name: string; tags: string[]; processorCount: number } | null;
}

async function hardInstanceRuns(): Promise<number> {
  const { rows } = await store.pool.query(`SELECT id FROM runs WHERE kind = 'HARD_INSTANCE'`);
  return rows.length;
}

/** Every runProgress event of a run until the final one, over graphql-ws. */
function followProgress(runId: string): Promise<{ kind: string; status: string | null; final: boolean; data: Record<string, unknown> | null }[]> {
  const client: Client = createClient({ url: api.server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, retryAttempts: 0 });
  const events: { kind: string; status: string | null; final: boolean; data: Record<string, unknown> | null }[] = [];
  return new Promise((resolve, reject) => {
    client.subscribe<{ runProgress: (typeof events)[number] }>(
      { query: 'subscription($id: ID!) { runProgress(runId: $id) { kind status final data } }', variables: { id: runId } },
      {
        next: (result) => (result.errors ? reject(new Error(JSON.stringify(result.errors))) : events.push(result.data!.runProgress)),
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => void Promise.resolve(client.dispose()).then(() => resolve(events)),
      },
    );
  });
}

describe('findHardInstance over GraphQL (a real worker in the process)', () => {
  it('refuses, storing nothing, unknown or disabled schedulers, options out of bounds, and READER tokens', async () => {
    const unknown = errorOf(await api.graphql(FIND, { target: 'nope', baseline: 'exact' }));
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'target' } });
    expect(unknown.message).toMatch(/^target: unknown scheduler "nope"; available: .*\bexact\b.*\bheft\b/);
    expect(errorOf(await api.graphql(FIND, { target: 'heft', baseline: 'disabled' }))).toMatchObject({ code: 'BAD_USER_INPUT', message: 'baseline: scheduler "disabled" is disabled' });
    const tasks = errorOf(await api.graphql(FIND, { target: 'heft', baseline: 'exact', options: { maxTasks: 21 } }));
    expect(tasks).toMatchObject({ code: 'BAD_USER_INPUT', message: 'options.maxTasks: must be between 2 and 20, got 21', extensions: { field: 'options.maxTasks' } });
    const iterations = errorOf(await api.graphql(FIND, { target: 'heft', baseline: 'exact', options: { iterations: 10_001 } }));
    expect(iterations.message).toBe('options.iterations: must be between 1 and 10000, got 10001');
    const typo = errorOf(await api.graphql(FIND, { target: 'heft', baseline: 'exact', options: { baselineOptions: { nodeLimits: 1 } } }));
    expect(typo).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'options.baselineOptions.nodeLimits' } });
    const reader = await api.tokenFor('READER');
    expect((await api.graphql(FIND, { target: 'heft', baseline: 'exact' }, { token: reader })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await hardInstanceRuns()).toBe(0);
    expect(errorOf(await api.graphql(RUN, { id: '0190b5d2-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');
  });

  it('finds an instance on which HEFT is over 20% longer than exact\'s optimum, streams the search, and stores it ready to schedule', async () => {
    const submitter = await api.tokenFor('SUBMITTER');
    const options = { iterations: 300, maxTasks: 8, maxProcessors: 4, seed: 1, baselineOptions: EXACT };
    const { findHardInstance: queued } = dataOf(
      await api.graphql<{ findHardInstance: { id: string; kind: string; status: string; target: string; baseline: string; options: Record<string, unknown> } }>(
        FIND,
        { target: 'heft', baseline: 'exact', options },
        { token: submitter },
      ),
    );
    expect(queued).toMatchObject({ kind: 'HARD_INSTANCE', status: 'QUEUED', target: 'heft', baseline: 'exact', options: { ...options, minTemperature: 0.1, targetOptions: {} } });

    const started = performance.now();
    const events = await followProgress(queued.id);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.at(-1)!.data).toMatchObject({ iteration: 300, iterations: 300 });
    const final = events.at(-1)!;
    expect(final).toMatchObject({ final: true, status: 'SUCCEEDED' });

    const { hardInstanceRun: run } = dataOf(await api.graphql<{ hardInstanceRun: HardInstanceRunView }>(RUN, { id: queued.id }));
    console.info(`API: HEFT vs exact ratio ${run.ratio} (${run.targetMakespan} / ${run.baselineMakespan}) in ${Math.round(performance.now() - started)} ms`);
    expect(run).toMatchObject({ status: 'SUCCEEDED', iterations: 300, stoppedBy: 'iterations', error: null });
    expect(run.ratio).toBeGreaterThan(1.2);
    expect(run.ratio).toBe(run.targetMakespan! / run.baselineMakespan!);
    expect(final.data).toMatchObject({ ratio: run.ratio, workflowId: run.workflow!.id, clusterId: run.cluster!.id });
    expect(run.workflow).toMatchObject({ tags: ['hard-instance', 'heft-vs-exact'], name: expect.stringMatching(/^hard instance: heft vs exact, ratio 1\./) });
    expect(run.cluster).toMatchObject({ tags: ['hard-instance', 'heft-vs-exact'] });
    const { run: asRun } = dataOf(await api.graphql<{ run: { __typename: string } }>('query($id: ID!) { run(id: $id) { __typename kind } }', { id: queued.id }));
    expect(asRun).toEqual({ __typename: 'HardInstanceRun', kind: 'HARD_INSTANCE' });

    // Ready to schedule: HEFT on the stored instance gives the makespan the search recorded.
    const { scheduleWorkflow } = dataOf(await api.graphql<{ scheduleWorkflow: { id: string } }>(
      'mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id } }',
      { w: run.workflow!.id, c: run.cluster!.id },
    ));
    expect(await api.waitForRun(scheduleWorkflow.id)).toBe('SUCCEEDED');
    const { scheduleRun } = dataOf(await api.graphql<{ scheduleRun: { makespan: number } }>('query($id: ID!) { scheduleRun(id: $id) { makespan } }', { id: scheduleWorkflow.id }));
    expect(scheduleRun.makespan).toBe(run.targetMakespan);
  }, 180_000);

  it('cancels a running search with cancelHardInstanceRun: CANCELLED, nothing stored', async () => {
    const { findHardInstance: queued } = dataOf(await api.graphql<{ findHardInstance: { id: string } }>(FIND, { target: 'heft', baseline: 'exact', options: { iterations: 10_000, baselineOptions: EXACT } }));
    // Running: the worker has it (10,000 iterations take far longer than this wait).
    const status = async () => dataOf(await api.graphql<{ hardInstanceRun: { status: string } }>('query($id: ID!) { hardInstanceRun(id: $id) { status } }', { id: queued.id })).hardInstanceRun.status;
    while ((await status()) === 'QUEUED') await new Promise((resolve) => setTimeout(resolve, 25));
    const cancel = 'mutation($id: ID!) { cancelHardInstanceRun(id: $id) { id status } }';
    const { cancelHardInstanceRun } = dataOf(await api.graphql<{ cancelHardInstanceRun: { status: string } }>(cancel, { id: queued.id }));
    expect(cancelHardInstanceRun.status).toBe('CANCELLED');
    expect(await api.waitForRun(queued.id)).toBe('CANCELLED');
    const again = errorOf(await api.graphql(cancel, { id: queued.id }));
    expect(again).toMatchObject({ code: 'BAD_USER_INPUT', message: `hard-instance run "${queued.id}" is already CANCELLED: only QUEUED and RUNNING runs can be cancelled` });
    const { hardInstanceRun } = dataOf(await api.graphql<{ hardInstanceRun: HardInstanceRunView }>(RUN, { id: queued.id }));
    expect(hardInstanceRun).toMatchObject({ status: 'CANCELLED', ratio: null, workflow: null, cluster: null });
    // Another kind of run is not a hard-instance run.
    const training = await store.runs.createTraining({ scheduler: 'heft', schedulerVersion: '1', options: {} });
    expect(errorOf(await api.graphql(cancel, { id: training.id })).code).toBe('NOT_FOUND');
    // Untouched by the refused cancel. (Not "still QUEUED": the in-process worker may claim it meanwhile and fail it,
    // since heft cannot train; on a loaded machine it did.)
    expect((await store.runs.findRun(training.id))!.status).not.toBe('CANCELLED');
  });
});
