// An API started with Node's V8 and process-wide flags, as operators often start a server
// (`node --max-old-space-size=4096 apps/api/dist/main.js`), still runs schedulers in threads. A worker thread refuses
// such flags in its execArgv (ERR_WORKER_INVALID_EXEC_ARGV): passed on as they were, they failed every run.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { makePluginRoot } from '../support/plugin-root.js';
import { SCHEDULE_MUTATION, storePaperExample, waitForRun } from '../support/runs.js';

const ADMIN = 'hs_e2e-node-flags-admin-token-0123';

let database: E2eDatabase;
let pluginRoot: string;
let api: ApiProcess;

beforeAll(async () => {
  database = await createE2eDatabase();
  pluginRoot = await makePluginRoot(['core', 'scheduler-heft', 'scheduler-hybrid-ga']);
  api = await startApiProcess({
    env: { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_PLUGIN_ROOT: pluginRoot },
    // V8 flags (heap size, stack traces, gc) and a Node flag a thread does accept.
    nodeFlags: ['--max-old-space-size=1024', '--stack-trace-limit=40', '--expose-gc', '--enable-source-maps'],
  });
}, 120_000);

afterAll(async () => {
  const exit = await api?.stop();
  expect(exit?.code).toBe(0);
  await database?.drop();
  if (pluginRoot) await rm(pluginRoot, { recursive: true, force: true });
}, 60_000);

describe('an API started with V8 flags', () => {
  it('runs HEFT in its run thread and the hybrid GA with evaluation threads of its own', { timeout: 60_000 }, async () => {
    const { workflowId, clusterId } = await storePaperExample(api.url, ADMIN);
    const schedule = async (scheduler: string, options: Record<string, unknown>) =>
      dataOf(await graphqlRequest<{ scheduleWorkflow: { id: string } }>(api.url, SCHEDULE_MUTATION, { w: workflowId, c: clusterId, s: scheduler, o: options }, ADMIN))
        .scheduleWorkflow.id;
    const heft = await waitForRun<{ status: string; makespan: number | null; error: string | null }>(api.url, await schedule('heft', {}), ADMIN);
    expect(heft).toMatchObject({ status: 'SUCCEEDED', makespan: 80, error: null });
    const ga = await waitForRun<{ status: string; makespan: number | null; error: string | null }>(
      api.url,
      await schedule('hybrid-ga', { generations: 20, threads: 2 }),
      ADMIN,
      'id status makespan error',
      45_000,
    );
    expect(ga).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(ga.makespan).toBeLessThanOrEqual(80);
  });
});
