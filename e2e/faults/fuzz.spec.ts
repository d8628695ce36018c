import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSchedule, MAX_NESTING_DEPTH, type Assignment, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess, type GraphQLResult } from '../support/api-server.js';
import { paperExample } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { waitForRun } from '../support/runs.js';

/**
 * Bad input (issue #14) against the real API process on a test database, and a few cases through the real CLI:
 * each input gives a result or a clear error (BAD_USER_INPUT naming the place; exit 1), never an internal one, and a
 * refused request stores nothing. Then the GraphQL input types are fuzzed: structured and document workflows,
 * clusters, scheduler options and comparison selections. FUZZ_RUNS=<n> runs every property n times.
 */

const ADMIN = 'hs_e2e-fuzz-admin-token-0123456789abcdef';
const runs = (base: number) => {
  const wanted = Number(process.env['FUZZ_RUNS']);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : base;
};
const TIMEOUT_MS = process.env['FUZZ_RUNS'] ? 3_600_000 : 120_000;

const SUBMIT = 'mutation($input: SubmitWorkflowInput!) { submitWorkflow(input: $input) { created workflow { id taskCount } } }';
const CREATE_CLUSTER = 'mutation($input: CreateClusterInput!) { createCluster(input: $input) { id processorCount } }';
const SCHEDULE = 'mutation($w: ID!, $c: ID!, $s: String!, $o: JSONObject) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: $s, options: $o) { id status } }';
const COMPARE =
  'mutation($w: ID!, $c: ID!, $s: [SchedulerSelection!], $all: Boolean!) { compareSchedulers(workflowId: $w, clusterId: $c, schedulers: $s, all: $all) { id runs { id } } }';
const WORKFLOWS_TAGGED = 'query($tag: String!) { workflows(filter: { tag: $tag }, first: 5) { edges { node { id } } } }';
const CLUSTERS_TAGGED = 'query($tag: String!) { clusters(filter: { tag: $tag }, first: 5) { edges { node { id } } } }';
const RUNS_OF = 'query($w: ID!, $c: ID!) { scheduleRuns(filter: { workflowId: $w, clusterId: $c }, first: 100) { edges { node { id } } } }';

/** Codes of errors meant for the client: anything else (INTERNAL_SERVER_ERROR above all) fails the suite. */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE']);

let database: E2eDatabase;
let api: ApiProcess;
let tagCount = 0;
const uniqueTag = () => `fuzz-${tagCount++}`;

function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  return graphqlRequest<T>(api.url, query, variables, ADMIN);
}

/** A result, or errors that are all the client's, each with a message on one line. Returns the first error's code. */
function outcomeOf(result: GraphQLResult<unknown>): { code?: string; message?: string } {
  expect(result.status, JSON.stringify(result.errors)).toBeLessThan(500);
  if (!result.errors?.length) {
    expect(result.data).toBeTruthy();
    return {};
  }
  for (const error of result.errors) {
    const code = error.extensions?.['code'] as string;
    expect(CLIENT_CODES.has(code), `${code}: ${error.message}`).toBe(true);
    expect(error.message).not.toBe('');
    // Validation issues read as one line each, as the CLI prints them (ids are quoted).
    for (const issue of (error.extensions?.['issues'] ?? []) as { path: string; message: string }[]) {
      expect(`${issue.path}: ${issue.message}`).not.toMatch(/[\n\r]/);
    }
  }
  return { code: result.errors[0]!.extensions?.['code'] as string, message: result.errors[0]!.message };
}

async function taggedCount(query: string, tag: string): Promise<number> {
  const result = dataOf(await gql<{ [k: string]: { edges: unknown[] } }>(query, { tag }));
  return Object.values(result)[0]!.edges.length;
}

async function runCount(workflowId: string, clusterId: string): Promise<number> {
  return dataOf(await gql<{ scheduleRuns: { edges: unknown[] } }>(RUNS_OF, { w: workflowId, c: clusterId })).scheduleRuns.edges.length;
}

