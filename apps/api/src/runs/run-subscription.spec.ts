import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper, SCHEDULE, SUBMIT_DOCUMENT } from '../testing/fixtures.js';


interface ProgressEvent {
  sequence: number;
  cursor: string;
  kind: string;
  status: string | null;
  final: boolean;
  data: Record<string, unknown> | null;
}

const PROGRESS = `subscription($runId: ID!, $after: String) {
  runProgress(runId: $runId, after: $after) { sequence cursor kind status final data }
}`;

function wsClient(api: TestApi, token: string | null = TEST_ADMIN_TOKEN): Client {
  return createClient({
    url: api.server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Every event of one subscription until it completes (or errors). */
function follow<T>(client: Client, query: string, variables: Record<string, unknown>, stopAfter?: (value: T) => boolean): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const values: T[] = [];
    const dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) {
            reject(new Error(result.errors.map((e) => e.message).join('; ')));
            return;
          }
          const value = Object.values(result.data as Record<string, T>)[0]!;
          values.push(value);
          if (stopAfter?.(value)) {
            dispose();
            resolve(values);
          }
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(values),
      },
    );
  });
}

describe('queued runs, cancelRun and subscriptions over graphql-ws', () => {
  let api: TestApi;
  let workflowId: string;
  let clusterId: string;
  let client: Client;

  beforeAll(async () => {
    api = await startTestApi({ runEngine: { worker: { concurrency: 1 }, reapIntervalMs: 0 }, keepAliveMs: 1_000 });
    workflowId = dataOf(await api.graphql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } }))
      .submitWorkflow.workflow.id;
    clusterId = dataOf(await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: paper.clusterText } })).createCluster.id;
    client = wsClient(api);
  });
  afterAll(async () => {
    await client?.dispose();
    await api?.close();
  });

  it('queues a GA run and streams its events in order, then resumes from a cursor', async () => {
    const run = dataOf(
      await api.graphql<{ scheduleWorkflow: { id: string; status: string } }>(SCHEDULE, {
        workflowId,
        clusterId,
        scheduler: 'hybrid-ga',
        options: { timeBudgetMs: 0, generations: 30, threads: 1 }, // a generation limit: a short budget can end before generation 1 on a loaded machine
      }),
    ).scheduleWorkflow;
    expect(run.status).toBe('QUEUED');
    const events = await follow<ProgressEvent>(client, PROGRESS, { runId: run.id });
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.status).filter(Boolean)).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    expect(events.at(-1)!.final).toBe(true);
    expect(events.some((e) => e.kind === 'progress' && typeof e.data?.['generation'] === 'number')).toBe(true);

    const resumed = await follow<ProgressEvent>(client, PROGRESS, { runId: run.id, after: events[1]!.cursor });
    expect(resumed.map((e) => e.sequence)).toEqual(events.slice(2).map((e) => e.sequence));

    const stored = dataOf(await api.graphql<{ scheduleRun: { status: string; makespan: number } }>('query($id: ID!) { scheduleRun(id: $id) { status makespan } }', { id: run.id }));
    expect(stored.scheduleRun.status).toBe('SUCCEEDED');
    expect(stored.scheduleRun.makespan).toBeLessThanOrEqual(80);
  });

  it('cancels a running run; a final run cannot be cancelled', async () => {
    const run = dataOf(
      await api.graphql<{ scheduleWorkflow: { id: string } }>(SCHEDULE, { workflowId, clusterId, scheduler: 'hybrid-ga', options: { timeBudgetMs: 60_000, generations: 10_000_000, threads: 1 } }),
    ).scheduleWorkflow;
    const statuses = follow<{ id: string; status: string }>(client, 'subscription($f: RunStatusFilter) { runStatusChanged(filter: $f) { id status } }', { f: { runIds: [run.id] } }, (r) => r.status === 'CANCELLED');
    await follow<ProgressEvent>(client, PROGRESS, { runId: run.id }, (e) => e.kind === 'progress');
    const cancelled = dataOf(await api.graphql<{ cancelRun: { status: string } }>('mutation($id: ID!) { cancelRun(id: $id) { status } }', { id: run.id }));
    expect(cancelled.cancelRun.status).toBe('CANCELLED');
    expect((await statuses).at(-1)).toEqual({ id: run.id, status: 'CANCELLED' });
    const again = await api.graphql('mutation($id: ID!) { cancelRun(id: $id) { status } }', { id: run.id });
    expect(errorOf(again).extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('compareSchedulers queues one run per scheduler', async () => {
    const compared = dataOf(
      await api.graphql<{ compareSchedulers: { runs: { id: string; status: string; scheduler: string }[]; best: unknown } }>(
        `mutation($w: ID!, $c: ID!) { compareSchedulers(workflowId: $w, clusterId: $c, schedulers: [{ scheduler: "heft" }, { scheduler: "hybrid-ga", options: { timeBudgetMs: 200, threads: 1 } }]) { runs { id status scheduler } best { id } } }`,
        { w: workflowId, c: clusterId },
      ),
    ).compareSchedulers;
    expect(compared.runs.map((r) => [r.scheduler, r.status])).toEqual([
      ['heft', 'QUEUED'],
      ['hybrid-ga', 'QUEUED'],
    ]);
    for (const run of compared.runs) {
      const events = await follow<ProgressEvent>(client, PROGRESS, { runId: run.id });
      expect(events.at(-1)!.status).toBe('SUCCEEDED');
    }
  });

  it('refuses a subscription without a valid token, and one over the operation limits', async () => {
    const anonymous = wsClient(api, 'hs_not-a-token');
    await expect(follow(anonymous, PROGRESS, { runId: '00000000-0000-0000-0000-000000000000' })).rejects.toBeDefined();
    await anonymous.dispose();
    const deep = `subscription { runStatusChanged { workflow { runs { edges { node { workflow { runs { edges { node { workflow { runs { edges { node { id } } } } } } } } } } } } } }`;
    await expect(follow(client, deep, {})).rejects.toThrow(/too deep/);
  });

  it('masks an unexpected error in a subscription as over HTTP: a fixed message and INTERNAL_SERVER_ERROR, no internals', async () => {
    const run = dataOf(await api.graphql<{ scheduleWorkflow: { id: string } }>(SCHEDULE, { workflowId, clusterId, scheduler: 'heft' })).scheduleWorkflow;
    expect(await api.waitForRun(run.id)).toBe('SUCCEEDED');
    // Reading the run's stored events now fails inside Prisma, as a broken database would make it fail.
    const db = new pg.Client({ connectionString: api.connectionString });
    await db.connect();
    await db.query('ALTER TABLE run_events RENAME TO run_events_hidden');
    try {
      const failure = await follow(client, PROGRESS, { runId: run.id }).then(
        () => null,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(failure).toMatch(/internal server error/);
      expect(failure).not.toMatch(/run_events|prisma|invocation/i);
    } finally {
      await db.query('ALTER TABLE run_events_hidden RENAME TO run_events');
      await db.end();
    }
  });

  it('disables and re-enables a scheduler (admin only); registerSchedulerPlugin refuses paths', async () => {
    const off = await api.graphql<{ setSchedulerEnabled: { name: string; enabled: boolean } }>('mutation { setSchedulerEnabled(name: "heft", enabled: false) { name enabled } }');
    expect(dataOf(off).setSchedulerEnabled).toEqual({ name: 'heft', enabled: false });
    const refused = await api.graphql(SCHEDULE, { workflowId, clusterId });
    expect(errorOf(refused).message).toMatch(/disabled/);
    dataOf(await api.graphql('mutation { setSchedulerEnabled(name: "heft", enabled: true) { enabled } }'));
    const path = await api.graphql('mutation { registerSchedulerPlugin(package: "../../etc/evil") { name } }');
    expect(errorOf(path).extensions?.['code']).toBe('BAD_USER_INPUT');
    const again = await api.graphql<{ registerSchedulerPlugin: { name: string } }>('mutation { registerSchedulerPlugin(package: "@hetsched/scheduler-heft") { name enabled } }');
    expect(dataOf(again).registerSchedulerPlugin).toMatchObject({ name: 'heft', enabled: true });
  });
});
