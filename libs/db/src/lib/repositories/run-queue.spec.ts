// The queue's one-statement writes (createQueued, claimQueued, completeWithEvent) with their NOTIFYs, and the problem
// read (problemDocuments), on a real PostgreSQL: each must do in one statement exactly what the separate statements
// did, all or nothing.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Assignment, ScheduleMetrics } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCluster, decodeWorkflow } from '@hetsched/codec';
import { clusterOf, exactDifference } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import type { RunEventRecord } from './run-event-repository.js';
import type { CreateScheduleRunInput } from './run-repository.js';

let db: TestDatabase;
let store: Store;
let workflowId: string;
let clusterId: string;
let listener: pg.Client;
/** Notifications received on the test channels, in order. */
const received: { channel: string; payload: string }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
  listener = new pg.Client({ connectionString: db.connectionString });
  await listener.connect();
  listener.on('notification', (n) => received.push({ channel: n.channel, payload: n.payload ?? '' }));
  await listener.query('LISTEN queue_events; LISTEN queue_wake; LISTEN queue_marker');
  const spec = { name: 'queue test', tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 2 }], edges: [{ from: 'a', to: 'b', data: 3 }] };
  workflowId = (await store.workflows.create({ spec })).workflow.id;
  clusterId = (await store.clusters.create({ spec: clusterOf(2) })).id;
});
afterAll(async () => {
  await listener?.end();
  await db?.drop();
});

const QUEUED_EVENT = { kind: 'status', message: 'QUEUED', data: { status: 'QUEUED' } };
const MISSING_ID = '0190b5d2-0000-7000-8000-000000000000';
const metrics: ScheduleMetrics = { makespan: 0.1 + 0.2, slr: Infinity, speedup: 1.5, efficiency: 0.75, averageTurnaround: -0, utilisation: { p0: 1, p1: NaN } };
const assignments: Assignment[] = [
  { task: 'a', processor: 'p0', start: 0, finish: 0.1 },
  { task: 'b', processor: 'p1', start: 0.1, finish: 0.1 + 0.2 },
];

/**
 * The test's announcement: the event as JSON, its time as ISO text, as a reader of the stored event would write it
 * (the reference below is built from store.events.listAfter, an independent read).
 */
const announce = (event: RunEventRecord) => ({ channel: 'queue_events', payload: JSON.stringify({ ...event, createdAt: event.createdAt.toISOString() }) });
/** What must arrive for a stored event (compared parsed: the key order of an independent read may differ). */
const expectedAnnouncement = (event: RunEventRecord) => ({ channel: 'queue_events', payload: { ...event, createdAt: event.createdAt.toISOString() } as unknown });
const wakeUp = { channel: 'queue_wake', payload: '{"count":3}' };

/**
 * The notifications sent since the last call, up to a marker sent now on the same server: everything committed
 * before the marker arrives before it, so nothing sent is missed and no wait is timed.
 */
async function notificationsSoFar(): Promise<{ channel: string; payload: unknown }[]> {
  const marker = randomUUID();
  await store.pool.query('SELECT pg_notify($1, $2)', ['queue_marker', marker]);
  await expect.poll(() => received.some((n) => n.payload === marker), { timeout: 10_000 }).toBe(true);
  const upTo = received.findIndex((n) => n.payload === marker);
  return received.splice(0, upTo + 1).slice(0, upTo).map((n) => ({ channel: n.channel, payload: JSON.parse(n.payload) as unknown }));
}

const input = (overrides: Partial<CreateScheduleRunInput> = {}): CreateScheduleRunInput => ({ workflowId, clusterId, scheduler: 'heft', schedulerVersion: '1.0.0', ...overrides });

/** Runs whose options carry `marker`, with their event count: what a statement left behind, whatever else ran. */
async function storedWith(marker: string): Promise<{ runs: number; events: number }> {
  const { rows } = await store.pool.query<{ runs: number; events: number }>(
    `SELECT count(DISTINCT r.id)::int AS runs, count(e.run_id)::int AS events FROM runs r LEFT JOIN run_events e ON e.run_id = r.id WHERE r.options->>'marker' = $1`,
    [marker],
  );
  return rows[0]!;
}

