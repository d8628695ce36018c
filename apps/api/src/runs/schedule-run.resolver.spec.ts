import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper, SCHEDULE, SUBMIT_DOCUMENT } from '../testing/fixtures.js';
import { traces } from '../testing/paths.js';

interface Run {
  id: string;
  status: string;
  scheduler: string;
  makespan: number | null;
  error: string | null;
  options: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

let api: TestApi;
let workflowId: string;
let clusterId: string;

beforeAll(async () => {
  api = await startTestApi();
  workflowId = dataOf(await api.graphql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } }))
    .submitWorkflow.workflow.id;
  clusterId = dataOf(await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: paper.clusterText } })).createCluster.id;
});
afterAll(async () => {
  await api?.close();
});

async function countRows(table: 'runs' | 'clusters' | 'workflows'): Promise<number> {
  const client = new pg.Client({ connectionString: api.connectionString });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]!.count);
  } finally {
    await client.end();
  }
}

const countRuns = () => countRows('runs');

async function schedule(variables: Record<string, unknown> = {}) {
  return api.graphql<{ scheduleWorkflow: Run }>(SCHEDULE, { workflowId, clusterId, ...variables });
}

const RUN = 'query($id: ID!) { scheduleRun(id: $id) { id status scheduler schedulerVersion makespan error options createdAt startedAt finishedAt } }';

/** Schedules, lets the in-process worker run it, and reads the run as it ended. */
async function scheduled(variables: Record<string, unknown> = {}): Promise<Run> {
  const queued = dataOf(await schedule(variables)).scheduleWorkflow;
  expect(queued.status).toBe('QUEUED');
  await api.waitForRun(queued.id);
  return dataOf(await api.graphql<{ scheduleRun: Run }>(RUN, { id: queued.id })).scheduleRun;
}

