// Two API processes and two worker processes on one PostgreSQL, as they would run on separate machines: runs
// submitted through one API, followed through the other over graphql-ws, cancelled, and lost with a killed worker.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { makePluginRoot, writePluginPackage } from '../support/plugin-root.js';
import { collectSubscription, subscriptionClient } from '../support/subscriptions.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { storePaperExample, type ProgressEvent as Event, PROGRESS_SUBSCRIPTION as PROGRESS, SCHEDULE_MUTATION as SCHEDULE } from '../support/runs.js';

const ADMIN = 'hs_e2e-runs-admin-token-0123456789';
const REAP_INTERVAL_MS = 1_000;
// A killed worker's run is failed once its heartbeats have been missing this long (the default is 60 s).
const SILENCE_GRACE_MS = 5_000;

const RUN = 'query($id: ID!) { scheduleRun(id: $id) { id status error makespan } }';
const CANCEL = 'mutation($id: ID!) { cancelRun(id: $id) { id status } }';
const LONG_GA = { timeBudgetMs: 120_000, generations: 10_000_000, threads: 1 };

let database: E2eDatabase;
let pluginRoot: string;
let apiA: ApiProcess;
let apiB: ApiProcess;
const workers: WorkerProcess[] = [];
let workflowId: string;
let clusterId: string;
let env: Record<string, string>;

const gql = <T>(api: ApiProcess, query: string, variables: Record<string, unknown> = {}) => graphqlRequest<T>(api.url, query, variables, ADMIN);
const runOf = async (api: ApiProcess, id: string) => dataOf(await gql<{ scheduleRun: { status: string; error: string | null; makespan: number | null } }>(api, RUN, { id })).scheduleRun;
const schedule = async (api: ApiProcess, scheduler: string, options: Record<string, unknown> = {}) =>
  dataOf(await gql<{ scheduleWorkflow: { id: string; status: string } }>(api, SCHEDULE, { w: workflowId, c: clusterId, s: scheduler, o: options })).scheduleWorkflow;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createE2eDatabase();
  // The plugin root every process discovers and loads from: the workspace's schedulers, linked as npm would.
  pluginRoot = await makePluginRoot(['core', 'scheduler-heft', 'scheduler-hybrid-ga']);
  env = {
    DATABASE_URL: database.connectionString,
    HETSCHED_ADMIN_TOKEN: ADMIN,
    HETSCHED_PLUGIN_ROOT: pluginRoot,
    HETSCHED_REAP_INTERVAL_MS: String(REAP_INTERVAL_MS),
    HETSCHED_WORKER_SILENCE_GRACE_MS: String(SILENCE_GRACE_MS),
  };
  [apiA, apiB] = await Promise.all([0, 1].map(() => startApiProcess({ env: { ...env, HETSCHED_API_WORKER: 'false' } })));
  workers.push(...(await Promise.all([0, 1].map(() => startWorkerProcess({ env: { ...env, HETSCHED_WORKER_CONCURRENCY: '1' } })))));
  ({ workflowId, clusterId } = await storePaperExample(apiA.url, ADMIN));
}, 120_000);

afterAll(async () => {
  const exits = await Promise.all(workers.map((w) => w.stop()));
  const apiExits = await Promise.all([apiA?.stop(), apiB?.stop()]);
  // Clean, signalled shutdowns exit 0 (the worker killed on purpose excepted).
  expect(exits.filter((e) => e.signal !== 'SIGKILL').map((e) => e.code)).toEqual(exits.filter((e) => e.signal !== 'SIGKILL').map(() => 0));
  expect(apiExits.map((e) => e?.code)).toEqual([0, 0]);
  await database?.drop();
  if (pluginRoot) await rm(pluginRoot, { recursive: true, force: true });
}, 60_000);