describe('RunRepository.createQueued', () => {
  it('stores every run QUEUED with its first event (sequence 1), in the order given, as separate reads see them', async () => {
    const comparison = await store.comparisons.create({ workflowId, clusterId });
    const inputs = [0, 1, 2].map((index) => input({ options: { index, nested: { x: -0 } }, comparison: { id: comparison.id, index } }));
    await notificationsSoFar();
    const queued = await store.runs.createQueued(inputs, QUEUED_EVENT, { announce, wakeUp });

    expect(queued.map(({ run }) => run.options['index'])).toEqual([0, 1, 2]);
    for (const { run, event } of queued) {
      // One event, numbered 1: the run's last event sequence is 1 too.
      expect(run).toMatchObject({ status: 'QUEUED', workflowId, clusterId, scheduler: 'heft', comparisonId: comparison.id, lastEventSequence: 1, startedAt: null });
      expect(await store.runs.findById(run.id)).toEqual(run);
      const events = await store.events.listAfter(run.id);
      expect(events).toEqual([event]);
      expect(event).toEqual({ runId: run.id, sequence: 1, kind: 'status', fraction: null, message: 'QUEUED', data: { status: 'QUEUED' }, createdAt: events[0]!.createdAt });
    }
    expect(exactDifference(queued[1]!.run.options, { index: 1, nested: { x: -0 } })).toBeNull();
    expect((await store.runs.findByComparison(comparison.id)).map((run) => run.id)).toEqual(queued.map(({ run }) => run.id));
    // Each stored event announced once (as stored), and one wake-up; nothing at all for no runs.
    const sent = await notificationsSoFar();
    const storedEvents = await Promise.all(queued.map(async ({ run }) => (await store.events.listAfter(run.id))[0]!));
    expect(sent.filter((n) => n.channel === 'queue_events').sort(byRun)).toEqual(storedEvents.map(expectedAnnouncement).sort(byRun));
    expect(sent.filter((n) => n.channel === 'queue_wake')).toEqual([{ channel: 'queue_wake', payload: { count: 3 } }]);
    expect(await store.runs.createQueued([], QUEUED_EVENT, { announce, wakeUp })).toEqual([]);
    expect(await notificationsSoFar()).toEqual([]);
  });

  it('stores nothing when one run cannot be stored (one statement: all or none)', async () => {
    const marker = randomUUID();
    const inputs = [input({ options: { marker } }), input({ clusterId: MISSING_ID, options: { marker } }), input({ options: { marker } })];
    await notificationsSoFar();
    await expect(store.runs.createQueued(inputs, QUEUED_EVENT, { announce, wakeUp })).rejects.toThrow(/foreign key/);
    expect(await storedWith(marker)).toEqual({ runs: 0, events: 0 });
    expect(await notificationsSoFar()).toEqual([]);
  });
});

