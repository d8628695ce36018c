import type { Assignment, ScheduleMetrics } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterOf, exactDifference, seededRandom } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import { InvalidCursorError } from './pagination.js';
import type { Run, RunHistoryFilter, RunHistoryOrder } from './run-repository.js';

let db: TestDatabase;
let store: Store;
let workflowId: string;
let clusterId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
  const spec = { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 2 }], edges: [{ from: 'a', to: 'b' }] };
  workflowId = (await store.workflows.create({ spec })).workflow.id;
  clusterId = (await store.clusters.create({ spec: clusterOf(2) })).id;
});
afterAll(() => db.drop());

const metrics: ScheduleMetrics = { makespan: 0.1 + 0.2, slr: Infinity, speedup: 1.5, efficiency: 0.75, averageTurnaround: -0, utilisation: { p0: 1, p1: NaN } };
const assignments: Assignment[] = [
  { task: 'a', processor: 'p0', start: 0, finish: 0.1 },
  { task: 'b', processor: 'p1', start: 0.1, finish: 0.1 + 0.2 },
];

const newRun = (overrides: Partial<{ workflowId: string; scheduler: string; options: Record<string, unknown> }> = {}) =>
  store.runs.create({ workflowId, clusterId, scheduler: 'heft', schedulerVersion: '1.0.0', options: { seed: 7 }, ...overrides });