describe('runs across two APIs and two workers on one PostgreSQL', () => {
  it('a GA run submitted through API A is followed through API B: every event once, in order, across a reconnect', async () => {
    const run = await schedule(apiA, 'hybrid-ga', { timeBudgetMs: 2_500, generations: 10_000_000, threads: 1 });
    expect(run.status).toBe('QUEUED');
    const first = subscriptionClient(apiB.url, ADMIN);
    // Leave after a few progress events, as a client whose connection drops would...
    const head = await collectSubscription<Event>(first, PROGRESS, { runId: run.id }, (_e, all) => all.filter((x) => x.kind === 'progress').length >= 3);
    await first.dispose();
    // ...and come back with the cursor of the last event it got, while the run goes on.
    const second = subscriptionClient(apiB.url, ADMIN);
    const tail = await collectSubscription<Event>(second, PROGRESS, { runId: run.id, after: head.at(-1)!.cursor });
    await second.dispose();
    const all = [...head, ...tail];
    expect(all.map((e) => e.sequence)).toEqual(all.map((_, i) => i + 1));
    expect(all.filter((e) => e.kind === 'status').map((e) => e.status)).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    expect(all.at(-1)!.final).toBe(true);
    const progress = all.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(5);
    // At most about 10 a second (2.5 s of search).
    expect(progress.length).toBeLessThanOrEqual(40);
    expect(progress.at(-1)!.data).toMatchObject({ generation: expect.any(Number), improvementOverHeft: expect.any(Number) });
    expect((await runOf(apiA, run.id)).status).toBe('SUCCEEDED');

    // A replay of the whole run from the start, through API A this time.
    const replayClient = subscriptionClient(apiA.url, ADMIN);
    const replay = await collectSubscription<Event>(replayClient, PROGRESS, { runId: run.id });
    await replayClient.dispose();
    expect(replay.map((e) => e.sequence)).toEqual(all.map((e) => e.sequence));
  });

  it('cancels queued and running runs', async () => {
    // Both workers (one run each) busy, so a third run stays queued.
    const running = [await schedule(apiA, 'hybrid-ga', LONG_GA), await schedule(apiB, 'hybrid-ga', LONG_GA)];
    for (const r of running) await waitFor(`run ${r.id} RUNNING`, async () => (await runOf(apiA, r.id)).status === 'RUNNING');
    const queued = await schedule(apiA, 'hybrid-ga', LONG_GA);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await runOf(apiB, queued.id)).status).toBe('QUEUED');
    expect(dataOf(await gql<{ cancelRun: { status: string } }>(apiB, CANCEL, { id: queued.id })).cancelRun.status).toBe('CANCELLED');

    const client = subscriptionClient(apiB.url, ADMIN);
    const ending = running.map((r) => collectSubscription<Event>(client, PROGRESS, { runId: r.id }));
    for (const r of running) expect(dataOf(await gql<{ cancelRun: { status: string } }>(apiA, CANCEL, { id: r.id })).cancelRun.status).toBe('CANCELLED');
    for (const events of await Promise.all(ending)) expect(events.at(-1)).toMatchObject({ status: 'CANCELLED', final: true });
    await client.dispose();

    // The workers stopped the plugins and are free again: a HEFT run goes through at once.
    const heft = await schedule(apiB, 'heft');
    await waitFor('the HEFT run', async () => (await runOf(apiA, heft.id)).status === 'SUCCEEDED', 15_000);
    expect((await runOf(apiA, queued.id)).status).toBe('CANCELLED');
    const again = await gql(apiA, CANCEL, { id: queued.id });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('registers an installed plugin through API A and runs it through API B; disabling it works everywhere', async () => {
    // Installed after every process started: none discovered it.
    await writePluginPackage(
      pluginRoot,
      'hetsched-e2e-heft',
      `import heft from '@hetsched/scheduler-heft';
export default { metadata: { ...heft.metadata, name: 'e2e-heft', description: 'HEFT under another name (e2e)' }, optionsSchema: heft.optionsSchema, schedule: (p, o, c) => heft.schedule(p, o, c) };
`,
    );
    const before = await gql(apiB, SCHEDULE, { w: workflowId, c: clusterId, s: 'e2e-heft' });
    expect(before.errors?.[0]?.message).toMatch(/unknown scheduler/);
    const refused = await gql(apiA, 'mutation { registerSchedulerPlugin(package: "./node_modules/hetsched-e2e-heft") { name } }');
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const registered = dataOf(await gql<{ registerSchedulerPlugin: { name: string; enabled: boolean } }>(apiA, 'mutation { registerSchedulerPlugin(package: "hetsched-e2e-heft") { name enabled } }'));
    expect(registered.registerSchedulerPlugin).toEqual({ name: 'e2e-heft', enabled: true });
    await waitFor('API B to know e2e-heft', async () => {
      const list = dataOf(await gql<{ schedulers: { name: string; enabled: boolean }[] }>(apiB, '{ schedulers { name enabled } }')).schedulers;
      return list.some((s) => s.name === 'e2e-heft' && s.enabled);
    });
    const run = await schedule(apiB, 'e2e-heft');
    await waitFor('the e2e-heft run', async () => (await runOf(apiA, run.id)).status === 'SUCCEEDED');
    expect((await runOf(apiA, run.id)).makespan).toBe(80);

    dataOf(await gql(apiB, 'mutation { setSchedulerEnabled(name: "e2e-heft", enabled: false) { enabled } }'));
    await waitFor('API A to refuse e2e-heft', async () => /disabled/.test((await gql(apiA, SCHEDULE, { w: workflowId, c: clusterId, s: 'e2e-heft' })).errors?.[0]?.message ?? ''));
    dataOf(await gql(apiA, 'mutation { setSchedulerEnabled(name: "e2e-heft", enabled: true) { enabled } }'));
    await waitFor('API B to accept e2e-heft again', async () => !(await gql(apiB, SCHEDULE, { w: workflowId, c: clusterId, s: 'e2e-heft' })).errors);
  });

  it('each worker answers its probes and serves its metrics', async () => {
    for (const worker of workers) {
      expect(worker.healthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${worker.healthUrl}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${worker.healthUrl}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
      const metrics = await (await fetch(`${worker.healthUrl}/metrics`)).text();
      expect(metrics).toMatch(/^hetsched_runs\{.*process="worker".*\} \d+$/m);
    }
  });

  it('a worker killed with SIGKILL mid-run leaves its run FAILED once its heartbeats stop', async () => {
    const run = await schedule(apiA, 'hybrid-ga', LONG_GA);
    const holder = await waitFor('a worker to start the run', async () => workers.find((w) => w.holds(run.id)));
    await waitFor('progress', async () => (await runOf(apiA, run.id)).status === 'RUNNING');
    await holder.stop('SIGKILL');
    // The grace, then a reap interval; waitFor's deadline is generous so that a loaded machine does not fail it.
    const ended = await waitFor(
      'the run to end',
      async () => {
        const now = await runOf(apiB, run.id);
        return now.status !== 'RUNNING' ? now : undefined;
      },
      60_000,
    );
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toMatch(/worker lost/);
    // Its subscribers get the final event too.
    const client = subscriptionClient(apiB.url, ADMIN);
    const events = await collectSubscription<Event>(client, PROGRESS, { runId: run.id });
    await client.dispose();
    expect(events.at(-1)).toMatchObject({ status: 'FAILED', final: true });
  });
});