async function submit(input: Record<string, unknown>) {
  const tag = uniqueTag();
  const result = await gql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT, { input: { ...input, tags: [tag] } });
  const outcome = outcomeOf(result);
  // Refused: nothing stored under its tag (a WfFormat trace's cluster is removed again too).
  if (outcome.code) {
    expect(await taggedCount(WORKFLOWS_TAGGED, tag)).toBe(0);
    expect(await taggedCount(CLUSTERS_TAGGED, tag)).toBe(0);
  }
  return { ...outcome, id: result.data?.submitWorkflow.workflow.id };
}

async function createCluster(input: Record<string, unknown>) {
  const tag = uniqueTag();
  const result = await gql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { ...input, tags: [tag] } });
  const outcome = outcomeOf(result);
  if (outcome.code) expect(await taggedCount(CLUSTERS_TAGGED, tag)).toBe(0);
  return { ...outcome, id: result.data?.createCluster.id };
}

/** Queued runs of accepted requests: every one must succeed (no accepted input may make a scheduler fail). */
const acceptedRuns: string[] = [];

beforeAll(async () => {
  database = await createE2eDatabase();
  api = await startApiProcess({ env: { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN } });
});

afterAll(async () => {
  const exit = await api?.stop();
  expect(exit?.code).toBe(0);
  await database?.drop();
}, 120_000);

/** `{"n": {"n": ... 0}}` as text, `levels` objects deep (built as text: JSON.stringify would overflow the stack). */
const nestedText = (levels: number) => `${'{"n": '.repeat(levels)}0${'}'.repeat(levels)}`;

