// Helpers of tools/bench/api-bench.mjs and api-ab.mjs: the API as a child process (time to /readyz), GraphQL over
// HTTP and graphql-ws as a client sends it, the console's history query, the small problems and HEFT runs that fill
// a history, and the statistics the tables report.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import WebSocket from 'ws';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const ADMIN_TOKEN = 'hs_bench-admin-token-0123456789abcdef';
/** How often a starting server's /readyz is asked while it is not up yet. */
const READY_POLL_MS = 5;
/** A server that is not ready after this long has failed to start. */
const START_TIMEOUT_MS = 120_000;

export const ms = (from) => performance.now() - from;
export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
export const percentile = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
export const fixed = (x, digits = 1) => x.toFixed(digits);
export const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** A free TCP port on 127.0.0.1 (bound and released), so that /readyz can be polled from the moment of the spawn. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * `node apps/api/dist/main.js` with `env` on a free port; resolves once /readyz answers 200, with the time from the
 * spawn to that answer (what an orchestrator's readiness probe sees). `nodeFlags` go before the script (--cpu-prof);
 * `stdout`: where the server's log lines go (a file descriptor; default nowhere); `main`: another build's main.js.
 */
export async function startApi({ env = {}, nodeFlags = [], logLevel = 'warn', stdout = 'ignore', main = `${repoRoot}apps/api/dist/main.js` } = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, main], {
    cwd: repoRoot,
    env: { ...process.env, HETSCHED_ADMIN_TOKEN: ADMIN_TOKEN, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: logLevel, ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exitCode;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exitCode = code ?? signal))));
  while (!(await isReady(origin))) {
    if (exitCode !== undefined) throw new Error(`the API exited (${exitCode}) before it was ready:\n${stderr}`);
    if (ms(spawnedAt) > START_TIMEOUT_MS) throw new Error(`the API was not ready after ${START_TIMEOUT_MS} ms:\n${stderr}`);
    await sleep(READY_POLL_MS);
  }
  return {
    url: `${origin}/graphql`,
    origin,
    pid: child.pid,
    readyMs: ms(spawnedAt),
    spawnedAt,
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function isReady(origin) {
  try {
    const response = await fetch(`${origin}/readyz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** One GraphQL request over HTTP with the admin token; throws on GraphQL errors. */
export async function gql(url, query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A graphql-ws client on the API's /graphql (kept open between subscriptions, as the web console keeps it). */
export function subscriptions(url) {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
    retryAttempts: 0,
    lazy: false,
  });
}

const FINAL_EVENT = `subscription($runId: ID!) { runProgress(runId: $runId) { status final } }`;

/** Resolves with the run's final status once its final event arrives over runProgress (stored events first, then live). */
export function finalStatus(client, runId) {
  return new Promise((resolve, reject) => {
    let done = false;
    const dispose = client.subscribe(
      { query: FINAL_EVENT, variables: { runId } },
      {
        next: (result) => {
          if (done) return;
          if (result.errors?.length) {
            done = true;
            reject(new Error(JSON.stringify(result.errors)));
            return;
          }
          const event = result.data.runProgress;
          if (event.final) {
            done = true;
            dispose();
            resolve(event.status);
          }
        },
        error: (error) => {
          if (!done) reject(error instanceof Error ? error : new Error(`subscription closed: ${JSON.stringify(error)}`));
          done = true;
        },
        complete: () => {
          if (!done) reject(new Error(`runProgress of ${runId} completed without a final event`));
          done = true;
        },
      },
    );
  });
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU time (user + system, ms) a process has used, and its children it waited for; null where /proc is missing. */
export function cpuTimeMs(pid) {
  try {
    // The command may contain spaces and parentheses: fields are counted after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return ((utime + stime + cutime + cstime) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU time (ms) of the PostgreSQL servers whose data folder path contains `dataDirPart`: postmaster and backends. */
export function postgresCpuMs(dataDirPart) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const parentOf = new Map();
  const postmasters = new Set();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parentOf.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDirPart)) postmasters.add(pid);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const pid of pids) if (postmasters.has(pid) || postmasters.has(parentOf.get(pid))) total += cpuTimeMs(pid) ?? 0;
  return total;
}

/** The run history page of the web console (apps/web/src/api/operations.ts, ScheduleRunsQuery), first page of 50. */
export const HISTORY_PAGE = `query ScheduleRuns($first: Int!, $after: String, $filter: ScheduleRunFilter, $orderBy: ScheduleRunOrder) {
  scheduleRuns(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id scheduler status makespan createdAt finishedAt error workflow { id name } cluster { id name } } }
    pageInfo { endCursor hasNextPage } } }`;

/**
 * Variables that differ from request to request (`i`) in one no operation declares (GraphQL ignores it): such requests
 * never share an answer in the API's response cache, so each one executes.
 */
export function uncached(variables, i) {
  return { ...variables, uncached: i };
}

/**
 * autocannon's body options for the history page with `variables`: the same body every time (served again from the
 * response cache), or with `computed` a different unused variable per request (every request executes).
 */
export function historyLoad(variables, { computed = false } = {}) {
  const body = (vars) => JSON.stringify({ query: HISTORY_PAGE, variables: vars });
  if (!computed) return { body: body(variables) };
  let request = 0;
  return { body: body(uncached(variables, -1)), requests: [{ setupRequest: (req) => ({ ...req, body: body(uncached(variables, request++)) }) }] };
}

/** Small workflows and clusters the real runs spread over: a history page names several of each. */
const SMALL_WORKFLOWS = 5;
const SMALL_CLUSTERS = 2;
export const SMALL_TASKS = 10;
/** compareSchedulers calls that fill a history: HEFT this many times each. */
export const RUNS_PER_COMPARISON = 8;

/** A few 10-task workflows and two clusters stored through the API at `url`, named as a user would: the history page shows the names. */
export async function smallProblems(url) {
  const clusterIds = [];
  const workflowIds = [];
  const clusters = [];
  for (let c = 0; c < SMALL_CLUSTERS; c++) {
    const cluster = { ...generateCluster({ processors: 4, seed: 100 + c, speed: [1, 4] }), name: `bench cluster ${c + 1}` };
    clusters.push(cluster);
    clusterIds.push((await gql(url, 'mutation($d: String!) { createCluster(input: { document: $d }) { id } }', { d: JSON.stringify(cluster) })).createCluster.id);
  }
  for (let w = 0; w < SMALL_WORKFLOWS; w++) {
    const processors = clusters[0].processors.map((p) => p.id);
    const workflow = generateWorkflow({ tasks: SMALL_TASKS, processors, seed: 200 + w, name: `bench workflow ${w + 1}` });
    workflowIds.push(
      (await gql(url, 'mutation($d: String!) { submitWorkflow(input: { document: $d }) { workflow { id } } }', { d: JSON.stringify(workflow) })).submitWorkflow.workflow.id,
    );
  }
  return { clusterIds, workflowIds };
}

const COMPARE = `mutation($w: ID!, $c: ID!, $s: [SchedulerSelection!]) { compareSchedulers(workflowId: $w, clusterId: $c, schedulers: $s) { id runs { id } } }`;

/** compareSchedulers calls of RUNS_PER_COMPARISON HEFT runs each, all sent at once, spread over the small problems. */
export async function queueComparisons(url, small, runs) {
  const calls = Math.ceil(runs / RUNS_PER_COMPARISON);
  const selections = Array.from({ length: RUNS_PER_COMPARISON }, () => ({ scheduler: 'heft' }));
  const answers = await Promise.all(
    Array.from({ length: calls }, (_, i) =>
      gql(url, COMPARE, { w: small.workflowIds[i % small.workflowIds.length], c: small.clusterIds[i % small.clusterIds.length], s: selections }),
    ),
  );
  return answers.map((a) => a.compareSchedulers.id);
}

/** Waits (polling the database, not the API) until every run of the comparisons has ended; returns the counts. */
export async function waitForComparisons(connectionString, comparisonIds, timeoutMs = 600_000) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const started = performance.now();
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE status IN ('QUEUED', 'RUNNING'))::int AS open, count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
                count(*)::int AS total, extract(epoch FROM max(finished_at) - min(created_at)) * 1000 AS span_ms
         FROM runs WHERE comparison_id = ANY($1::uuid[])`,
        [comparisonIds],
      );
      if (rows[0].open === 0) return rows[0];
      if (ms(started) > timeoutMs) throw new Error(`runs still open after ${timeoutMs} ms: ${JSON.stringify(rows[0])}`);
      await sleep(10);
    }
  } finally {
    await client.end();
  }
}
