import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSchedule, type Assignment, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { paperExample, traces } from '../support/paths.js';
import { waitForRun } from '../support/runs.js';

const ADMIN = 'hs_e2e-admin-token-0123456789abcdef';

const SUBMIT = `mutation($input: SubmitWorkflowInput!) {
  submitWorkflow(input: $input) { created warnings workflow { id name taskCount } traceCluster { id processorCount } } }`;
const CREATE_CLUSTER = 'mutation($input: CreateClusterInput!) { createCluster(input: $input) { id } }';
const SCHEDULE = `mutation($w: ID!, $c: ID!) {
  scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id status makespan error assignments { task processor start finish } } }`;

interface Submitted {
  submitWorkflow: { created: boolean; warnings: string[]; workflow: { id: string; name: string | null; taskCount: number }; traceCluster: { id: string; processorCount: number } | null };
}
interface Scheduled {
  scheduleWorkflow: { id: string; status: string; makespan: number | null; error: string | null; assignments: Assignment[] | null };
}

let database: E2eDatabase;
let api: ApiProcess;
const runIds: string[] = [];

function gql<T>(query: string, variables: Record<string, unknown> = {}, token: string | null = ADMIN) {
  return graphqlRequest<T>(api.url, query, variables, token);
}

beforeAll(async () => {
  database = await createE2eDatabase();
  api = await startApiProcess({ env: { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN } });
});

afterAll(async () => {
  const exit = await api?.stop();
  // A clean, signalled shutdown exits 0 (graceful: in-flight requests finished, database closed).
  expect(exit?.code).toBe(0);
  await database?.drop();
});

async function scheduleChecked(workflowId: string, clusterId: string): Promise<Scheduled['scheduleWorkflow']> {
  // Runs are queued: the mutation returns the QUEUED run and the API's in-process worker executes it.
  const queued = dataOf(await gql<Scheduled>(SCHEDULE, { w: workflowId, c: clusterId })).scheduleWorkflow;
  runIds.push(queued.id);
  const run = await waitForRun<Scheduled['scheduleWorkflow']>(api.url, queued.id, ADMIN, 'id status makespan error assignments { task processor start finish }');
  expect(run.status, run.error ?? '').toBe('SUCCEEDED');
  // The independent checker, on the documents as the API gives them back.
  const docs = dataOf(
    await gql<{ workflow: { document: WorkflowSpec }; cluster: { document: ClusterSpec } }>(
      'query($w: ID!, $c: ID!) { workflow(id: $w) { document } cluster(id: $c) { document } }',
      { w: workflowId, c: clusterId },
    ),
  );
  const check = checkSchedule(docs.workflow.document, docs.cluster.document, run.assignments!);
  expect(check.violations).toEqual([]);
  return run;
}

describe('the API process, as a client uses it', () => {
  let paperWorkflow: string;
  let paperCluster: string;

  it('schedules the HEFT paper example: makespan 80, the published schedule', async () => {
    paperWorkflow = dataOf(await gql<Submitted>(SUBMIT, { input: { document: readFileSync(`${paperExample}workflow.json`, 'utf8') } })).submitWorkflow.workflow.id;
    paperCluster = dataOf(await gql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: readFileSync(`${paperExample}cluster.json`, 'utf8') } }))
      .createCluster.id;
    const run = await scheduleChecked(paperWorkflow, paperCluster);
    expect(run.makespan).toBe(80);
    const expected = JSON.parse(readFileSync(`${paperExample}expected-heft.json`, 'utf8')) as { assignments: Assignment[] };
    const byTask = (list: Assignment[]) => [...list].sort((a, b) => a.task.localeCompare(b.task));
    expect(byTask(run.assignments!)).toEqual(byTask(expected.assignments));
  });

  const wfTraces = readdirSync(traces).filter((f) => f.endsWith('.json'));
  it.each(wfTraces)('imports the WfFormat trace %s with its machines and schedules it with HEFT', async (file) => {
    const submitted = dataOf(await gql<Submitted>(SUBMIT, { input: { document: readFileSync(join(traces, file), 'utf8'), format: 'WFFORMAT', tags: ['trace'] } }))
      .submitWorkflow;
    expect(submitted.workflow.taskCount).toBeGreaterThan(0);
    expect(submitted.traceCluster).not.toBeNull();
    const run = await scheduleChecked(submitted.workflow.id, submitted.traceCluster!.id);
    expect(run.makespan).toBeGreaterThan(0);
  });

  const daxTraces = readdirSync(join(traces, 'dax')).filter((f) => f.endsWith('.xml'));
  it.each(daxTraces)('imports the DAX %s and schedules it with HEFT on a created cluster', async (file) => {
    const submitted = dataOf(await gql<Submitted>(SUBMIT, { input: { document: readFileSync(join(traces, 'dax', file), 'utf8'), format: 'DAX' } })).submitWorkflow;
    expect(submitted.traceCluster).toBeNull();
    const cluster = dataOf(
      await gql<{ createCluster: { id: string } }>(CREATE_CLUSTER, {
        input: { cluster: { name: 'four', processors: [1, 1.5, 2, 3].map((speed, i) => ({ id: `p${i}`, speed })), network: { bandwidth: 100 } } },
      }),
    ).createCluster.id;
    await scheduleChecked(submitted.workflow.id, cluster);
  });

  it('pages through the whole history with cursors, without duplicates or gaps', async () => {
    for (let i = 0; i < 5; i++) await scheduleChecked(paperWorkflow, paperCluster);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { scheduleRuns: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = dataOf(
        await gql('query($after: String) { scheduleRuns(first: 3, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }', { after }),
      );
      seen.push(...page.scheduleRuns.edges.map((e) => e.node.id));
      if (!page.scheduleRuns.pageInfo.hasNextPage) break;
      after = page.scheduleRuns.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...runIds].sort());
  });

  it('returns the first workflow for a repeated idempotency key', async () => {
    const input = { document: readFileSync(`${paperExample}workflow.json`, 'utf8'), idempotencyKey: 'e2e-key' };
    const first = dataOf(await gql<Submitted>(SUBMIT, { input })).submitWorkflow;
    const second = dataOf(await gql<Submitted>(SUBMIT, { input })).submitWorkflow;
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.workflow.id).toBe(first.workflow.id);
  });
});