describe('issue #14, bad input: clear errors naming the place, nothing stored', () => {
  let oddRunId: string;

  it('refuses to schedule costs whose sum overflows, naming the task (no run is stored)', async () => {
    const workflow = await submit({ workflow: { tasks: [{ id: 'a', work: 1e308 }, { id: 'b', work: 1e308 }], edges: [{ from: 'a', to: 'b' }] } });
    const cluster = await createCluster({ cluster: { processors: [{ id: 'p1' }] } });
    const result = await gql(SCHEDULE, { w: workflow.id, c: cluster.id, s: 'heft' });
    expect(outcomeOf(result)).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^workflow on this cluster: \$\.tasks\[0\]\.work: takes up to 1e\+308 on processor "p1" .* past the limit of 1e\+300 .*\(task "a"\)$/),
    });
    expect(await runCount(workflow.id!, cluster.id!)).toBe(0);
  });

  it('refuses an extra field nested 5,000 deep at its JSON path, naming the task, and stores nothing', async () => {
    const document = `{"tasks": [{"id": "a", "work": 1, "extra": ${nestedText(5000)}}], "edges": []}`;
    const refused = await submit({ document });
    // $.tasks[0].extra is 3 steps down: the first value past 64 steps is 62 "n" below it.
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', message: `input.document: $.tasks[0].extra${'.n'.repeat(62)}: lies 65 levels deep: a document may nest at most ${MAX_NESTING_DEPTH} levels of objects and arrays (task "a")` });
    expect((await submit({ document: `{"tasks": [{"id": "a", "work": 1, "extra": ${nestedText(61)}}], "edges": []}` })).code).toBeUndefined();
  });

  it('refuses a DAX with an external entity as bad input naming the line', async () => {
    const document = '<?xml version="1.0"?>\n<!DOCTYPE adag [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<adag><job id="&xxe;" runtime="1"/></adag>';
    expect(await submit({ document, format: 'DAX' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'input.document: line 3, column 3: external entity "xxe" is not allowed: a DAX may not make its reader fetch files or URLs',
    });
  });

  it('names the task of a negative value in the message and in extensions.issues', async () => {
    const result = await gql(SUBMIT, { input: { workflow: { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: -1 }], edges: [] }, tags: [uniqueTag()] } });
    expect(outcomeOf(result).message).toBe('input.workflow: $.tasks[1].work: must not be negative, got -1 (task "b")');
    expect(result.errors![0]!.extensions!['issues']).toEqual([
      { severity: 'error', path: '$.tasks[1].work', message: 'must not be negative, got -1 (task "b")', taskId: 'b' },
    ]);
  });

  it('takes processors and tasks named constructor, __proto__, toString, hasOwnProperty as data, through scheduling and the Gantt chart', async () => {
    const odd = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const cluster = await createCluster({ cluster: { processors: odd.map((id, i) => ({ id, speed: i + 1 })), network: { links: [{ between: ['__proto__', 'constructor'], bandwidth: 2 }] } } });
    expect(cluster.code).toBeUndefined();
    const workflow = await submit({
      workflow: {
        tasks: odd.map((id, i) => ({ id, costs: odd.map((processor, k) => ({ processor, time: 1 + ((i + k) % 4) })) })),
        edges: [{ from: '__proto__', to: 'constructor', data: 3 }, { from: 'toString', to: 'hasOwnProperty' }],
      },
    });
    expect(workflow.code).toBeUndefined();
    const queued = dataOf(await gql<{ scheduleWorkflow: { id: string } }>(SCHEDULE, { w: workflow.id, c: cluster.id, s: 'heft' })).scheduleWorkflow;
    const run = await waitForRun<{ status: string; error: string | null; assignments: Assignment[]; ganttSvg: string }>(
      api.url,
      queued.id,
      ADMIN,
      'status error assignments { task processor start finish } ganttSvg',
    );
    expect(run.status, run.error ?? '').toBe('SUCCEEDED');
    const docs = dataOf(
      await gql<{ workflow: { document: WorkflowSpec }; cluster: { document: ClusterSpec } }>('query($w: ID!, $c: ID!) { workflow(id: $w) { document } cluster(id: $c) { document } }', {
        w: workflow.id,
        c: cluster.id,
      }),
    );
    // The stored documents come back with the odd keys as own keys, and the schedule checks against them.
    expect(Object.keys(docs.workflow.document.tasks[1]!.costs!)).toEqual(odd);
    expect(checkSchedule(docs.workflow.document, docs.cluster.document, run.assignments).violations).toEqual([]);
    for (const id of odd) expect(run.ganttSvg).toContain(`<title>${id}</title>`);
    oddRunId = queued.id;
  });

  // computeMetrics once assigned utilisation["__proto__"] (a no-op for a number) and the API then read
  // Object.prototype for it ("Float cannot represent non numeric value", INTERNAL_SERVER_ERROR).
  it('gives the utilisation of every processor, "__proto__" included, each a number', async () => {
    const result = await gql<{ scheduleRun: { metrics: { utilisation: { processor: string; utilisation: unknown }[] } } }>(
      'query($id: ID!) { scheduleRun(id: $id) { metrics { utilisation { processor utilisation } } } }',
      { id: oddRunId },
    );
    const utilisation = dataOf(result).scheduleRun.metrics.utilisation;
    expect(utilisation.map((u) => u.processor)).toEqual(['constructor', '__proto__', 'toString', 'hasOwnProperty']);
    for (const u of utilisation) expect(u.utilisation).toBeTypeOf('number');
  });
});