describe('RunRepository.completeWithEvent', () => {
  it('writes the result, the assignments and the final event together, once', async () => {
    const [{ run }] = await store.runs.createQueued([input()], QUEUED_EVENT, { announce, wakeUp });
    await store.runs.start(run.id);
    await store.events.append(run.id, { kind: 'progress', fraction: 0.5 });
    const succeeded = { kind: 'status', fraction: 1, message: 'SUCCEEDED', data: { status: 'SUCCEEDED', makespan: 0.1 + 0.2 } };
    await notificationsSoFar();
    const done = await store.runs.completeWithEvent(run.id, { makespan: 0.1 + 0.2, metrics, assignments, info: { generations: 12 } }, succeeded, { announce });

    // Events: QUEUED (1), the progress (2), then the final one: 3.
    expect(done).toMatchObject({ updated: true, run: { status: 'SUCCEEDED', makespan: 0.1 + 0.2, info: { generations: 12 }, error: null, lastEventSequence: 3 } });
    expect(done.run!.finishedAt).toBeInstanceOf(Date);
    expect(exactDifference(done.run!.metrics, metrics)).toBeNull();
    expect(exactDifference(await store.runs.assignments(run.id), assignments)).toBeNull();
    const events = await store.events.listAfter(run.id);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(done.event).toEqual(events[2]);
    expect(events[2]).toMatchObject({ kind: 'status', fraction: 1, message: 'SUCCEEDED', data: { status: 'SUCCEEDED', makespan: 0.1 + 0.2 } });
    expect(await store.runs.findById(run.id)).toEqual(done.run);
    expect(await notificationsSoFar()).toEqual([expectedAnnouncement(events[2]!)]);

    // A final run never changes again, and no second event is written or announced.
    expect(await store.runs.completeWithEvent(run.id, { makespan: 1, metrics, assignments: [] }, succeeded, { announce })).toMatchObject({ updated: false, run: { status: 'SUCCEEDED', makespan: 0.1 + 0.2 } });
    expect(await store.events.listAfter(run.id)).toHaveLength(3);
    expect(exactDifference(await store.runs.assignments(run.id), assignments)).toBeNull();
    expect(await notificationsSoFar()).toEqual([]);
  });

  it('writes nothing for a run that is not RUNNING (queued, cancelled, unknown)', async () => {
    const [{ run: queued }, { run: cancelled }] = await store.runs.createQueued([input(), input()], QUEUED_EVENT, { announce, wakeUp });
    await store.runs.start(cancelled.id);
    await store.runs.cancel(cancelled.id, 'by request');
    const event = { kind: 'status', message: 'SUCCEEDED', data: { status: 'SUCCEEDED' } };
    await notificationsSoFar();
    expect(await store.runs.completeWithEvent(queued.id, { makespan: 1, metrics, assignments }, event, { announce })).toMatchObject({ updated: false, run: { status: 'QUEUED' } });
    expect(await store.runs.completeWithEvent(cancelled.id, { makespan: 1, metrics, assignments }, event, { announce })).toMatchObject({ updated: false, run: { status: 'CANCELLED', makespan: null } });
    for (const id of [queued.id, cancelled.id]) {
      expect(await store.runs.assignments(id)).toBeNull();
      expect((await store.events.listAfter(id)).map((e) => e.sequence)).toEqual([1]);
    }
    expect(await store.runs.completeWithEvent(MISSING_ID, { makespan: 1, metrics, assignments }, event, { announce })).toEqual({ updated: false, run: null, claimed: [] });
    expect(await store.runs.completeWithEvent('nope', { makespan: 1, metrics, assignments }, event, { announce })).toEqual({ updated: false, run: null, claimed: [] });
    expect(await notificationsSoFar()).toEqual([]);
  });

  it('leaves the run RUNNING, without the event, when a part of the write fails', async () => {
    const [{ run }] = await store.runs.createQueued([input()], QUEUED_EVENT, { announce, wakeUp });
    await store.runs.start(run.id);
    await db.prisma.$executeRawUnsafe('ALTER TABLE run_assignments ADD CONSTRAINT refuse_all_queue CHECK (task_count < 0) NOT VALID');
    try {
      await notificationsSoFar();
      await expect(store.runs.completeWithEvent(run.id, { makespan: 1, metrics, assignments }, { kind: 'status', data: { status: 'SUCCEEDED' } }, { announce })).rejects.toThrow(/refuse_all_queue/);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE run_assignments DROP CONSTRAINT refuse_all_queue');
    }
    expect(await store.runs.findById(run.id)).toMatchObject({ status: 'RUNNING', makespan: null, finishedAt: null, lastEventSequence: 1 });
    expect(await store.events.listAfter(run.id)).toHaveLength(1);
    expect(await notificationsSoFar()).toEqual([]);
  });
});