describe('the API process, on every error path', () => {
  const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.['code'];

  it('refuses an invalid workflow with its JSON path and task', async () => {
    const workflow = JSON.parse(readFileSync(`${paperExample}workflow.json`, 'utf8')) as WorkflowSpec;
    workflow.edges.push({ from: 'n10', to: 'n99', data: 1 });
    const result = await gql(SUBMIT, { input: { document: JSON.stringify(workflow) } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe('input.document: $.edges[15].to: edge to unknown task "n99"');
  });

  it('reports unknown ids as NOT_FOUND', async () => {
    const result = await gql('{ scheduleRun(id: "00000000-0000-7000-8000-000000000000") { id } }');
    expect(codeOf(result)).toBe('NOT_FOUND');
  });

  it('wants a token (UNAUTHENTICATED) of the right role (FORBIDDEN)', async () => {
    const anonymous = await gql('{ schedulers { name } }', {}, null);
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const reader = dataOf(await gql<{ createApiToken: { token: string } }>('mutation { createApiToken(name: "e2e reader", role: READER) { token } }'))
      .createApiToken.token;
    // Every installed plugin of the workspace, found by discovery, by name.
    const names = dataOf(await gql<{ schedulers: { name: string }[] }>('{ schedulers { name } }', {}, reader)).schedulers.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['cpop', 'deepsched', 'exact', 'heft', 'hybrid-ga', 'peft']));
    expect(codeOf(await gql(CREATE_CLUSTER, { input: { document: readFileSync(`${paperExample}cluster.json`, 'utf8') } }, reader))).toBe('FORBIDDEN');
  });

  it('refuses too deep and too complex queries', async () => {
    const deep = '{ scheduleRuns { edges { node { workflow { runs { edges { node { workflow { runs { edges { node { workflow { id } } } } } } } } } } } } }';
    expect(codeOf(await gql(deep))).toBe('QUERY_TOO_DEEP');
    const complex = '{ scheduleRuns(first: 100) { edges { node { ganttSvg assignments { task } workflow { document } } } } }';
    expect(codeOf(await gql(complex))).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers a request over the 64 MiB default limit with 413', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ query: SUBMIT, variables: { input: { document: 'x'.repeat(65 * 1024 * 1024) } } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('is healthy and ready', async () => {
    expect((await fetch(`${api.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.origin}/readyz`)).status).toBe(200);
  });
});

describe('the API process without DATABASE_URL', () => {
  it('starts an embedded PostgreSQL, prints a generated admin token once, and stops both on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hetsched-api-e2e-'));
    const server = await startApiProcess({ cwd, env: { DATABASE_URL: undefined, HETSCHED_ADMIN_TOKEN: undefined }, timeoutMs: 120_000 });
    try {
      const token = /^\s+(hs_\S+)$/m.exec(server.stderr())?.[1];
      expect(token).toBeDefined();
      const viewer = dataOf(await graphqlRequest<{ viewer: { role: string } }>(server.url, '{ viewer { role } }', {}, token!));
      expect(viewer.viewer.role).toBe('ADMIN');
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
    // Started again on the same folder: the data is still there, and no second token is generated.
    const again = await startApiProcess({ cwd, env: { DATABASE_URL: undefined, HETSCHED_ADMIN_TOKEN: undefined }, timeoutMs: 120_000 });
    try {
      expect(again.stderr()).not.toMatch(/hs_/);
    } finally {
      expect((await again.stop()).code).toBe(0);
    }
  });
});
