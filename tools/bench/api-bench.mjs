// `node tools/bench/api-bench.mjs` (after `npx nx run-many -t build`): the GraphQL API end to end, as a client sees
// it. The server runs as its own process (`node apps/api/dist/main.js`), so the load generator does not share its
// event loop; the database is a fresh one from @hetsched/db's test harness (embedded PostgreSQL unless DATABASE_URL).
//   1. submit a 10,000-task workflow (native JSON document) + a cluster, and schedule it with HEFT (target < 3 s);
//   2. a history page of 50 runs with 100,000 runs stored (target < 50 ms), first page and deep pages by cursor;
//   3. requests per second of that history query at 32 concurrent clients (autocannon, 10 s).
// Usage: node tools/bench/api-bench.mjs [--quick] [--tasks 10000] [--runs 100000] [--duration 10]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import { createTestDatabase, startTestServer, TEST_SERVER_ENV } from '@hetsched/db/testing';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    tasks: { type: 'string', default: '10000' },
    processors: { type: 'string', default: '8' },
    runs: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
  },
});
const quick = values.quick;
const TASKS = Number(values.tasks);
const PROCESSORS = Number(values.processors);
const RUNS = quick ? 20_000 : Number(values.runs);
const DURATION = quick ? 3 : Number(values.duration);
const CONNECTIONS = Number(values.connections);
const ADMIN = 'hs_bench-admin-token-0123456789abcdef';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const ms = (from) => performance.now() - from;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const f = (x, digits = 1) => x.toFixed(digits);