describe('RunRepository transitions', () => {
  it('creates QUEUED runs', async () => {
    const run = await newRun();
    expect(run).toMatchObject({ status: 'QUEUED', workflowId, clusterId, scheduler: 'heft', schedulerVersion: '1.0.0', options: { seed: 7 } });
    expect(run).toMatchObject({ startedAt: null, finishedAt: null, makespan: null, metrics: null, error: null, lastEventSequence: 0 });
    expect(await store.runs.findById(run.id)).toEqual(run);
    await expect(store.runs.create({ workflowId: '0190b5d2-0000-7000-8000-000000000000', clusterId, scheduler: 'heft', schedulerVersion: '1' })).rejects.toThrow();
  });

  it('goes QUEUED -> RUNNING -> SUCCEEDED, writing result and assignments together, once', async () => {
    const run = await newRun();
    const started = await store.runs.start(run.id);
    expect(started.updated).toBe(true);
    expect(started.run).toMatchObject({ status: 'RUNNING' });
    expect(started.run!.startedAt!.getTime()).toBeGreaterThanOrEqual(run.createdAt.getTime());
    expect(await store.runs.start(run.id)).toMatchObject({ updated: false, run: { status: 'RUNNING' } });

    const done = await store.runs.complete(run.id, { makespan: 0.1 + 0.2, metrics, assignments, info: { generations: 12 } });
    expect(done.updated).toBe(true);
    expect(done.run).toMatchObject({ status: 'SUCCEEDED', makespan: 0.30000000000000004, info: { generations: 12 } });
    expect(exactDifference(done.run!.metrics, metrics)).toBeNull();
    const reloaded = await store.runs.findById(run.id);
    expect(reloaded!.makespan).toBe(0.1 + 0.2);
    expect(exactDifference(reloaded!.metrics, metrics)).toBeNull();
    expect(exactDifference(await store.runs.assignments(run.id), assignments)).toBeNull();

    // a finished run never changes again
    expect(await store.runs.complete(run.id, { makespan: 1, metrics, assignments: [] })).toMatchObject({ updated: false, run: { status: 'SUCCEEDED' } });
    expect(await store.runs.fail(run.id, 'late')).toMatchObject({ updated: false, run: { status: 'SUCCEEDED', error: null } });
    expect(await store.runs.cancel(run.id)).toMatchObject({ updated: false, run: { status: 'SUCCEEDED' } });
    expect(exactDifference(await store.runs.assignments(run.id), assignments)).toBeNull();
  });

  it('guards every other transition', async () => {
    const queued = await newRun();
    expect(await store.runs.complete(queued.id, { makespan: 1, metrics, assignments })).toMatchObject({ updated: false, run: { status: 'QUEUED' } });
    expect(await store.runs.fail(queued.id, 'no')).toMatchObject({ updated: false, run: { status: 'QUEUED' } });
    expect(await store.runs.assignments(queued.id)).toBeNull();
    const cancelled = await store.runs.cancel(queued.id, 'user asked');
    expect(cancelled).toMatchObject({ updated: true, run: { status: 'CANCELLED', error: 'user asked' } });
    expect(await store.runs.start(queued.id)).toMatchObject({ updated: false, run: { status: 'CANCELLED' } });

    const running = await newRun();
    await store.runs.start(running.id);
    expect(await store.runs.fail(running.id, 'out of memory')).toMatchObject({ updated: true, run: { status: 'FAILED', error: 'out of memory' } });
    expect(await store.runs.cancel(running.id)).toMatchObject({ updated: false, run: { status: 'FAILED' } });

    const cancelledWhileRunning = await newRun();
    await store.runs.start(cancelledWhileRunning.id);
    expect(await store.runs.cancel(cancelledWhileRunning.id)).toMatchObject({ updated: true, run: { status: 'CANCELLED' } });

    expect(await store.runs.start('0190b5d2-0000-7000-8000-000000000000')).toEqual({ updated: false, run: null });
    expect(await store.runs.start('nope')).toEqual({ updated: false, run: null });
  });

  it('loads many runs at once, aligned with the ids asked for', async () => {
    const [a, b] = [await newRun(), await newRun()];
    const found = await store.runs.findByIds([b.id, 'nope', a.id, '0190b5d2-0000-7000-8000-000000000000', b.id.toUpperCase()]);
    expect(found.map((r) => r?.id ?? null)).toEqual([b.id, null, a.id, null, b.id]);
    expect(await store.runs.findByIds([])).toEqual([]);
  });

  it('lets only one of several racing workers start a run', async () => {
    const run = await newRun();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.runs.start(run.id)));
    expect(results.filter((r) => r.updated)).toHaveLength(1);
  });

  it('leaves the run RUNNING when storing the result fails (one transaction)', async () => {
    const run = await newRun();
    await store.runs.start(run.id);
    await db.prisma.$executeRawUnsafe('ALTER TABLE run_assignments ADD CONSTRAINT refuse_all CHECK (task_count < 0) NOT VALID');
    try {
      await expect(store.runs.complete(run.id, { makespan: 1, metrics, assignments })).rejects.toThrow(/refuse_all/);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE run_assignments DROP CONSTRAINT refuse_all');
    }
    expect(await store.runs.findById(run.id)).toMatchObject({ status: 'RUNNING', makespan: null, metrics: null, finishedAt: null });
  });

  it('hands each queued run to exactly one claiming worker, with its RUNNING event, oldest first', async () => {
    // Drain what earlier tests left queued, so that the race below is over these three runs only.
    while ((await store.runs.claimQueued('drain', 100, '{}')).length > 0);
    const queued = [];
    for (let i = 0; i < 3; i++) queued.push(await newRun());
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => store.runs.claimQueued(`worker-${i}`, 1, '{"claim":true}')));
    const claimed = claims.flat();
    expect(claimed.map((c) => c.run.id).sort()).toEqual(queued.map((q) => q.id).sort());
    for (const { run, event } of claimed) {
      expect(run).toMatchObject({ status: 'RUNNING' });
      expect(run.startedAt).toBeInstanceOf(Date);
      const events = await store.events.listAfter(run.id, event.sequence - 1);
      expect(events[0]).toMatchObject({ sequence: event.sequence, kind: 'status', message: 'RUNNING' });
    }
    expect(await store.runs.claimQueued('late', 5, '{}')).toEqual([]);
  });

  it('fails a RUNNING run only once its worker has been silent past the grace, and a heartbeat keeps it alive', async () => {
    while ((await store.runs.claimQueued('drain', 100, '{}')).length > 0);
    const run = await newRun();
    const [claim] = await store.runs.claimQueued('w-alive', 1, '{}');
    expect(claim?.run.id).toBe(run.id);
    // Another worker's heartbeat does not count; the owner's does, and only for runs still RUNNING under it.
    expect([...(await store.runs.heartbeat('w-other', [run.id]))]).toEqual([]);
    expect([...(await store.runs.heartbeat('w-alive', [run.id, 'not-a-uuid']))]).toEqual([run.id]);
    expect((await store.runs.silentRunning(60_000, 100)).map((r) => r.id)).not.toContain(run.id);
    expect(await store.runs.failSilent(run.id, 60_000, 'silent')).toMatchObject({ updated: false, run: { status: 'RUNNING' } });
    // Silent for a second by the database's clock: a grace of 1 ms has passed, and the run is failed once.
    await db.prisma.$executeRawUnsafe(`UPDATE runs SET heartbeat_at = now() - interval '1 second' WHERE id = '${run.id}'`);
    expect((await store.runs.silentRunning(1, 100)).map((r) => r.id)).toContain(run.id);
    const results = await Promise.all([1, 2, 3].map(() => store.runs.failSilent(run.id, 1, 'worker silent')));
    expect(results.filter((r) => r.updated)).toHaveLength(1);
    expect(await store.runs.findById(run.id)).toMatchObject({ status: 'FAILED', error: 'worker silent' });
    expect([...(await store.runs.heartbeat('w-alive', [run.id]))]).toEqual([]);
  });
});

