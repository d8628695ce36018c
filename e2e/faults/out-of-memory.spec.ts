// Issue #14, out of memory: a plugin whose schedule() allocates without bound, run by a real worker process whose
// run threads have a small heap (HETSCHED_RUN_MEMORY_MB). Its run must end FAILED saying so, and the same worker
// process must go on to complete the next run.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { makePluginRoot, writePluginPackage } from '../support/plugin-root.js';
import { storePaperExample, waitForRun } from '../support/runs.js';
import { statusOf } from '../support/wait.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const ADMIN = 'hs_e2e-oom-admin-token-0123456789abcdef';
/** The heap of each run's thread: small, so that the hog reaches it in a fraction of a second. */
const RUN_MEMORY_MB = 64;
const RUN_TIMEOUT_MS = 90_000;

// HEFT with another name whose schedule() keeps every array it makes: it never returns, it only grows. Arrays of
// 100,000 numbers (about 0.4 to 0.8 MB each) reach a 64 MB heap after a hundred or two.
const HOG = `import heft from '@hetsched/scheduler-heft';
export default {
  metadata: { ...heft.metadata, name: 'e2e-memory-hog', description: 'allocates without bound (e2e)' },
  optionsSchema: heft.optionsSchema,
  schedule() {
    const hoard = [];
    for (;;) hoard.push(new Array(100_000).fill(hoard.length));
  },
};
`;

const SCHEDULE = `mutation($w: ID!, $c: ID!, $s: String!) {
  scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: $s) { id status }
}`;

let database: E2eDatabase | undefined;
let pluginRoot: string | undefined;
let api: ApiProcess | undefined;
let worker: WorkerProcess | undefined;
let workflowId: string;
let clusterId: string;

const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlRequest<T>(api!.url, query, variables, ADMIN);
const schedule = async (scheduler: string) =>
  dataOf(await gql<{ scheduleWorkflow: { id: string; status: string } }>(SCHEDULE, { w: workflowId, c: clusterId, s: scheduler })).scheduleWorkflow;

beforeAll(async () => {
  database = await createE2eDatabase();
  // The hog is installed before the processes start: both discover it.
  pluginRoot = await makePluginRoot(['core', 'scheduler-heft']);
  await writePluginPackage(pluginRoot, 'hetsched-e2e-memory-hog', HOG);
  const env = { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_PLUGIN_ROOT: pluginRoot };
  api = await startApiProcess({ env: { ...env, HETSCHED_API_WORKER: 'false' }, timeoutMs: 120_000 });
  worker = await startWorkerProcess({ env: { ...env, HETSCHED_RUN_MEMORY_MB: String(RUN_MEMORY_MB), HETSCHED_WORKER_CONCURRENCY: '1' }, timeoutMs: 120_000 });
  ({ workflowId, clusterId } = await storePaperExample(api!.url, ADMIN));
}, 240_000);

afterAll(async () => {
  const exits = await Promise.all([worker?.stop(), api?.stop()]);
  await database?.drop();
  if (pluginRoot) await rm(pluginRoot, { recursive: true, force: true });
  expect(exits.map((exit) => exit?.code ?? 0)).toEqual([0, 0]);
}, 120_000);

describe('a plugin that runs out of memory', () => {
  it('fails its own run saying so; the same worker process then completes a HEFT run', { timeout: 240_000 }, async () => {
    const hog = await schedule('e2e-memory-hog');
    const failed = await waitForRun<{ status: string; error: string | null; makespan: number | null }>(api!.url, hog.id, ADMIN, 'id status error makespan', RUN_TIMEOUT_MS);
    expect(failed.status).toBe('FAILED');
    expect(failed.makespan).toBeNull();
    expect(failed.error).toMatch(/out of memory/);
    expect(failed.error).toContain(`${RUN_MEMORY_MB} MB`);
    expect(failed.error).toContain('HETSCHED_RUN_MEMORY_MB');
    expect(worker!.holds(hog.id)).toBe(true);

    // The worker lived through it: the same process (same id, no exit), still ready.
    expect(worker!.child.exitCode).toBeNull();
    expect(worker!.child.signalCode).toBeNull();
    expect(await statusOf(`${worker!.healthUrl}/readyz`)).toBe(200);

    const heft = await schedule('heft');
    const done = await waitForRun<{ status: string; error: string | null; makespan: number | null }>(api!.url, heft.id, ADMIN, 'id status error makespan', RUN_TIMEOUT_MS);
    // HEFT's schedule of the paper's example (Topcuoglu et al. 2002, Fig. 2(a)) ends at 80.
    expect(done).toMatchObject({ status: 'SUCCEEDED', error: null, makespan: 80 });
    // Executed by that same worker (the API executes no runs here): its "run started" lines name both runs and its id.
    const started = worker!.stdout().split('\n').filter((line) => line.includes('"run started"'));
    for (const run of [hog, heft]) expect(started.filter((line) => line.includes(run.id) && line.includes(worker!.id))).toHaveLength(1);
    expect(worker!.child.exitCode).toBeNull();
  });
});
