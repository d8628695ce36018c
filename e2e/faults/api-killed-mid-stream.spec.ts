// Issue #14, an API process killed mid-stream: a client follows a GA run's runProgress through API A; API A is
// killed with SIGKILL while the run goes on (in a worker process); the client reconnects to API B with the cursor of
// the last event it got and ends with every event exactly once, in order, the same list the store holds.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { makePluginRoot } from '../support/plugin-root.js';
import { collectSubscription, subscriptionClient } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { storePaperExample, type ProgressEvent as Event, PROGRESS_SUBSCRIPTION as PROGRESS, SCHEDULE_MUTATION as SCHEDULE } from '../support/runs.js';

const ADMIN = 'hs_e2e-api-killed-admin-token-0123456789';
// A few seconds of search on one thread (progress at most 10 a second); the generation count never binds.
const GA = { timeBudgetMs: 6_000, generations: 10_000_000, threads: 1 };
/** Progress events the client gets from API A before API A is killed. */
const EVENTS_BEFORE_KILL = 5;

const RUN = 'query($id: ID!) { scheduleRun(id: $id) { id status error makespan } }';

let database: E2eDatabase | undefined;
let pluginRoot: string | undefined;
const apis: ApiProcess[] = [];
let worker: WorkerProcess | undefined;
let workflowId: string;
let clusterId: string;

const gql = <T>(api: ApiProcess, query: string, variables: Record<string, unknown> = {}) => graphqlRequest<T>(api.url, query, variables, ADMIN);

beforeAll(async () => {
  database = await createE2eDatabase();
  pluginRoot = await makePluginRoot(['core', 'scheduler-heft', 'scheduler-hybrid-ga']);
  const env = { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_PLUGIN_ROOT: pluginRoot };
  apis.push(...(await Promise.all([0, 1].map(() => startApiProcess({ env: { ...env, HETSCHED_API_WORKER: 'false' }, timeoutMs: 120_000 })))));
  worker = await startWorkerProcess({ env: { ...env, HETSCHED_WORKER_CONCURRENCY: '1' }, timeoutMs: 120_000 });
  ({ workflowId, clusterId } = await storePaperExample(apis[0]!.url, ADMIN));
}, 240_000);

afterAll(async () => {
  const exits = await Promise.all([worker?.stop(), ...apis.map((api) => api.stop())]);
  await database?.drop();
  if (pluginRoot) await rm(pluginRoot, { recursive: true, force: true });
  // Clean, signalled shutdowns exit 0; API A was killed on purpose.
  const clean = exits.filter((exit) => exit && exit.signal !== 'SIGKILL');
  expect(clean.map((exit) => exit!.code)).toEqual(clean.map(() => 0));
}, 120_000);

describe('the API a client streams from is killed', () => {
  it('the client resumes on the other API from its last cursor: every event exactly once, in order, as stored', { timeout: 180_000 }, async () => {
    const [apiA, apiB] = apis as [ApiProcess, ApiProcess];
    const run = dataOf(await gql<{ scheduleWorkflow: { id: string } }>(apiA, SCHEDULE, { w: workflowId, c: clusterId, s: 'hybrid-ga', o: GA })).scheduleWorkflow;

    // Following through API A; `head` grows as events arrive, and stays what the client had when A died.
    const head: Event[] = [];
    const first = subscriptionClient(apiA.url, ADMIN);
    const cut = collectSubscription<Event>(first, PROGRESS, { runId: run.id }, (event) => {
      head.push(event);
      return false;
    }).then(
      () => 'completed',
      (error: unknown) => `failed: ${String(error instanceof Error ? error.message : JSON.stringify(error))}`,
    );
    await waitFor(`${EVENTS_BEFORE_KILL} progress events through API A`, async () => head.filter((e) => e.kind === 'progress').length >= EVENTS_BEFORE_KILL, 60_000);
    const killed = await apiA.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    // The stream broke (the socket closed without a completion) in the middle of the run.
    expect(await cut).toMatch(/^failed/);
    await first.dispose();
    expect(head.at(-1)!.final).toBe(false);

    // Back through API B, from the cursor of the last event the client has.
    const second = subscriptionClient(apiB.url, ADMIN);
    const tail = await collectSubscription<Event>(second, PROGRESS, { runId: run.id, after: head.at(-1)!.cursor });
    await second.dispose();
    expect(tail.length).toBeGreaterThan(0);
    const all = [...head, ...tail];
    // Exactly once, in order: the store numbers a run's events 1, 2, 3...
    expect(all.map((e) => e.sequence)).toEqual(all.map((_, i) => i + 1));
    expect(all.filter((e) => e.kind === 'status').map((e) => e.status)).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    expect(all.at(-1)!.final).toBe(true);

    // The same list as stored: a replay from the start through API B after the run ended.
    const outcome = dataOf(await gql<{ scheduleRun: { status: string; makespan: number | null } }>(apiB, RUN, { id: run.id })).scheduleRun;
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', makespan: expect.any(Number) });
    const replayClient = subscriptionClient(apiB.url, ADMIN);
    const stored = await collectSubscription<Event>(replayClient, PROGRESS, { runId: run.id });
    await replayClient.dispose();
    expect(all).toEqual(stored);
  });
});