describe('scheduleWorkflow', () => {
  it('queues the HEFT paper example; a worker schedules it exactly as published, with metrics and a Gantt chart', async () => {
    const run = await scheduled();
    expect(run).toMatchObject({ status: 'SUCCEEDED', scheduler: 'heft', makespan: 80, error: null, options: {} });
    expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt!));

    const expected = paper.expected;
    const read = dataOf(
      await api.graphql<{
        scheduleRun: {
          assignments: { task: string; processor: string; start: number; finish: number }[];
          metrics: { makespan: number; slr: number; speedup: number; efficiency: number; utilisation: { processor: string; utilisation: number }[] };
          ganttSvg: string;
          workflow: { id: string };
          cluster: { id: string };
        };
      }>(
        `query($id: ID!) { scheduleRun(id: $id) {
          assignments { task processor start finish }
          metrics { makespan slr speedup efficiency utilisation { processor utilisation } }
          ganttSvg
          workflow { id } cluster { id }
        } }`,
        { id: run.id },
      ),
    ).scheduleRun;
    const byTask = <T extends { task: string }>(list: T[]) => [...list].sort((a, b) => a.task.localeCompare(b.task));
    expect(byTask(read.assignments)).toEqual(byTask(expected.assignments));
    expect(read.metrics.makespan).toBe(80);
    expect(read.metrics.slr).toBeCloseTo(expected.metrics['slr']!, 12);
    expect(read.metrics.speedup).toBeCloseTo(expected.metrics['speedup']!, 12);
    expect(read.metrics.utilisation.map((u) => u.processor)).toEqual(['p1', 'p2', 'p3']);
    expect(read.ganttSvg).toMatch(/^<svg|^<\?xml/);
    expect(read.ganttSvg).toContain('heft, makespan 80');
    for (const a of expected.assignments) expect(read.ganttSvg).toContain(`>${a.task}<`);
    expect(read.workflow.id).toBe(workflowId);
    expect(read.cluster.id).toBe(clusterId);
  });

  it('refuses invalid requests before storing anything', async () => {
    const before = await countRuns();
    const options = errorOf(await schedule({ options: { generations: 5 } }));
    expect(options).toMatchObject({ code: 'BAD_USER_INPUT', message: 'options: $.generations: unknown option; known options: (none)' });
    const unknown = errorOf(await schedule({ scheduler: 'nope' }));
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(unknown.message).toMatch(/^scheduler: unknown scheduler "nope"; available: crashing, heft, hybrid-ga, overlapping, slow$/);
    expect(errorOf(await schedule({ scheduler: 'disabled' })).message).toBe('scheduler: scheduler "disabled" is disabled');
    const slow = errorOf(await schedule({ scheduler: 'slow', options: { delayMs: -1 } }));
    expect(slow.message).toBe('options: $.delayMs: must be between 0 and 60000, got -1');
    expect(errorOf(await schedule({ workflowId: '00000000-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');
    expect(errorOf(await schedule({ clusterId: '00000000-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');

    // Costs for p1..p3 only: a cluster with a fourth processor cannot run the paper's tasks.
    const bigger = dataOf(
      await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, {
        input: { cluster: { processors: ['p1', 'p2', 'p3', 'p4'].map((id) => ({ id })) } },
      }),
    ).createCluster.id;
    const mismatch = errorOf(await schedule({ clusterId: bigger }));
    expect(mismatch.code).toBe('BAD_USER_INPUT');
    expect(mismatch.message).toMatch(/^workflow on this cluster: \$\.tasks\[0\]\.costs: task "n1" has no cost for processor "p4" and no "work" to fall back on/);
    expect(await countRuns()).toBe(before);
  });

  it('records a scheduler that crashes or returns an invalid schedule as a FAILED run', async () => {
    const crashed = await scheduled({ scheduler: 'crashing' });
    expect(crashed).toMatchObject({ status: 'FAILED', makespan: null, error: 'TypeError: boom inside the scheduler' });
    const invalid = await scheduled({ scheduler: 'overlapping' });
    expect(invalid.status).toBe('FAILED');
    expect(invalid.error).toMatch(/^InvalidScheduleError: scheduler "overlapping" produced an invalid schedule/);
    const read = dataOf(
      await api.graphql<{ scheduleRun: { status: string; assignments: null; metrics: null; ganttSvg: null } }>(
        'query($id: ID!) { scheduleRun(id: $id) { status assignments { task } metrics { makespan } ganttSvg } }',
        { id: invalid.id },
      ),
    ).scheduleRun;
    expect(read).toEqual({ status: 'FAILED', assignments: null, metrics: null, ganttSvg: null });
  });
});

describe('compareSchedulers', () => {
  it('returns one run per scheduler in the order asked, and the best', async () => {
    const queued = dataOf(
      await api.graphql<{ compareSchedulers: { runs: Run[]; best: { id: string } | null } }>(
        `mutation($w: ID!, $c: ID!) { compareSchedulers(workflowId: $w, clusterId: $c,
           schedulers: [{ scheduler: "slow", options: { delayMs: 1 } }, { scheduler: "crashing" }, { scheduler: "heft" }]) {
           runs { id scheduler status makespan options } best { id } } }`,
        { w: workflowId, c: clusterId },
      ),
    ).compareSchedulers;
    expect(queued.runs.map((r) => r.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    expect(queued.best).toBeNull();
    for (const run of queued.runs) await api.waitForRun(run.id);
    const comparison = {
      runs: await Promise.all(queued.runs.map(async (r) => dataOf(await api.graphql<{ scheduleRun: Run }>(RUN, { id: r.id })).scheduleRun)),
    };
    // "slow" runs every task on p1, one after the other: its makespan is the sum of the paper's costs on p1.
    const sequentialOnP1 = paper.workflow.tasks.reduce((sum, task) => sum + task.costs!['p1']!, 0);
    expect(comparison.runs.map((r) => [r.scheduler, r.status, r.makespan])).toEqual([
      ['slow', 'SUCCEEDED', sequentialOnP1],
      ['crashing', 'FAILED', null],
      ['heft', 'SUCCEEDED', 80],
    ]);
    expect(comparison.runs[0]!.options).toEqual({ delayMs: 1 });
  });

  it('validates every selection before running any', async () => {
    const before = await countRuns();
    const error = errorOf(
      await api.graphql('mutation($w: ID!, $c: ID!) { compareSchedulers(workflowId: $w, clusterId: $c, schedulers: [{ scheduler: "heft" }, { scheduler: "heft", options: { x: 1 } }]) { best { id } } }', {
        w: workflowId,
        c: clusterId,
      }),
    );
    expect(error.message).toBe('schedulers[1].options: $.x: unknown option; known options: (none)');
    expect(await countRuns()).toBe(before);
  });
});

describe('scheduleRuns (history)', () => {
  it('pages through every run once, in order, with filters and ordering by makespan', async () => {
    for (let i = 0; i < 7; i++) await scheduled();
    const total = await countRuns();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Connection = dataOf(
        await api.graphql<{ scheduleRuns: Connection }>(
          'query($after: String) { scheduleRuns(first: 4, after: $after) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }',
          { after },
        ),
      ).scheduleRuns;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const failed = dataOf(
      await api.graphql<{ scheduleRuns: { edges: { node: { status: string } }[] } }>('{ scheduleRuns(filter: { status: FAILED }, first: 100) { edges { node { status } } } }'),
    ).scheduleRuns.edges;
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.every((e) => e.node.status === 'FAILED')).toBe(true);

    const byMakespan = dataOf(
      await api.graphql<{ scheduleRuns: { edges: { node: { makespan: number; scheduler: string } }[] } }>(
        '{ scheduleRuns(filter: { scheduler: "heft", status: SUCCEEDED }, orderBy: { field: MAKESPAN, direction: ASC }, first: 100) { edges { node { makespan scheduler } } } }',
      ),
    ).scheduleRuns.edges;
    expect(byMakespan.every((e) => e.node.makespan === 80 && e.node.scheduler === 'heft')).toBe(true);

    const ofWorkflow = dataOf(
      await api.graphql<{ workflow: { runs: { edges: unknown[] } } }>('query($id: ID!) { workflow(id: $id) { runs(first: 100) { edges { cursor } } } }', { id: workflowId }),
    ).workflow.runs.edges;
    expect(ofWorkflow).toHaveLength(total);
  });

  it('filters by creation time', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = dataOf(
      await api.graphql<{ scheduleRuns: { edges: unknown[] } }>('query($t: DateTime) { scheduleRuns(filter: { createdAfter: $t }) { edges { cursor } } }', { t: future }),
    );
    expect(none.scheduleRuns.edges).toEqual([]);
  });
});

describe('deleteWorkflow', () => {
  it('deletes the runs of the workflow with it', async () => {
    const id = dataOf(await api.graphql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } })).submitWorkflow
      .workflow.id;
    const run = await scheduled({ workflowId: id });
    dataOf(await api.graphql('mutation($id: ID!) { deleteWorkflow(id: $id) }', { id }));
    expect(errorOf(await api.graphql('query($id: ID!) { scheduleRun(id: $id) { id } }', { id: run.id })).code).toBe('NOT_FOUND');
  });
});