// Our own embedded server (unless DATABASE_URL names one), stopped at the end: the harness's per-process server
// would keep this process alive.
let pgServer;
let pgDir;
if (!process.env.DATABASE_URL) {
  pgDir = await mkdtemp(join(tmpdir(), 'hetsched-api-bench-'));
  pgServer = await startTestServer(pgDir);
  process.env[TEST_SERVER_ENV] = pgServer.adminConnectionString;
}
const database = await createTestDatabase();
const server = await startServer(database.connectionString);
const results = [];
try {
  // --- 1. submit + schedule a 10,000-task workflow -----------------------------------------------------------------
  const cluster = generateCluster({ processors: PROCESSORS, seed: 7, speed: [1, 4] });
  const workflow = generateWorkflow({ tasks: TASKS, processors: cluster.processors.map((p) => p.id), seed: 7, name: `bench-${TASKS}` });
  const document = JSON.stringify(workflow);
  const clusterId = (await gql('mutation($d: String!) { createCluster(input: { document: $d }) { id } }', { d: JSON.stringify(cluster) })).createCluster.id;
  const endToEnd = [];
  const submitTimes = [];
  const scheduleTimes = [];
  let workflowId;
  let makespan;
  for (let i = 0; i < (quick ? 2 : 4); i++) {
    const t0 = performance.now();
    workflowId = (await gql('mutation($d: String!) { submitWorkflow(input: { document: $d }) { workflow { id } } }', { d: document })).submitWorkflow.workflow.id;
    const t1 = performance.now();
    // Runs are queued (docs/runs.md): poll the run every 5 ms until the API's in-process worker finishes it.
    const queued = (await gql('mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id } }', { w: workflowId, c: clusterId }))
      .scheduleWorkflow;
    let run;
    do {
      run = (await gql('query($id: ID!) { scheduleRun(id: $id) { status makespan } }', { id: queued.id })).scheduleRun;
      if (run.status === 'QUEUED' || run.status === 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 5));
    } while (run.status === 'QUEUED' || run.status === 'RUNNING');
    if (run.status !== 'SUCCEEDED') throw new Error(`run ${run.status}`);
    makespan = run.makespan;
    submitTimes.push(t1 - t0);
    scheduleTimes.push(ms(t1));
    endToEnd.push(ms(t0));
  }
  // The first round warms the server's JIT up; report the median of the others.
  const warm = (xs) => xs.slice(1);
  results.push({
    measure: `submit ${TASKS.toLocaleString('en')}-task workflow (${(document.length / 1e6).toFixed(1)} MB JSON, ${workflow.edges.length.toLocaleString('en')} edges) + HEFT on ${PROCESSORS} processors, end to end`,
    value: `${f(median(warm(endToEnd)) / 1000, 2)} s (submit ${f(median(warm(submitTimes)))} ms, schedule ${f(median(warm(scheduleTimes)))} ms)`,
    target: '< 3 s',
    ok: median(warm(endToEnd)) < 3000,
  });

  // --- 2. history page of 50 with 100,000 runs stored --------------------------------------------------------------
  await seedRuns(database.connectionString, workflowId, clusterId, RUNS);
  const page = `query($after: String) { scheduleRuns(first: 50, after: $after) {
    edges { cursor node { id status scheduler makespan createdAt } } pageInfo { endCursor hasNextPage } } }`;
  for (let i = 0; i < 20; i++) await gql(page, {}); // warm-up
  const firstPage = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await gql(page, {});
    firstPage.push(ms(t));
  }
  // Deep pages: walk 200 pages by cursor (10,000 runs in), timing each request.
  const deep = [];
  let after = null;
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const data = (await gql(page, { after })).scheduleRuns;
    deep.push(ms(t));
    after = data.pageInfo.endCursor;
  }
  const filtered = `query($w: ID!) { scheduleRuns(first: 50, filter: { workflowId: $w, status: SUCCEEDED }, orderBy: { field: MAKESPAN, direction: ASC }) {
    edges { cursor node { id makespan } } pageInfo { endCursor hasNextPage } } }`;
  const filteredTimes = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await gql(filtered, { w: workflowId });
    filteredTimes.push(ms(t));
  }
  const stored = RUNS.toLocaleString('en');
  results.push({ measure: `history page of 50, first page (${stored} runs stored), median / p99`, value: `${f(median(firstPage), 2)} / ${f(percentile(firstPage, 99), 2)} ms`, target: '< 50 ms', ok: median(firstPage) < 50 });
  results.push({ measure: `history page of 50, 200 pages deep by cursor, median / p99`, value: `${f(median(deep), 2)} / ${f(percentile(deep, 99), 2)} ms`, target: '< 50 ms', ok: median(deep) < 50 });
  results.push({ measure: 'history page of 50 filtered by workflow + status, ordered by makespan, median / p99', value: `${f(median(filteredTimes), 2)} / ${f(percentile(filteredTimes, 99), 2)} ms`, target: '< 50 ms', ok: median(filteredTimes) < 50 });

  // --- 3. throughput at 32 connections ------------------------------------------------------------------------------
  const load = await autocannon({
    url: server.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ query: page, variables: {} }),
  });
  if (load.non2xx > 0 || load.errors > 0) throw new Error(`autocannon: ${load.non2xx} non-2xx, ${load.errors} errors`);
  results.push({
    measure: `history page of 50 at ${CONNECTIONS} concurrent clients (autocannon, ${DURATION} s)`,
    value: `${f(load.requests.average, 0)} req/s (latency p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms)`,
    target: '-',
    ok: true,
  });

  console.log(`# GraphQL API benchmark — ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`HEFT makespan of the generated workflow: ${f(makespan, 3)}\n`);
  console.log('| measure | result | target | met |');
  console.log('|---|---:|---:|:--:|');
  for (const r of results) console.log(`| ${r.measure} | ${r.value} | ${r.target} | ${r.target === '-' ? '-' : r.ok ? 'yes' : 'NO'} |`);
} finally {
  await server.stop();
  await database.drop();
  await pgServer?.stop();
  if (pgDir) await rm(pgDir, { recursive: true, force: true });
}

async function gql(query, variables) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * 100,000 finished runs straight into the table with one INSERT ... SELECT (through the API it would take hours
 * of HEFT): ids are fresh UUIDs, creation times one second apart, makespans random.
 */
async function seedRuns(connectionString, workflowId, clusterId, count) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO schedule_runs (id, workflow_id, cluster_id, scheduler, scheduler_version, options, status, created_at, started_at, finished_at, makespan, metrics)
       SELECT gen_random_uuid(), $1, $2, 'heft', '1.0.0', '{}'::jsonb, 'SUCCEEDED',
              now() - make_interval(secs => $3 - i), now() - make_interval(secs => $3 - i), now() - make_interval(secs => $3 - i),
              1000 + random() * 1000,
              jsonb_build_object('makespan', 1500, 'slr', 1.5, 'speedup', 3, 'efficiency', 0.4, 'averageTurnaround', 700, 'utilisation', '[]'::jsonb)
       FROM generate_series(1, $3) AS i`,
      [workflowId, clusterId, count],
    );
    await client.query('ANALYZE schedule_runs');
  } finally {
    await client.end();
  }
}

async function startServer(connectionString) {
  const child = spawn(process.execPath, [`${repoRoot}apps/api/dist/main.js`], {
    env: { ...process.env, DATABASE_URL: connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /hetsched API listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    exited.then((code) => reject(new Error(`the API exited with ${code} before listening`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