describe('the real CLI on issue #14 inputs (exit 1 with the file and place; exit 0 for odd ids)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hetsched-e2e-faults-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const oneProcessor = () => write('one.json', JSON.stringify({ processors: [{ id: 'p1' }] }));

  it('exits 1 naming the task whose cost overflows the total, where HEFT used to fail (exit 3)', () => {
    const workflow = write('huge.json', JSON.stringify({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1e308 }], edges: [{ from: 'a', to: 'b' }] }));
    const result = runCli(['schedule', '-w', workflow, '-c', oneProcessor()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^hetsched: error: ${workflow.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$\\.tasks\\[1\\]\\.work: takes up to 1e\\+308 .*\\(task "b"\\)\\n$`));
  });

  it('exits 1 for a deep extra field and for a DAX entity, naming the path and the line', () => {
    const deep = write('deep.json', `{"tasks": [{"id": "a", "work": 1, "x": ${nestedText(5000)}}], "edges": []}`);
    const deepResult = runCli(['validate', '-w', deep]);
    expect(deepResult.status).toBe(1);
    expect(deepResult.stderr).toContain(`${deep}: $.tasks[0].x${'.n'.repeat(62)}: lies 65 levels deep`);
    const dax = write('xxe.xml', '<!DOCTYPE adag [\n<!ENTITY big "' + 'b'.repeat(20_000) + '">\n]><adag><job id="a" runtime="1"/></adag>');
    const daxResult = runCli(['schedule', '-w', dax, '-c', oneProcessor()]);
    expect(daxResult.status).toBe(1);
    expect(daxResult.stderr).toBe(`hetsched: error: ${dax}: line 2, column 1: entity "big" is 20000 characters long: at most 10000 are allowed\n`);
  });

  it('schedules processors named like Object.prototype members (exit 0) and draws them', () => {
    const cluster = write('odd-cluster.json', JSON.stringify({ processors: [{ id: 'constructor' }, { id: 'toString', speed: 2 }] }));
    const workflow = write('odd-workflow.json', '{"tasks": [{"id": "__proto__", "costs": {"constructor": 2, "toString": 3}}, {"id": "hasOwnProperty", "work": 4}], "edges": [{"from": "__proto__", "to": "hasOwnProperty", "data": 1}]}');
    const gantt = join(dir, 'odd.svg');
    const result = runCli(['schedule', '-w', workflow, '-c', cluster, '--gantt', gantt]);
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as { assignments: Assignment[] };
    expect(output.assignments.map((a) => a.task).sort()).toEqual(['__proto__', 'hasOwnProperty']);
    expect(readFileSync(gantt, 'utf8')).toContain('<title>toString</title>');
  });
});

// ---- fuzzing the GraphQL input types ---------------------------------------------------------------------------

const ODD_IDS = ['a', 'b', 'p1', 'p2', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '$', '', ' ', 'x\ny', 'é'];
/** Numbers a GraphQL Float can carry (JSON has no NaN or Infinity; 1e309 reads as Infinity and is refused). */
const NUMBERS = [0, -0, -1, 1, 2.5, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e-300, 1e-301, 6e299, 1e300, 1e-10];
const number = fc.oneof(fc.constantFrom(...NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }));
const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ODD_IDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const structuredWorkflow = fc.record({
  name: optional(fc.string({ maxLength: 8 })),
  tasks: fc.array(
    fc.record({
      id,
      work: optional(number),
      costs: optional(fc.array(fc.record({ processor: id, time: number }), { maxLength: 3 })),
      memoryGb: optional(number),
      priority: optional(number),
    }),
    { maxLength: 4 },
  ),
  edges: fc.array(fc.record({ from: id, to: id, data: optional(number) }), { maxLength: 4 }),
});

/**
 * Workflows that should be accepted (distinct ids, odd ones among them, positive work, edges forward only): only
 * some 2% of `structuredWorkflow`'s are, so 100 of those alone were all refused in about one run in ten, and the
 * property then proved nothing about accepted input.
 */
const plausibleWorkflow = fc
  .uniqueArray(fc.constantFrom('a', 'b', 'p1', '__proto__', 'constructor', 'toString', '$', 'é'), { minLength: 1, maxLength: 4 })
  .chain((ids) =>
    fc.record({
      name: optional(fc.string({ maxLength: 8 })),
      tasks: fc.tuple(...ids.map((taskId) => fc.record({ id: fc.constant(taskId), work: fc.double({ min: 1e-3, max: 1e6, noNaN: true }) }))),
      edges: fc
        .uniqueArray(fc.tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1)), { maxLength: 4, selector: ([from, to]) => `${from}>${to}` })
        .map((pairs) => pairs.filter(([from, to]) => from < to).map(([from, to]) => ({ from: ids[from]!, to: ids[to]!, data: 1 }))),
    }),
  );

const structuredCluster = fc.record({
  name: optional(fc.string({ maxLength: 8 })),
  processors: fc.array(
    fc.record({ id, speed: optional(number), cores: optional(fc.integer({ min: -2, max: 64 })), memoryGb: optional(number), type: optional(fc.string({ maxLength: 4 })) }),
    { maxLength: 3 },
  ),
  network: optional(
    fc.record({
      bandwidth: optional(number),
      latency: optional(number),
      links: optional(fc.array(fc.record({ between: fc.array(id, { maxLength: 3 }), bandwidth: optional(number), latency: optional(number) }), { maxLength: 2 })),
    }),
  ),
});

/** Document text: JSON of the structured shapes with odd edits, traces, XML pieces, anything. */
const XML_PIECES = ['<adag>', '</adag>', '<job id="a" runtime="1">', '<job id="__proto__" runtime="1e308"/>', '</job>', '<uses file="f" link="output" size="-1"/>', '<child ref="a">', '<parent ref="__proto__"/>', '</child>', '<!DOCTYPE adag [<!ENTITY e SYSTEM "x">]>', '<!DOCTYPE adag [<!ENTITY e "x">]>', '&e;', '<constructor/>', '<__proto__/>', '<'];
const documentText = fc.oneof(
  structuredWorkflow.map((w) => JSON.stringify({ ...w, tasks: w.tasks.map((t) => ({ ...t, costs: t.costs && Object.fromEntries(t.costs.map((c) => [c.processor, c.time])) })) })),
  structuredCluster.map((c) => JSON.stringify(c)),
  fc.array(fc.constantFrom(...XML_PIECES), { maxLength: 16 }).map((pieces) => pieces.join('')),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(nestedText(70), `{"schemaVersion": "1.5", "workflow": {"specification": {"tasks": [{"id": "__proto__", "parents": ["constructor"]}]}}}`, '{"schemaVersion": "1.4", "workflow": {"tasks": [{"name": "a", "runtime": 1e308, "files": [{"link": {"toString": 1}, "name": "f", "size": 1}]}]}}'),
);

/** Scheduler options: JSON objects with odd keys and values (the API takes them as JSONObject). */
const options = fc.oneof(
  fc.constant(null),
  fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'seed', 'generations', 'model', 'lookahead', ''), fc.string({ maxLength: 6 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

describe('GraphQL input types, fuzzed against the real API', () => {
  let paperWorkflow: string;
  let paperCluster: string;
  let schedulerNames: string[];

  beforeAll(async () => {
    paperWorkflow = (await submit({ document: readFileSync(`${paperExample}workflow.json`, 'utf8') })).id!;
    paperCluster = (await createCluster({ document: readFileSync(`${paperExample}cluster.json`, 'utf8') })).id!;
    schedulerNames = dataOf(await gql<{ schedulers: { name: string }[] }>('{ schedulers { name } }')).schedulers.map((s) => s.name);
  });

  it('submitWorkflow, structured input: a workflow or BAD_USER_INPUT, and nothing stored when refused', async () => {
    const seen = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(structuredWorkflow, plausibleWorkflow), async (workflow) => {
        const outcome = await submit({ workflow });
        seen[outcome.code ? 'refused' : 'stored']++;
        if (outcome.code) expect(outcome.code).toBe('BAD_USER_INPUT');
      }),
      { numRuns: runs(100) },
    );
    expect(Math.min(seen.stored, seen.refused), JSON.stringify(seen)).toBeGreaterThan(0);
  }, TIMEOUT_MS);

  it('submitWorkflow and createCluster, documents in every format: a result or BAD_USER_INPUT, nothing stored when refused', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, fc.constantFrom('NATIVE', 'WFFORMAT', 'DAX'), fc.boolean(), async (document, format, asCluster) => {
        const outcome = asCluster ? await createCluster({ document }) : await submit({ document, format });
        if (outcome.code) expect(outcome.code).toBe('BAD_USER_INPUT');
      }),
      { numRuns: runs(150) },
    );
  }, TIMEOUT_MS);

  it('createCluster, structured input: a cluster or BAD_USER_INPUT, nothing stored when refused', async () => {
    await fc.assert(
      fc.asyncProperty(structuredCluster, optional(fc.string({ maxLength: 6 })), async (cluster, name) => {
        const outcome = await createCluster({ cluster, name });
        if (outcome.code) expect(outcome.code).toBe('BAD_USER_INPUT');
      }),
      { numRuns: runs(80) },
    );
  }, TIMEOUT_MS);

  it('scheduleWorkflow, odd ids, schedulers and options: a queued run that succeeds, or a client error with no run stored', async () => {
    // Stored pairs that are fine, and some whose total time overflows (slow processors, tiny bandwidth).
    const workflows = [paperWorkflow, (await submit({ workflow: { tasks: [{ id: 'x', work: 1e299 }, { id: 'y', work: 1e299 }], edges: [{ from: 'x', to: 'y', data: 1e200 }] } })).id!];
    const clusters = [
      paperCluster,
      (await createCluster({ cluster: { processors: [{ id: 'slow', speed: 1e-5 }, { id: 'fast' }] } })).id!,
      (await createCluster({ cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { bandwidth: 1e-100 } } })).id!,
    ];
    const fast = ['heft', 'cpop', 'peft', 'mct', 'met', 'olb'].filter((name) => schedulerNames.includes(name));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...workflows) }, { weight: 1, arbitrary: id }),
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...clusters) }, { weight: 1, arbitrary: id }),
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fast) }, { weight: 1, arbitrary: id }),
        options,
        async (workflowId, clusterId, scheduler, runOptions) => {
          const known = workflows.includes(workflowId) && clusters.includes(clusterId);
          const before = known ? await runCount(workflowId, clusterId) : 0;
          const result = await gql<{ scheduleWorkflow: { id: string } }>(SCHEDULE, { w: workflowId, c: clusterId, s: scheduler, o: runOptions });
          const outcome = outcomeOf(result);
          if (!outcome.code) acceptedRuns.push(result.data!.scheduleWorkflow.id);
          else if (known) expect(await runCount(workflowId, clusterId)).toBe(before);
        },
      ),
      { numRuns: runs(80) },
    );
  }, TIMEOUT_MS);

  it('compareSchedulers, odd selections: a comparison whose runs succeed, or a client error', async () => {
    const fast = ['heft', 'cpop', 'peft', 'mct'].filter((name) => schedulerNames.includes(name));
    const selection = fc.record({ scheduler: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fast) }, { weight: 1, arbitrary: id }), options });
    await fc.assert(
      fc.asyncProperty(fc.array(selection, { maxLength: 4 }), async (schedulers) => {
        const result = await gql<{ compareSchedulers: { runs: { id: string }[] } }>(COMPARE, { w: paperWorkflow, c: paperCluster, s: schedulers, all: false });
        const outcome = outcomeOf(result);
        if (!outcome.code) acceptedRuns.push(...result.data!.compareSchedulers.runs.map((r) => r.id));
      }),
      { numRuns: runs(30) },
    );
  }, TIMEOUT_MS);

  it('every run of an accepted request succeeded (no accepted input makes a scheduler fail)', async () => {
    expect(acceptedRuns.length).toBeGreaterThan(0);
    for (const runId of acceptedRuns) {
      const run = await waitForRun(api.url, runId, ADMIN, 'id status error', 60_000);
      expect(run, JSON.stringify(run)).toMatchObject({ status: 'SUCCEEDED' });
    }
  }, TIMEOUT_MS);
});