describe('traces', () => {
  it('submits a WfFormat trace, stores its machines as a cluster, and schedules on it', async () => {
    const document = readFileSync(`${traces}montage-chameleon-2mass-01d-001.json`, 'utf8');
    const submitted = dataOf(
      await api.graphql<{ submitWorkflow: { workflow: { id: string; taskCount: number }; traceCluster: { id: string; processorCount: number } | null; warnings: string[] } }>(
        SUBMIT_DOCUMENT,
        { input: { document, format: 'WFFORMAT' } },
      ),
    ).submitWorkflow;
    expect(submitted.workflow.taskCount).toBeGreaterThan(10);
    expect(submitted.traceCluster?.processorCount).toBeGreaterThan(0);
    const run = await scheduled({ workflowId: submitted.workflow.id, clusterId: submitted.traceCluster!.id });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.makespan).toBeGreaterThan(0);
  });

  it('replays a trace submission by idempotency key with its cluster, and stores nothing for a conflicting reuse', async () => {
    const document = readFileSync(`${traces}montage-chameleon-2mass-01d-001.json`, 'utf8');
    type Payload = { submitWorkflow: { created: boolean; workflow: { id: string }; traceCluster: { id: string } | null } };
    const first = dataOf(await api.graphql<Payload>(SUBMIT_DOCUMENT, { input: { document, format: 'WFFORMAT', idempotencyKey: 'trace-1' } })).submitWorkflow;
    const clusters = await countRows('clusters');
    const again = dataOf(await api.graphql<Payload>(SUBMIT_DOCUMENT, { input: { document, format: 'WFFORMAT', idempotencyKey: 'trace-1' } })).submitWorkflow;
    expect(again).toEqual({ ...first, created: false });
    expect(await countRows('clusters')).toBe(clusters);

    const other = readFileSync(`${traces}seismology-chameleon-1000p-001.json`, 'utf8');
    const conflict = errorOf(await api.graphql(SUBMIT_DOCUMENT, { input: { document: other, format: 'WFFORMAT', idempotencyKey: 'trace-1' } }));
    expect(conflict.code).toBe('BAD_USER_INPUT');
    expect(await countRows('clusters')).toBe(clusters);
  });

  it('reports a DAX fault with its XPath and line', async () => {
    const error = errorOf(await api.graphql(SUBMIT_DOCUMENT, { input: { document: '<adag><job id="a" runtime="x"/></adag>', format: 'DAX' } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^input\.document: \/adag/);
  });
});
