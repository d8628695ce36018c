import 'reflect-metadata';
import { isObjectType } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiSchema } from '../schema/build-schema.js';
import { dataOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper, SCHEDULE, SUBMIT_DOCUMENT } from '../testing/fixtures.js';
import { FreshSnapshots, isStoreRead, MAX_KEY_LENGTH, STORE_DERIVED_TYPES } from './response-cache.js';

/** Attempts at a repeated request served again while other suites commit on the same PostgreSQL server. */
const HIT_TRIES = 300;

const HISTORY = `query History($first: Int!) {
  scheduleRuns(first: $first) { edges { cursor node { id status makespan workflow { name } cluster { name } } } pageInfo { hasNextPage } }
}`;

describe('which queries are store reads', () => {
  it('admits reads of stored runs, workflows and clusters, with fragments and __typename', async () => {
    const schema = await buildApiSchema();
    expect(isStoreRead(schema, HISTORY)).toBe(true);
    expect(isStoreRead(schema, '{ workflow(id: "x") { name runs(first: 5) { edges { node { id metrics { makespan } } } } } }')).toBe(true);
    expect(isStoreRead(schema, 'query { clusters { edges { node { ...C } } } } fragment C on Cluster { __typename id processors { id } }')).toBe(true);
  });

  it('refuses mutations, subscriptions, reads of memory or the caller, introspection, unknown fields and broken text', async () => {
    const schema = await buildApiSchema();
    expect(isStoreRead(schema, 'mutation { setSchedulerEnabled(name: "heft", enabled: true) { name } }')).toBe(false);
    expect(isStoreRead(schema, 'subscription { runStatusChanged { id } }')).toBe(false);
    expect(isStoreRead(schema, '{ schedulers { name } }')).toBe(false);
    expect(isStoreRead(schema, '{ viewer { name } }')).toBe(false);
    expect(isStoreRead(schema, '{ run(id: "x") { id } }')).toBe(false);
    expect(isStoreRead(schema, '{ __schema { types { name } } }')).toBe(false);
    // A store read beside a memory read in one document, or inside a fragment.
    expect(isStoreRead(schema, '{ scheduleRuns { edges { cursor } } schedulers { name } }')).toBe(false);
    expect(isStoreRead(schema, 'query A { scheduleRuns { edges { cursor } } } mutation B { setSchedulerEnabled(name: "heft", enabled: true) { name } }')).toBe(false);
    expect(isStoreRead(schema, '{ scheduleRuns { edges { ...E } } } fragment E on ScheduleRunEdge { cursor nope }')).toBe(false);
    expect(isStoreRead(schema, '{ scheduleRuns {')).toBe(false);
  });

  it('knows every field of the types it serves again (a new field must be judged: is it a function of the stored rows?)', async () => {
    const schema = await buildApiSchema();
    const fields = Object.fromEntries(
      [...STORE_DERIVED_TYPES].sort().map((name) => {
        const type = schema.getType(name);
        if (!isObjectType(type)) throw new Error(`${name} is not an object type of the schema`);
        return [name, Object.keys(type.getFields()).sort().join(' ')];
      }),
    );
    // If this fails after a field was added to one of these types: add it here if its value depends only on rows of
    // the database (and arguments), or take the type out of STORE_DERIVED_TYPES (response-cache.ts).
    expect(fields).toEqual({
      Assignment: 'finish processor start task',
      Cluster: 'contentHash createdAt document id linkCount name network processorCount processors tags',
      ClusterConnection: 'edges pageInfo',
      ClusterEdge: 'cursor node',
      Network: 'bandwidth latency links',
      PageInfo: 'endCursor hasNextPage',
      Processor: 'cores id memoryGb speed type',
      ProcessorUtilisation: 'processor utilisation',
      ScheduleMetrics: 'averageTurnaround efficiency makespan slr speedup utilisation',
      ScheduleRun:
        'assignments cluster clusterId comparisonId createdAt error finishedAt ganttSvg id info kind makespan metrics modelVersion options scheduler schedulerVersion startedAt status workflow workflowId',
      ScheduleRunConnection: 'edges pageInfo',
      ScheduleRunEdge: 'cursor node',
      Task: 'costs id memoryGb priority work',
      TaskDependency: 'data from to',
      Workflow: 'contentHash createdAt document edgeCount edges id name runs tags taskCount tasks',
      WorkflowConnection: 'edges pageInfo',
      WorkflowEdge: 'cursor node',
    });
  });
});

describe('FreshSnapshots', () => {
  it('answers each caller with a read that started after it asked, sharing reads among callers', async () => {
    const started: { resolve: (value: string) => void }[] = [];
    const snapshots = new FreshSnapshots(() => new Promise<string>((resolve) => started.push({ resolve })));
    const first = snapshots.next();
    expect(started).toHaveLength(1);
    // Asked while the first read runs: both wait for a second read, started once the first ends.
    const second = snapshots.next();
    const third = snapshots.next();
    expect(started).toHaveLength(1);
    started[0]!.resolve('s1');
    expect(await first).toBe('s1');
    await Promise.resolve();
    expect(started).toHaveLength(2);
    started[1]!.resolve('s2');
    expect(await second).toBe('s2');
    expect(await third).toBe('s2');
    // Nothing running: a new read at once.
    const fourth = snapshots.next();
    expect(started).toHaveLength(3);
    started[2]!.resolve('s3');
    expect(await fourth).toBe('s3');
  });

  it('passes a failed read to its callers and reads again for the next', async () => {
    let calls = 0;
    const snapshots = new FreshSnapshots(() => (++calls === 1 ? Promise.reject(new Error('connection lost')) : Promise.resolve(`s${calls}`)));
    await expect(snapshots.next()).rejects.toThrow('connection lost');
    expect(await snapshots.next()).toBe('s2');
  });
});