describe('RunRepository.history', () => {
  const scheduler = (i: number) => ['hist-heft', 'hist-ga', 'hist-peft'][i % 3]!;
  let runs: Run<'SCHEDULE'>[];
  // runs of their own workflows and cluster, apart from the other tests' runs
  let workflowA: string;
  let workflowB: string;
  let cluster: string;
  const histRun = (w: string, s: string) => store.runs.create({ workflowId: w, clusterId: cluster, scheduler: s, schedulerVersion: '2.0.0', options: { seed: 7, note: 'é', tiny: 1e-300 } });

  beforeAll(async () => {
    const random = seededRandom(42);
    const spec = { name: 'history', tasks: [{ id: 'x', work: 1 }], edges: [] };
    workflowA = (await store.workflows.create({ spec })).workflow.id;
    workflowB = (await store.workflows.create({ spec })).workflow.id;
    cluster = (await store.clusters.create({ spec: clusterOf(3) })).id;
    runs = [];
    for (let i = 0; i < 40; i++) {
      const run = await histRun(i % 4 === 0 ? workflowB : workflowA, scheduler(i));
      if (i % 5 !== 0) {
        await store.runs.start(run.id);
        // ties on purpose: makespans from a small set
        if (i % 7 !== 0) await store.runs.complete(run.id, { makespan: [1.5, 2.25, 0.1 + 0.2, 100][Math.floor(random() * 4)]!, metrics, assignments });
        else await store.runs.fail(run.id, 'x');
      }
      runs.push((await store.runs.findById(run.id))!);
    }
  });

  /** The expected order, computed here: makespan NULLs last ascending, first descending; ties by id. */
  function expected(filter: (r: Run<'SCHEDULE'>) => boolean, order: RunHistoryOrder): string[] {
    const sign = order.direction === 'ASC' ? 1 : -1;
    const key = (r: Run<'SCHEDULE'>) => (order.field === 'CREATED_AT' ? r.createdAt.getTime() : (r.makespan ?? Infinity));
    return runs
      .filter(filter)
      .sort((a, b) => sign * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
      .map((r) => r.id);
  }

  async function pages(filter: RunHistoryFilter, order: RunHistoryOrder, first: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = await store.runs.history(filter, order, first, after);
      expect(page.items.length).toBeLessThanOrEqual(first);
      ids.push(...page.items.map((r) => r.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  const all = () => true;
  const orders: RunHistoryOrder[] = [
    { field: 'CREATED_AT', direction: 'DESC' },
    { field: 'CREATED_AT', direction: 'ASC' },
    { field: 'MAKESPAN', direction: 'ASC' },
    { field: 'MAKESPAN', direction: 'DESC' },
  ];

  it.each(orders)('pages through every run exactly once, ordered by $field $direction', async (order) => {
    for (const size of [1, 4, 7, 50]) expect(await pages({ clusterId: cluster }, order, size)).toEqual(expected(all, order));
    // unfiltered: the other tests' runs are there too, ours in the same relative order
    const everything = await pages({}, order, 9);
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything.filter((id) => runs.some((r) => r.id === id))).toEqual(expected(all, order));
  });

  it.each(orders)('filters by workflow, scheduler, status and creation time ($field $direction)', async (order) => {
    expect(await pages({ workflowId: workflowB }, order, 3)).toEqual(expected((r) => r.workflowId === workflowB, order));
    expect(await pages({ scheduler: 'hist-ga' }, order, 4)).toEqual(expected((r) => r.scheduler === 'hist-ga', order));
    expect(await pages({ status: 'SUCCEEDED', workflowId: workflowA }, order, 5)).toEqual(
      expected((r) => r.status === 'SUCCEEDED' && r.workflowId === workflowA, order),
    );
    expect(await pages({ status: ['FAILED', 'QUEUED'], scheduler: 'hist-heft' }, order, 2)).toEqual(
      expected((r) => (r.status === 'FAILED' || r.status === 'QUEUED') && r.scheduler === 'hist-heft', order),
    );
    const middle = runs[20]!.createdAt;
    expect(await pages({ createdAfter: middle, clusterId: cluster }, order, 6)).toEqual(expected((r) => r.createdAt > middle, order));
    expect(await pages({ createdBefore: middle, clusterId: cluster }, order, 6)).toEqual(expected((r) => r.createdAt < middle, order));
    expect(await pages({ workflowId: 'not-a-uuid' }, order, 6)).toEqual([]);
  });

  it('stays stable while runs are added', async () => {
    const order: RunHistoryOrder = { field: 'CREATED_AT', direction: 'DESC' };
    const f = { workflowId: workflowB };
    const before = expected((r) => r.workflowId === workflowB, order);
    const first = await store.runs.history(f, order, 4);
    for (let i = 0; i < 3; i++) await histRun(workflowB, 'late');
    const rest: string[] = [];
    let after = first.pageInfo.endCursor;
    for (;;) {
      const page = await store.runs.history(f, order, 4, after);
      rest.push(...page.items.map((r) => r.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect([...first.items.map((r) => r.id), ...rest]).toEqual(before);
  });

  it('serves each run as stored, whether read now, from its cache or still open, and sees an event added after the end', async () => {
    const order: RunHistoryOrder = { field: 'CREATED_AT', direction: 'ASC' };
    const page = async () => (await store.runs.history({ clusterId: cluster }, order, 100)).items;
    const asStored = async (items: Run<'SCHEDULE'>[]) => expect(items).toEqual(await Promise.all(items.map(async (r) => (await store.runs.findById(r.id))!)));
    // twice: the first read decodes the finished runs, the second takes them from the cache
    for (let round = 0; round < 2; round++) {
      const items = await page();
      expect(items.map((r) => r.id)).toEqual(expect.arrayContaining(runs.map((r) => r.id)));
      await asStored(items);
    }
    // the final event comes after the final status (last_event_sequence moves once more): the page has the new value
    const finished = runs.find((r) => r.status === 'SUCCEEDED')!;
    await store.events.append(finished.id, { kind: 'status', message: 'SUCCEEDED', data: { status: 'SUCCEEDED' } });
    const after = await page();
    expect(after.find((r) => r.id === finished.id)!.lastEventSequence).toBe(finished.lastEventSequence + 1);
    await asStored(after);
    // an open run moves on: its row is read again each time
    const queued = runs.find((r) => r.status === 'QUEUED')!;
    await store.runs.start(queued.id);
    expect((await page()).find((r) => r.id === queued.id)!.status).toBe('RUNNING');
    // read from the page's JSON of an open run: every field as stored, its start time to the millisecond
    await asStored(await page());
    await store.runs.fail(queued.id, 'stopped');
    expect((await page()).find((r) => r.id === queued.id)).toMatchObject({ status: 'FAILED', error: 'stopped' });
    runs = await Promise.all(runs.map(async (r) => (await store.runs.findById(r.id))!));
  });

  it('refuses a cursor made for another order', async () => {
    const page = await store.runs.history({}, { field: 'MAKESPAN', direction: 'ASC' }, 2);
    await expect(store.runs.history({}, { field: 'MAKESPAN', direction: 'DESC' }, 2, page.pageInfo.endCursor)).rejects.toThrow(InvalidCursorError);
    await expect(store.runs.history({}, { field: 'CREATED_AT', direction: 'ASC' }, 2, page.pageInfo.endCursor)).rejects.toThrow(InvalidCursorError);
    await expect(store.runs.history({}, undefined, 2, 'eyJ4Ijox')).rejects.toThrow(InvalidCursorError);
  });
});
