import { fileURLToPath } from 'node:url';
import { compileProblem, runScheduler, SchedulerOptionsError, type SchedulerPlugin } from '@hetsched/core';
import type { RunEventRecord } from '@hetsched/db';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import { findHardInstance } from '@hetsched/hard-instances';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunEngine } from './engine.js';

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The events of a run until its final one; `onEvent` may act on the way (cancel after the first progress). */
async function collect(engine: RunEngine, runId: string, onEvent: (event: RunEventRecord) => unknown = () => undefined): Promise<RunEventRecord[]> {
  const iterator = engine.events(runId);
  const events: RunEventRecord[] = [];
  const timer = setTimeout(() => void iterator.return?.(), 60_000);
  for await (const event of iterator) {
    events.push(event);
    await onEvent(event);
  }
  clearTimeout(timer);
  return events;
}

/** exact proves the optimum of these small instances long before the node limit: reproducible, whatever the load. */
const EXACT = { nodeLimit: 2_000_000, timeLimitMs: 120_000 };
const small = { iterations: 60, maxTasks: 6, maxProcessors: 3, seed: 1, baselineOptions: EXACT };

async function countHardInstanceDocuments(engine: RunEngine): Promise<number> {
  const { rows } = await engine.store.pool.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM workflows WHERE 'hard-instance' = ANY(tags)) + (SELECT count(*) FROM clusters WHERE 'hard-instance' = ANY(tags)) AS n`,
  );
  return Number(rows[0]!.n);
}

async function untilIdle(engine: RunEngine, runId: string): Promise<void> {
  while (engine.worker!.activeRuns.includes(runId)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('hard-instance runs (real PostgreSQL, worker threads)', () => {
  let db: TestDatabase;
  let engine: RunEngine;
  let heft: SchedulerPlugin;
  let exact: SchedulerPlugin;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: workspaceRoot, worker: { concurrency: 2 }, timeLimitMs: 120_000, reapIntervalMs: 0 });
    heft = (await engine.catalog.find('heft'))!.plugin;
    exact = (await engine.catalog.find('exact'))!.plugin;
  });

  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('refuses options out of bounds before storing anything, naming every field', async () => {
    const submit = engine.submitHardInstance(heft, exact, { iterations: 0, maxTasks: 50, baselineOptions: { nodeLimits: 1 } }, 'input');
    await expect(submit).rejects.toThrow(SchedulerOptionsError);
    const error = (await submit.catch((e: unknown) => e)) as SchedulerOptionsError;
    expect(error.issues.map((i) => i.path)).toEqual(['input.iterations', 'input.maxTasks', 'input.baselineOptions.nodeLimits']);
    const { rows } = await engine.store.pool.query(`SELECT id FROM runs WHERE kind = 'HARD_INSTANCE'`);
    expect(rows).toEqual([]);
  });

  it('searches on a worker thread, streams progress, and stores the instance found with the success', async () => {
    const run = await engine.submitHardInstance(heft, exact, small);
    expect(run).toMatchObject({ kind: 'HARD_INSTANCE', status: 'QUEUED', scheduler: 'heft', options: { baseline: 'exact', iterations: 60, maxTasks: 6, seed: 1, coolingRate: 0.99, baselineOptions: EXACT } });
    const events = await collect(engine, run.id);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    // The last report (iteration 60) is never dropped by the throttle.
    expect(progress.at(-1)!.data).toMatchObject({ iteration: 60, iterations: 60, bestRatio: expect.any(Number), temperature: expect.any(Number) });
    const final = events.at(-1)!;
    expect(final.data, JSON.stringify(final)).toMatchObject({ status: 'SUCCEEDED', ratio: expect.any(Number), workflowId: expect.any(String), clusterId: expect.any(String) });

    const stored = await engine.store.runs.findHardInstance(run.id);
    const info = stored!.info!;
    expect(info).toMatchObject({ target: 'heft', baseline: 'exact', iterations: 60, stoppedBy: 'iterations', ratio: final.data!['ratio'], workflowId: final.data!['workflowId'] });
    const workflow = await engine.store.workflows.findById(info['workflowId'] as string);
    const cluster = await engine.store.clusters.findById(info['clusterId'] as string);
    expect(workflow).toMatchObject({ tags: ['hard-instance', 'heft-vs-exact'], name: `hard instance: heft vs exact, ratio ${(info['ratio'] as number).toPrecision(4)}` });
    expect(cluster).toMatchObject({ tags: ['hard-instance', 'heft-vs-exact'] });

    // Ready to schedule: both plugins on the stored documents give the makespans and ratio recorded.
    const problem = compileProblem(workflow!.spec, cluster!.spec);
    const [target, baseline] = [await runScheduler(heft, problem), await runScheduler(exact, problem, EXACT)];
    expect(info).toMatchObject({ targetMakespan: target.makespan, baselineMakespan: baseline.makespan, ratio: target.makespan / baseline.makespan });
    // And the thread ran the same search as this process would (deterministic plugins, same seed).
    const here = await findHardInstance({ target: heft, baseline: exact, ...small }, { signal: new AbortController().signal, reportProgress: () => undefined, now: () => performance.now() });
    expect(here.ratio).toBe(info['ratio']);
    expect(here.workflow.tasks).toEqual(workflow!.spec.tasks);
  });

  it('a cancelled search stays CANCELLED and stores nothing', async () => {
    const before = await countHardInstanceDocuments(engine);
    const run = await engine.submitHardInstance(heft, exact, { ...small, iterations: 10_000, maxTasks: 8 });
    let cancelled = false;
    const events = await collect(engine, run.id, async (event) => {
      if (event.kind === 'progress' && !cancelled) {
        cancelled = true;
        expect((await engine.cancel(run.id)).updated).toBe(true);
      }
    });
    expect(events.at(-1)!.data).toMatchObject({ status: 'CANCELLED' });
    await untilIdle(engine, run.id);
    expect(await engine.store.runs.findHardInstance(run.id)).toMatchObject({ status: 'CANCELLED', info: null });
    expect(await countHardInstanceDocuments(engine)).toBe(before);
  });
});

describe('hard-instance runs at the time limit', () => {
  let db: TestDatabase;
  let engine: RunEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: workspaceRoot, worker: { concurrency: 1 }, timeLimitMs: 1_500, reapIntervalMs: 0 });
  });

  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('succeed with the best instance so far, saying so', async () => {
    const heft = (await engine.catalog.find('heft'))!.plugin;
    const exact = (await engine.catalog.find('exact'))!.plugin;
    const run = await engine.submitHardInstance(heft, exact, { ...small, iterations: 10_000, maxTasks: 8 });
    const events = await collect(engine, run.id);
    expect(events.at(-1)!.data).toMatchObject({ status: 'SUCCEEDED' });
    const info = (await engine.store.runs.findHardInstance(run.id))!.info!;
    expect(info).toMatchObject({ stoppedBy: 'time limit', timeLimitMs: 1_500 });
    expect(info['iterations']).toBeLessThan(10_000);
    expect(await engine.store.workflows.findSummary(info['workflowId'] as string)).toMatchObject({ tags: ['hard-instance', 'heft-vs-exact'] });
  });
});
