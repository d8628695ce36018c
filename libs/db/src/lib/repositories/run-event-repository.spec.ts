import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterOf } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';

let db: TestDatabase;
let store: Store;
let runId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
  const workflowId = (await store.workflows.create({ spec: { tasks: [{ id: 'a', work: 1 }], edges: [] } })).workflow.id;
  const clusterId = (await store.clusters.create({ spec: clusterOf(2) })).id;
  runId = (await store.runs.create({ workflowId, clusterId, scheduler: 'ga', schedulerVersion: '1' })).id;
});
afterAll(() => db.drop());

describe('RunEventRepository', () => {
  it('numbers events 1, 2, 3... and keeps their data exactly', async () => {
    const first = await store.events.append(runId, { kind: 'status', message: 'started' });
    const second = await store.events.append(runId, {
      kind: 'progress',
      fraction: 0.25,
      data: { generation: 10, bestMakespan: 0.1 + 0.2, improvementOverHeft: -0, label: 'x', done: false, none: null },
    });
    expect(first).toMatchObject({ runId, sequence: 1, kind: 'status', message: 'started', fraction: null, data: null });
    expect(second).toMatchObject({ sequence: 2, fraction: 0.25 });
    const [, back] = await store.events.listAfter(runId, 0);
    expect(Object.keys(back!.data!)).toEqual(['generation', 'bestMakespan', 'improvementOverHeft', 'label', 'done', 'none']);
    expect(back!.data!['bestMakespan']).toBe(0.30000000000000004);
    expect(Object.is(back!.data!['improvementOverHeft'], -0)).toBe(true);
    expect((await store.runs.findById(runId))!.lastEventSequence).toBe(2);
  });

  it('gives concurrent appends distinct, gapless sequence numbers', async () => {
    const before = (await store.runs.findById(runId))!.lastEventSequence;
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => store.events.append(runId, { kind: 'progress', fraction: i / 40 })));
    const sequences = appended.map((e) => e!.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 40 }, (_, i) => before + 1 + i));
  });

  it('lists the events after a sequence number, oldest first, a page at a time', async () => {
    const all = await store.events.listAfter(runId, 0, 1000);
    expect(all.map((e) => e.sequence)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const page = await store.events.listAfter(runId, 5, 3);
    expect(page.map((e) => e.sequence)).toEqual([6, 7, 8]);
    expect(await store.events.listAfter(runId, all.length)).toEqual([]);
  });

  it('refuses events of unknown runs', async () => {
    expect(await store.events.append('0190b5d2-0000-7000-8000-000000000000', { kind: 'log' })).toBeNull();
    expect(await store.events.append('bad', { kind: 'log' })).toBeNull();
    expect(await store.events.listAfter('bad')).toEqual([]);
  });
});