describe('answers served again over HTTP', () => {
  let api: TestApi;
  const logLines: Record<string, unknown>[] = [];
  let workflowId: string;
  let clusterId: string;

  beforeAll(async () => {
    const { pino } = await import('pino');
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
    api = await startTestApi({ logger });
    workflowId = dataOf(await api.graphql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } })).submitWorkflow
      .workflow.id;
    clusterId = dataOf(await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: paper.clusterText } })).createCluster.id;
    await scheduleAndWait();
  });
  afterAll(async () => {
    await api?.close();
  });

  async function scheduleAndWait(): Promise<string> {
    const id = dataOf(await api.graphql<{ scheduleWorkflow: { id: string } }>(SCHEDULE, { workflowId, clusterId })).scheduleWorkflow.id;
    expect(await api.waitForRun(id)).toBe('SUCCEEDED');
    return id;
  }

  /** The raw answer and whether the request log says it came from the cache. */
  async function post(query: string, variables: Record<string, unknown> = {}, token = TEST_ADMIN_TOKEN) {
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const requestId = response.headers.get('x-request-id');
    // The log line is written when the response finished; fetch may see the body a moment before.
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !(line = logLines.find((l) => l['requestId'] === requestId && l['msg'] === 'request')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!line) throw new Error(`no request log line for ${requestId}`);
    return { status: response.status, type: response.headers.get('content-type'), text, cached: line['cached'] === true, operation: line['operation'] };
  }

  it('serves a repeated history page from the cache, byte for byte, until something is committed', async () => {
    // Whatever else commits meanwhile (other suites share the PostgreSQL server: any commit there is a miss here), a
    // hit needs one quiet moment between two requests; up to HIT_TRIES pairs a few milliseconds apart find one.
    let first = await post(HISTORY, { first: 20 });
    let again = await post(HISTORY, { first: 20 });
    for (let i = 0; i < HIT_TRIES && !again.cached; i++) {
      first = again;
      again = await post(HISTORY, { first: 20 });
    }
    expect(again).toMatchObject({ status: 200, cached: true, operation: 'History', type: first.type });
    expect(again.text).toBe(first.text);

    const newRun = await scheduleAndWait();
    const after = await post(HISTORY, { first: 20 });
    expect(after.cached).toBe(false);
    expect(after.text).toContain(newRun);
    expect(first.text).not.toContain(newRun);
  });

  it("sees another connection's commit at once: the run deleted there is gone from the next answer", async () => {
    const client = new pg.Client({ connectionString: api.connectionString });
    await client.connect();
    try {
      for (let round = 0; round < 3; round++) {
        const id = await scheduleAndWait();
        // Served once more so that the answer with the run is in the cache.
        await post(HISTORY, { first: 50 });
        expect((await post(HISTORY, { first: 50 })).text).toContain(id);
        await client.query('DELETE FROM runs WHERE id = $1', [id]);
        const after = await post(HISTORY, { first: 50 });
        expect(after.cached).toBe(false);
        expect(after.text).not.toContain(id);
      }
    } finally {
      await client.end();
    }
  });

  it("keeps answers per token: another caller's first request is computed for it", async () => {
    const reader = await api.tokenFor('READER');
    let hit = false;
    for (let i = 0; i < HIT_TRIES && !hit; i++) hit = (await post(HISTORY, { first: 7 })).cached;
    expect(hit).toBe(true);
    const asReader = await post(HISTORY, { first: 7 }, reader);
    expect(asReader.cached).toBe(false);
  });

  it('never serves again what is not a store read, an answer with errors, or a request with a key past MAX_KEY_LENGTH', async () => {
    for (const query of ['{ schedulers { name } }', '{ viewer { name role } }', '{ scheduleRun(id: "00000000-0000-0000-0000-000000000000") { id } }']) {
      const answers = [await post(query), await post(query), await post(query)];
      expect(answers.map((answer) => answer.cached)).toEqual([false, false, false]);
    }
    const missing = await post('{ scheduleRun(id: "00000000-0000-0000-0000-000000000000") { id } }');
    expect(JSON.parse(missing.text)).toHaveProperty('errors');
    // A key longer than MAX_KEY_LENGTH (here by a variable no operation declares) is never kept: keys cannot fill memory.
    const padded = { first: 3, padding: 'x'.repeat(MAX_KEY_LENGTH) };
    const long = [await post(HISTORY, padded), await post(HISTORY, padded), await post(HISTORY, padded)];
    expect(long.map((answer) => [answer.status, answer.cached])).toEqual([
      [200, false],
      [200, false],
      [200, false],
    ]);
  });
});

describe('with the cache off (HETSCHED_RESPONSE_CACHE=false)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ responseCache: false });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('executes every request', async () => {
    for (let i = 0; i < 5; i++) dataOf(await api.graphql(HISTORY, { first: 5 }));
    const metrics = await (await fetch(`${api.server.origin}/metrics`)).text();
    expect(metrics).not.toMatch(/^hetsched_graphql_response_cache_total\{[^}]*\} [1-9]/m);
  });
});
