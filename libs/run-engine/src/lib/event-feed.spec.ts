import { createServer } from 'node:net';
import { createPrismaClient, createStore, type RunEventRecord, type Store } from '@hetsched/db';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProblem } from '../testing/problems.js';
import { silentLogger, CHANNELS } from './channels.js';
import { RunEventFeed } from './event-feed.js';
import { PgListener } from './pg-listener.js';
import { statusEvent } from './run-events.js';

/** The feed's silence check, short so that the test sees several while the database is "down". */
const SILENCE_MS = 50;

/** What Prisma rejects with when the server cannot be reached (a real one: a client on a port nothing listens on). */
async function unreachableError(): Promise<unknown> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const prisma = createPrismaClient(`postgresql://nobody:nothing@127.0.0.1:${port}/none`, { max: 1 });
  try {
    await prisma.runEvent.findMany({ take: 1 });
  } catch (error) {
    return error;
  } finally {
    await prisma.$disconnect();
  }
  throw new Error('a client on a closed port reached a server');
}

/**
 * The store as the feed sees it, with an outage switch: while `failure` is set, the reads the feed makes (a run's
 * events, the run) reject with it, as they would while PostgreSQL restarts. `refusals` counts them.
 */
function storeWithOutage(store: Store) {
  const state = { failure: undefined as unknown, refusals: 0 };
  const guard = <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (state.failure === undefined) return read(...args);
      state.refusals++;
      return Promise.reject(state.failure);
    };
  const view = {
    events: { ...store.events, listAfter: guard(store.events.listAfter.bind(store.events)) },
    runs: { ...store.runs, findRun: guard(store.runs.findRun.bind(store.runs)) },
  } as unknown as Pick<Store, 'events' | 'runs'>;
  return { view, state };
}

async function waitUntil(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('RunEventFeed across a database outage', () => {
  let db: TestDatabase;
  let store: Store;
  let listener: PgListener;
  let problem: { workflowId: string; clusterId: string };
  let unreachable: unknown;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createStore(db.connectionString, { max: 3 });
    listener = new PgListener(db.connectionString, Object.values(CHANNELS), silentLogger);
    await listener.start();
    problem = await storeProblem(store, 5, 2);
    unreachable = await unreachableError();
  });
  afterAll(async () => {
    await listener?.stop();
    await store?.close();
    await db?.drop();
  });

  const newRun = async () => (await store.runs.create({ ...problem, scheduler: 'heft', schedulerVersion: '1.0.0' })).id;

  it('keeps a waiting subscription through an outage and delivers what was stored meanwhile, each event once, in order', async () => {
    const runId = await newRun();
    await store.events.append(runId, statusEvent('QUEUED'));
    const { view, state } = storeWithOutage(store);
    const feed = new RunEventFeed(view, listener, SILENCE_MS);
    const iterator = feed.events(runId);
    try {
      const delivered: RunEventRecord[] = [(await iterator.next()).value as RunEventRecord];
      const rest = (async () => {
        for await (const event of iterator) delivered.push(event);
      })();
      // Stored without a NOTIFY: only the feed's silence checks can find these, and they fail while it is down.
      state.failure = unreachable;
      await store.events.append(runId, statusEvent('RUNNING'));
      await waitUntil('two refused silence checks', () => state.refusals >= 2);
      state.failure = undefined;
      await store.events.append(runId, statusEvent('SUCCEEDED', { makespan: 3 }));
      await rest;
      expect(delivered.map((e) => [e.sequence, e.data?.['status']])).toEqual([
        [1, 'QUEUED'],
        [2, 'RUNNING'],
        [3, 'SUCCEEDED'],
      ]);
    } finally {
      await iterator.return?.();
      feed.stop();
    }
  });

  it('still ends a subscription on an error that is not an outage', async () => {
    const runId = await newRun();
    await store.events.append(runId, statusEvent('QUEUED'));
    const { view, state } = storeWithOutage(store);
    const feed = new RunEventFeed(view, listener, SILENCE_MS);
    const iterator = feed.events(runId);
    try {
      expect((await iterator.next()).value).toMatchObject({ sequence: 1 });
      state.failure = new TypeError('a bug, not an outage');
      await expect(iterator.next()).rejects.toThrow('a bug, not an outage');
    } finally {
      await iterator.return?.();
      feed.stop();
    }
  });
});