describe('RunRepository.completeWithEvent with the next claim', () => {
  it('claims the next queued runs in the statement that completes a run, announcing every event as stored', async () => {
    while ((await store.runs.claimQueued('drain', 100, '{}')).length > 0);
    const [{ run: finishing }] = await store.runs.createQueued([input()], QUEUED_EVENT, { announce, wakeUp });
    await store.runs.start(finishing.id);
    const next = await store.runs.createQueued([input(), input(), input()], QUEUED_EVENT, { announce, wakeUp });
    await notificationsSoFar();
    const claim = { workerId: 'completing worker', limit: 2, statusEventData: '{"status":"RUNNING"}' };
    const succeeded = { kind: 'status', fraction: 1, message: 'SUCCEEDED', data: { status: 'SUCCEEDED', makespan: 2 } };
    const done = await store.runs.completeWithEvent(finishing.id, { makespan: 2, metrics, assignments }, succeeded, { announce, claim });

    // The finishing run: events 1 (QUEUED) and 2 (SUCCEEDED, no RUNNING event: started by start()).
    expect(done).toMatchObject({ updated: true, run: { id: finishing.id, status: 'SUCCEEDED', lastEventSequence: 2 } });
    // The two oldest queued runs claimed (limit 2), in queue order, RUNNING under the worker, with RUNNING events (2).
    // Queue order is (created_at, id): one statement's runs share created_at, so it is their ids' order.
    const queueOrder = next.map(({ run }) => run.id).sort();
    expect(done.claimed.map(({ run }) => run.id)).toEqual(queueOrder.slice(0, 2));
    for (const { run, event } of done.claimed) {
      expect(run).toMatchObject({ status: 'RUNNING', lastEventSequence: 2 });
      expect(event.sequence).toBe(2);
      expect(await store.runs.heartbeat('completing worker', [run.id])).toEqual(new Set([run.id]));
    }
    expect(await store.runs.findById(queueOrder[2]!)).toMatchObject({ status: 'QUEUED' });
    const finalEvent = (await store.events.listAfter(finishing.id, 1))[0]!;
    const runningEvents = await Promise.all(done.claimed.map(async ({ run }) => (await store.events.listAfter(run.id, 1))[0]!));
    expect(runningEvents.map((e) => [e.message, e.data])).toEqual([['RUNNING', { status: 'RUNNING' }], ['RUNNING', { status: 'RUNNING' }]]);
    const sent = await notificationsSoFar();
    expect(sent.sort(byRun)).toEqual([finalEvent, ...runningEvents].map(expectedAnnouncement).sort(byRun));

    // A refused guard (the run is final now) still claims: the worker's slot is free either way.
    const again = await store.runs.completeWithEvent(finishing.id, { makespan: 3, metrics, assignments: [] }, succeeded, { announce, claim });
    expect(again).toMatchObject({ updated: false, run: { status: 'SUCCEEDED', makespan: 2 } });
    expect(again.claimed.map(({ run }) => run.id)).toEqual([queueOrder[2]]);
    expect(await notificationsSoFar()).toHaveLength(1);
  });
});

describe('RunRepository.claimQueued with its announcements', () => {
  it('announces the RUNNING event of each claimed run from the claim, in claim order, as stored', async () => {
    while ((await store.runs.claimQueued('drain', 100, '{}')).length > 0);
    const queued = await store.runs.createQueued([input(), input(), input()], QUEUED_EVENT, { announce, wakeUp });
    await notificationsSoFar();
    const claimed = await store.runs.claimQueued('announcing worker', 10, '{"status":"RUNNING"}', announce);
    expect(claimed.map(({ run }) => run.id).sort()).toEqual(queued.map(({ run }) => run.id).sort());
    // Events 1 (QUEUED) and 2 (RUNNING); the announcements follow the claim's order (oldest first).
    const running = await Promise.all(claimed.map(async ({ run }) => (await store.events.listAfter(run.id, 1))[0]!));
    expect(running.map((e) => [e.sequence, e.message, e.data])).toEqual(claimed.map(() => [2, 'RUNNING', { status: 'RUNNING' }]));
    expect(await notificationsSoFar()).toEqual(running.map(expectedAnnouncement));
    expect(await store.runs.claimQueued('announcing worker', 10, '{"status":"RUNNING"}', announce)).toEqual([]);
    expect(await notificationsSoFar()).toEqual([]);
  });
});

function byRun(a: { payload: unknown }, b: { payload: unknown }): number {
  const [x, y] = [(a.payload as { runId: string }).runId, (b.payload as { runId: string }).runId];
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('RunRepository.problemDocuments', () => {
  it('reads the stored documents of a problem in one go, null where one is missing', async () => {
    const documents = await store.runs.problemDocuments(workflowId, clusterId);
    // The documents as their own repositories read them are the reference.
    const workflow = await store.workflows.findById(workflowId);
    const cluster = await store.clusters.findById(clusterId);
    expect(exactDifference(decodeWorkflow(documents.workflow!), workflow!.spec)).toBeNull();
    expect(exactDifference(decodeCluster(documents.cluster!), cluster!.spec)).toBeNull();

    const withoutWorkflow = await store.runs.problemDocuments(MISSING_ID, clusterId);
    expect(withoutWorkflow.workflow).toBeNull();
    expect(exactDifference(decodeCluster(withoutWorkflow.cluster!), cluster!.spec)).toBeNull();
    const withoutCluster = await store.runs.problemDocuments(workflowId, MISSING_ID);
    expect(withoutCluster.cluster).toBeNull();
    expect(withoutCluster.workflow).not.toBeNull();
    expect(await store.runs.problemDocuments('nope', clusterId)).toEqual({ workflow: null, cluster: null });
  });
});
