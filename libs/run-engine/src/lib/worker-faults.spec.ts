import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import { createPluginRoot, type FakeRoot } from '@hetsched/plugin-registry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProblem } from '../testing/problems.js';
import { RunEngine } from './engine.js';

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A plugin that allocates without bound: it keeps every array it makes. */
const HUNGRY = `const kept = [];
export default {
  metadata: { name: 'hungry', version: '1.0.0', description: 'allocates until it runs out', apiVersion: '^1.0.0', capabilities: { progress: false, cancellable: false, deterministic: true } },
  optionsSchema: { type: 'object', properties: {} },
  async schedule() {
    for (;;) kept.push(new Array(1_000_000).fill(kept.length));
  },
};
`;

describe('a worker whose run exhausts its memory', () => {
  let db: TestDatabase;
  let root: FakeRoot;
  let engine: RunEngine;
  let problem: { workflowId: string; clusterId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    root = await createPluginRoot({
      workspaceRoot,
      link: ['@hetsched/core', '@hetsched/scheduler-heft'],
      packages: [{ name: 'hetsched-test-hungry', hetsched: { scheduler: './index.js' }, files: { 'index.js': HUNGRY } }],
    });
    // A small heap per run's thread, so that the test is quick.
    engine = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: root.root, worker: { concurrency: 1, threads: { memoryMb: 64, idleMs: 60_000, maxIdlePerPackage: 1 } }, reapIntervalMs: 0 });
    problem = await storeProblem(engine.store, 10, 2);
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
    await root?.cleanup();
  });

  it('fails that run with an out-of-memory error, and goes on serving runs', async () => {
    const hungry = await engine.submit({ ...problem, scheduler: 'hungry', schedulerVersion: '1.0.0' });
    await expect.poll(async () => (await engine.store.runs.findById(hungry.id))?.status, { timeout: 60_000, interval: 100 }).toBe('FAILED');
    expect((await engine.store.runs.findById(hungry.id))!.error).toMatch(/^OutOfMemoryError: out of memory: the run's thread used more than its 64 MB heap \(HETSCHED_RUN_MEMORY_MB\)/);
    const heft = await engine.submit({ ...problem, scheduler: 'heft', schedulerVersion: '1.0.0' });
    await expect.poll(async () => (await engine.store.runs.findById(heft.id))?.status, { timeout: 30_000, interval: 100 }).toBe('SUCCEEDED');
  }, 120_000);
});
