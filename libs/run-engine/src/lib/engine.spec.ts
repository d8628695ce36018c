import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import { inTransaction, type RunEventRecord } from '@hetsched/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProblem } from '../testing/problems.js';
import { RunEngine } from './engine.js';
import { RunEventFeed } from './event-feed.js';
import { WORKER_LOST_ERROR } from './reaper.js';

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** The worker's time limit per run; the time-limit spec waits it out once. */
const TIME_LIMIT_MS = 15_000;

async function collect(iterator: AsyncIterableIterator<RunEventRecord>, limitMs = 30_000): Promise<RunEventRecord[]> {
  const events: RunEventRecord[] = [];
  const timer = setTimeout(() => void iterator.return?.(), limitMs);
  for await (const event of iterator) events.push(event);
  clearTimeout(timer);
  return events;
}

describe('RunEngine (real PostgreSQL, worker threads)', () => {
  let db: TestDatabase;
  let engine: RunEngine;
  let api: RunEngine;
  let problem: { workflowId: string; clusterId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    // One process that only submits and streams (an API), one that also executes (a worker).
    // The time limit must leave the GA runs below room for their work on a loaded machine: a 40-generation run on
    // 60 tasks samples 200 constructions before generation 1 and took 3.5-6 s under load (a 3 s limit cut it before
    // its first generation, with no progress at all).
    engine = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: workspaceRoot, worker: { concurrency: 2 }, timeLimitMs: TIME_LIMIT_MS, reapIntervalMs: 0, ...(process.env['DEBUG_ENGINE'] ? { logger: consoleLogger } : {}) });
    api = await RunEngine.start({ connectionString: db.connectionString, pluginRoot: workspaceRoot, reapIntervalMs: 0 });
    problem = await storeProblem(engine.store);
  });

  afterAll(async () => {
    await api?.close();
    await engine?.close();
    await db?.drop();
  });

  it('records the discovered plugins and runs a GA to success, streaming every event once, in order', async () => {
    const names = (await api.catalog.list()).map((e) => e.plugin.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['heft', 'hybrid-ga']));
    expect((await api.store.plugins.list()).map((p) => p.name)).toEqual(expect.arrayContaining(['heft', 'hybrid-ga']));

    const run = await api.submit({ ...problem, scheduler: 'hybrid-ga', schedulerVersion: '1.0.0', options: { timeBudgetMs: 0, generations: 40, threads: 1 } });
    expect(run.status).toBe('QUEUED');
    const events = await collect(api.events(run.id, 0));
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.data).toMatchObject({ status: 'QUEUED' });
    expect(events.at(-1)!.data).toMatchObject({ status: 'SUCCEEDED' });
    const progress = events.filter((e) => e.kind === 'progress');
    // A generation limit, not a time budget: on a loaded machine a short budget can end before generation 1.
    expect(progress.length).toBeGreaterThan(1);
    // Throttled to one per 100 ms (plus the first and the last), however long the run took. The span is the whole
    // run's (RUNNING to SUCCEEDED, both stamped by the database), since queued writes can land closer together in
    // the database's clock than the throttle let them go.
    const running = events.find((e) => e.kind === 'status' && (e.data as { status?: string }).status === 'RUNNING')!;
    const spanMs = events.at(-1)!.createdAt.getTime() - running.createdAt.getTime();
    expect(progress.length).toBeLessThanOrEqual(Math.floor(spanMs / 100) + 2);
    expect(await api.store.runs.findById(run.id)).toMatchObject({ info: expect.not.objectContaining({ stoppedBy: 'time limit' }) });
    expect(progress.at(-1)!.data).toHaveProperty('generation');
    const stored = await api.store.runs.findById(run.id);
    expect(stored!.status).toBe('SUCCEEDED');
    expect(await api.store.runs.assignments(run.id)).toHaveLength(60);

    // A late subscriber with a cursor gets exactly the rest.
    const rest = await collect(api.events(run.id, 3));
    expect(rest.map((e) => e.sequence)).toEqual(events.slice(3).map((e) => e.sequence));
  });

  it('loses nothing when the LISTEN connection breaks mid-run (re-reads the store after reconnecting)', async () => {
    const run = await api.submit({ ...problem, scheduler: 'hybrid-ga', schedulerVersion: '1.0.0', options: { timeBudgetMs: 1_500, generations: 1_000_000, threads: 1 } });
    const events: RunEventRecord[] = [];
    let broken = false;
    for await (const event of api.events(run.id)) {
      events.push(event);
      if (!broken && event.kind === 'progress') {
        broken = true;
        api.listener.breakConnection();
      }
    }
    expect(broken).toBe(true);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)!.data).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('cancels a queued run and a running one', async () => {
    const long = { ...problem, scheduler: 'hybrid-ga', schedulerVersion: '1.0.0', options: { timeBudgetMs: 60_000, generations: 10_000_000, threads: 1 } };
    const running = await api.submit(long);
    const iterator = api.events(running.id);
    const seen: RunEventRecord[] = [];
    for await (const event of iterator) {
      seen.push(event);
      if (event.kind === 'progress') break;
    }
    await iterator.return?.();
    const cancelled = await api.cancel(running.id);
    expect(cancelled.updated).toBe(true);
    const events = await collect(api.events(running.id, seen.at(-1)!.sequence));
    expect(events.at(-1)!.data).toMatchObject({ status: 'CANCELLED' });
    // The worker let go of it quickly (its AbortSignal fired through the NOTIFY).
    await expect.poll(() => engine.worker!.activeRuns.includes(running.id), { timeout: 5_000 }).toBe(false);
    expect((await api.store.runs.findById(running.id))!.status).toBe('CANCELLED');

    // Queued: stop the worker from taking it by cancelling right away.
    const queued = await api.submit(long);
    expect((await api.cancel(queued.id)).updated).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await api.store.runs.findById(queued.id))!.status).toBe('CANCELLED');
    expect((await api.cancel(queued.id)).updated).toBe(false);
  });

  it('stops a run at the time limit and keeps the best schedule the plugin returns', async () => {
    const run = await api.submit({ ...problem, scheduler: 'hybrid-ga', schedulerVersion: '1.0.0', options: { timeBudgetMs: 60_000, generations: 10_000_000, threads: 1 } });
    const events = await collect(api.events(run.id));
    expect(events.at(-1)!.data).toMatchObject({ status: 'SUCCEEDED' });
    const stored = await api.store.runs.findById(run.id);
    expect(stored!.info).toMatchObject({ stoppedBy: 'time limit', timeLimitMs: TIME_LIMIT_MS });
  });

  it('reaps every RUNNING run whose worker went silent past the grace, and only those', async () => {
    // As a worker that died long ago would leave them: RUNNING, heartbeat older than the grace (60 s). More than a
    // page of the reaper's (200), so that it must page through them.
    const silent = await runningRuns(api, 230, '10 minutes');
    const recent = await runningRuns(api, 2, '1 second');
    const reaped = await api.reapNow();
    expect(new Set(reaped)).toEqual(new Set(silent));
    for (const id of [...silent.slice(0, 3), ...recent]) {
      const stored = await api.store.runs.findById(id);
      expect(stored!.status).toBe(silent.includes(id) ? 'FAILED' : 'RUNNING');
      if (silent.includes(id)) expect(stored!.error).toBe(WORKER_LOST_ERROR);
    }
    for (const id of recent) await api.store.runs.fail(id, 'test over');
  });

  it('never reaps a run its own process is executing: after an outage its heartbeat may be late, the run is alive', async () => {
    const run = await api.submit({ ...problem, scheduler: 'hybrid-ga', schedulerVersion: '1.0.0', options: { timeBudgetMs: 60_000, generations: 10_000_000, threads: 1 } });
    await expect.poll(() => engine.worker!.activeRuns.includes(run.id), { timeout: 10_000 }).toBe(true);
    // Its heartbeat as a database outage longer than the grace would leave it (the worker computed throughout).
    await api.store.pool.query(`UPDATE runs SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [run.id]);
    expect(await engine.reapNow()).not.toContain(run.id);
    // The executing process beat first, so no other process's reaper fails it either.
    expect(await api.reapNow()).not.toContain(run.id);
    expect((await api.store.runs.findById(run.id))!.status).toBe('RUNNING');
    await api.cancel(run.id);
    await expect.poll(() => engine.worker!.activeRuns.includes(run.id), { timeout: 10_000 }).toBe(false);
  });

  it('ends a subscription on a run that is final without a final event', async () => {
    const [id] = await runningRuns(api, 1, '1 second');
    const run = { id: id! };
    const feed = new RunEventFeed(api.store, api.listener, 200);
    const iterator = feed.events(run.id);
    const pending = collect(iterator, 10_000);
    await api.store.runs.fail(run.id, 'died before its event');
    expect(await pending).toEqual([]);
    feed.stop();
  });

  it('runs a QUEUED run however it was stored: the runs table is the queue (a missed wake-up costs one poll)', async () => {
    const run = await api.store.runs.create({ ...problem, scheduler: 'heft', schedulerVersion: '1.0.0' }); // no NOTIFY
    await expect.poll(async () => (await api.store.runs.findById(run.id))?.status, { timeout: 10_000 }).toBe('SUCCEEDED');
  });

  it('stores nothing when a submission fails (the run, its first event and the wake-up are one transaction)', async () => {
    // Scoped to this submission (a marker in its options): other tests' runs may still be writing events meanwhile.
    const marker = randomUUID();
    await expect(api.submit({ ...problem, workflowId: '0190b5d2-0000-7000-8000-000000000000', scheduler: 'heft', schedulerVersion: '1.0.0', options: { marker } })).rejects.toThrow(/foreign key/);
    const stored = await api.store.pool.query<{ runs: string; events: string }>(
      `SELECT count(DISTINCT r.id) AS runs, count(e.run_id) AS events FROM runs r LEFT JOIN run_events e ON e.run_id = r.id WHERE r.options->>'marker' = $1`,
      [marker],
    );
    expect(stored.rows[0]).toEqual({ runs: '0', events: '0' });
  });

  it('queues a comparison in one transaction: all runs, each QUEUED event announced in order, or none of them', async () => {
    // A problem of its own: what this test stores is told apart by its workflow while other tests' runs go on.
    const own = await storeProblem(api.store, 5, 2);
    const heft = (overrides: Partial<typeof own> = {}) => ({ ...own, ...overrides, scheduler: 'heft', schedulerVersion: '1.0.0' });
    await expect(api.submitAll([heft(), heft({ clusterId: '0190b5d2-0000-7000-8000-000000000000' }), heft()])).rejects.toThrow(/foreign key/);
    const stored = await api.store.pool.query(`SELECT count(*)::int AS runs FROM runs WHERE workflow_id = $1`, [own.workflowId]);
    expect(stored.rows[0]).toEqual({ runs: 0 });

    const changes = api.statusChanges();
    const firstChange = changes.next(); // subscribed before the submission
    const runs = await api.submitAll([heft(), heft(), heft()]);
    expect(runs.map((run) => [run.workflowId, run.status, run.lastEventSequence])).toEqual(Array.from({ length: 3 }, () => [own.workflowId, 'QUEUED', 1]));
    const ids = new Set(runs.map((run) => run.id));
    expect(ids.size).toBe(3);
    // Other tests' runs may report meanwhile: only these runs' QUEUED notifications count, in submission order.
    const queuedOrder: string[] = [];
    for (let change = await firstChange; !change.done && queuedOrder.length < runs.length; change = await changes.next()) {
      if (ids.has(change.value.runId) && change.value.status === 'QUEUED') queuedOrder.push(change.value.runId);
    }
    await changes.return?.();
    expect(queuedOrder).toEqual(runs.map((run) => run.id));
    for (const run of runs) {
      await expect.poll(async () => (await api.store.runs.findById(run.id))?.status, { timeout: 10_000 }).toBe('SUCCEEDED');
      // QUEUED (1), RUNNING (2), SUCCEEDED (3): each once, in order, the last with the makespan stored.
      const events = await api.store.events.listAfter(run.id);
      const done = await api.store.runs.findById(run.id);
      expect(events.map((e) => [e.sequence, e.data?.['status']])).toEqual([[1, 'QUEUED'], [2, 'RUNNING'], [3, 'SUCCEEDED']]);
      expect(events[2]!.data).toEqual({ status: 'SUCCEEDED', makespan: done!.makespan });
      expect(done!.lastEventSequence).toBe(3);
    }
  });

  it('claims the next runs as runs complete, never holding more RUNNING runs than its concurrency', async () => {
    const own = await storeProblem(api.store, 5, 2);
    const heft = { ...own, scheduler: 'heft', schedulerVersion: '1.0.0' };
    const batches = await Promise.all([0, 1, 2].map(() => api.submitAll(Array.from({ length: 6 }, () => heft))));
    const ids = batches.flat().map((run) => run.id);
    // Sampled while the 18 runs go through: the worker's RUNNING runs in the store (a completion and the claim of
    // its successor are one statement, so every commit must respect the limit, 2 here).
    let most = 0;
    for (;;) {
      const { rows } = await api.store.pool.query<{ running: number; open: number }>(
        `SELECT count(*) FILTER (WHERE status = 'RUNNING' AND worker_id = $2)::int AS running, count(*) FILTER (WHERE status IN ('QUEUED', 'RUNNING'))::int AS open
         FROM runs WHERE id = ANY($1::uuid[])`,
        [ids, engine.worker!.id],
      );
      most = Math.max(most, rows[0]!.running);
      if (rows[0]!.open === 0) break;
    }
    expect(most).toBeLessThanOrEqual(2);
    for (const id of ids) {
      expect(await api.store.runs.findById(id)).toMatchObject({ status: 'SUCCEEDED', lastEventSequence: 3 });
      expect((await api.store.events.listAfter(id)).map((e) => e.data?.['status'])).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    }
    expect(engine.worker!.activeRuns).toEqual([]);
  });

  it('keeps a warm thread for the next run of the same plugin', async () => {
    const first = await api.submit({ ...problem, scheduler: 'heft', schedulerVersion: '1.0.0' });
    await expect.poll(async () => (await api.store.runs.findById(first.id))?.status, { timeout: 10_000 }).toBe('SUCCEEDED');
    await expect.poll(() => engine.worker!.idleThreads, { timeout: 5_000 }).toBeGreaterThan(0);
    const idle = engine.worker!.idleThreads;
    const second = await api.submit({ ...problem, scheduler: 'heft', schedulerVersion: '1.0.0' });
    await expect.poll(async () => (await api.store.runs.findById(second.id))?.status, { timeout: 10_000 }).toBe('SUCCEEDED');
    // The second run took the warm thread and gave it back: no new thread was kept beside it.
    expect(engine.worker!.idleThreads).toBe(idle);
  });

  it('disables a plugin in every process through NOTIFY', async () => {
    await api.catalog.setEnabled('heft', false);
    await expect.poll(async () => (await engine.catalog.find('heft'))?.enabled, { timeout: 5_000 }).toBe(false);
    await api.catalog.setEnabled('heft', true);
    await expect.poll(async () => (await engine.catalog.find('heft'))?.enabled, { timeout: 5_000 }).toBe(true);
  });
});

/**
 * `count` RUNNING runs whose worker's last heartbeat was `ago` ago, made in one transaction with their start, so
 * that no worker can claim them while they are QUEUED.
 */
async function runningRuns(engine: RunEngine, count: number, ago: string): Promise<string[]> {
  const { workflowId, clusterId } = await storeProblem(engine.store, 5, 2);
  return inTransaction(engine.store.pool, async (client) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await engine.store.runs.create({ workflowId, clusterId, scheduler: 'heft', schedulerVersion: '1.0.0' }, client)).id);
    await client.query(
      `UPDATE runs SET status = 'RUNNING', started_at = now(), worker_id = 'a worker long gone', heartbeat_at = now() - $2::interval WHERE id = ANY($1::uuid[])`,
      [ids, ago],
    );
    return ids;
  });
}

const consoleLogger = {
  debug: () => undefined,
  info: (o: object, m?: string) => console.log('INFO', m, JSON.stringify(o)),
  warn: (o: object, m?: string) => console.log('WARN', m, JSON.stringify(o)),
  error: (o: object, m?: string) => console.log('ERROR', m, JSON.stringify(o), (o as { err?: Error }).err?.stack),
};
