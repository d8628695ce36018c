// The load test of issue #14: two API processes and two workers on one PostgreSQL, for a fixed time, under clients
// that mix what users do (submit workflows, schedule and compare, read the history and single runs) while live
// subscriptions follow runs and status changes. It reports requests/s and latency per operation, errors, events lost
// or duplicated (each followed run's events against the stored list), runs left non-final after the load, and the
// memory of every process at start and end. Needs the apps built (`npx nx run-many -t build --exclude web`).
//
// Usage: node tools/bench/load-bench.mjs [--seconds 60] [--clients 32] [--subscriptions 50] [--quick] [--json FILE]
//   --quick   15 s, 8 clients, 10 subscriptions (a smoke run)
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, startTestServer, TEST_SERVER_ENV } from '@hetsched/db/testing';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    clients: { type: 'string' },
    subscriptions: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds ?? (values.quick ? 15 : 60));
const CLIENTS = Number(values.clients ?? (values.quick ? 8 : 32));
const SUBSCRIPTIONS = Number(values.subscriptions ?? (values.quick ? 10 : 50));
/** Of the subscriptions, this share watches runStatusChanged; the rest follow one run's runProgress after another. */
const STATUS_WATCHER_SHARE = 0.2;
/** After the load, how long runs may take to reach a final status before they count as left non-final. */
const DRAIN_MS = 120_000;
const ADMIN = `hs_load-bench-${Date.now()}-0123456789abcdef`;

// ---- processes -----------------------------------------------------------------------------------------------------

/** Starts a built app and waits for its ready line; returns its pid, the captured group and a stop function. */
function startApp(script, readyLine, env) {
  const child = spawn(process.execPath, [join(root, script)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      const match = readyLine.exec(out);
      if (match) {
        out = '';
        resolve({ pid: child.pid, ready: match[1], stderr: () => err, stop: () => (child.kill('SIGTERM'), exited) });
      }
    });
    void exited.then(({ code }) => reject(new Error(`${script} exited (${code}) before it was ready:\n${err}`)));
  });
}

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

// ---- GraphQL -------------------------------------------------------------------------------------------------------

async function gql(url, query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code ?? response.status}: ${body.errors[0].message}`);
  return body.data;
}

const Q = {
  history: `query($first: Int!) { scheduleRuns(first: $first) { edges { cursor node { id scheduler status makespan createdAt finishedAt error workflow { id name } cluster { id name } } } pageInfo { endCursor hasNextPage } } }`,
  run: `query($id: ID!) { scheduleRun(id: $id) { id status makespan metrics { slr speedup efficiency } workflow { name } } }`,
  schedule: `mutation($w: ID!, $c: ID!, $s: String!, $o: JSONObject) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: $s, options: $o) { id status } }`,
  compare: `mutation($w: ID!, $c: ID!, $s: [SchedulerSelection!]) { compareSchedulers(workflowId: $w, clusterId: $c, schedulers: $s) { id runs { id } } }`,
  generate: `mutation($i: GenerateWorkflowInput!) { generateWorkflow(input: $i) { workflow { id } cluster { id } } }`,
  workflows: `query { workflows(first: 20) { edges { node { id name taskCount } } } }`,
  progress: `subscription($runId: ID!) { runProgress(runId: $runId) { sequence kind status final } }`,
  statusChanged: `subscription { runStatusChanged { id status } }`,
};

// ---- the load ------------------------------------------------------------------------------------------------------

/** The operations a client picks from, with weights: mostly reads, as on a real console. */
function operations(ctx) {
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  return [
    { name: 'history page (50)', weight: 35, run: (url) => gql(url, Q.history, { first: 50 }) },
    { name: 'run by id', weight: 15, run: (url) => gql(url, Q.run, { id: pick(ctx.runIds) }) },
    { name: 'workflows page', weight: 10, run: (url) => gql(url, Q.workflows) },
    {
      name: 'scheduleWorkflow (heft)',
      weight: 20,
      run: async (url) => ctx.queued.push((await gql(url, Q.schedule, { w: pick(ctx.workflowIds), c: ctx.clusterId, s: 'heft' })).scheduleWorkflow.id),
    },
    {
      name: 'compareSchedulers (heft, ga 0.5 s)',
      weight: 5,
      run: async (url) => {
        const { compareSchedulers } = await gql(url, Q.compare, {
          w: pick(ctx.workflowIds),
          c: ctx.clusterId,
          s: [{ scheduler: 'heft' }, { scheduler: 'hybrid-ga', options: { timeBudgetMs: 500, threads: 1 } }],
        });
        ctx.queued.push(...compareSchedulers.runs.map((r) => r.id));
      },
    },
    {
      name: 'generateWorkflow (50 tasks)',
      weight: 5,
      run: async (url) => ctx.workflowIds.push((await gql(url, Q.generate, { i: { tasks: 50, seed: ctx.seed++, clusterId: ctx.clusterId } })).generateWorkflow.workflow.id),
    },
  ];
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function client(url, ops, until, stats) {
  const total = ops.reduce((n, o) => n + o.weight, 0);
  while (Date.now() < until) {
    let r = Math.random() * total;
    const op = ops.find((o) => (r -= o.weight) < 0) ?? ops[0];
    const s = (stats[op.name] ??= { latencies: [], errors: 0, firstError: null });
    const t0 = performance.now();
    try {
      await op.run(url);
      s.latencies.push(performance.now() - t0);
    } catch (error) {
      s.errors++;
      s.firstError ??= String(error.message ?? error).slice(0, 200);
    }
  }
}

/** Follows runs one after another with runProgress; checks each run's events arrive once, in order, from 1 to final. */
async function follower(wsUrl, ctx, until, report) {
  const ws = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN}` }, retryAttempts: 0 });
  try {
    while (Date.now() < until) {
      const runId = ctx.queued[Math.floor(Math.random() * ctx.queued.length)];
      if (!runId) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const sequences = [];
      let final = false;
      await new Promise((resolve) => {
        ws.subscribe({ query: Q.progress, variables: { runId } }, {
          next: ({ data, errors }) => {
            if (errors) report.errors.push(errors[0].message);
            else {
              sequences.push(data.runProgress.sequence);
              final ||= data.runProgress.final;
            }
          },
          error: (error) => (report.errors.push(String(error?.message ?? error)), resolve()),
          complete: resolve,
        });
      });
      report.followed++;
      if (!final) report.notFinal++;
      for (let i = 0; i < sequences.length; i++) {
        const expected = i + 1;
        if (sequences[i] < expected) report.duplicated++;
        else if (sequences[i] > expected) {
          report.lost += sequences[i] - expected;
          sequences.splice(i, 0, ...Array.from({ length: sequences[i] - expected }, (_, k) => expected + k));
        }
      }
      report.events += sequences.length;
    }
  } finally {
    await ws.dispose();
  }
}

/** Watches runStatusChanged for the whole load: counts the changes it saw (each run's statuses in order). */
function statusWatcher(wsUrl, report) {
  const ws = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN}` }, retryAttempts: 0 });
  const dispose = ws.subscribe({ query: Q.statusChanged }, {
    next: ({ errors }) => (errors ? report.errors.push(errors[0].message) : report.statusChanges++),
    error: (error) => report.errors.push(String(error?.message ?? error)),
    complete: () => undefined,
  });
  return async () => {
    dispose();
    await ws.dispose();
  };
}

// ---- main ----------------------------------------------------------------------------------------------------------

const pgDir = await mkdtemp(join(tmpdir(), 'hetsched-load-pg-'));
const pgServer = await startTestServer(pgDir);
process.env[TEST_SERVER_ENV] = pgServer.adminConnectionString;
const database = await createTestDatabase();
const env = { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' };
const apps = [];
try {
  const apis = await Promise.all([0, 1].map(() => startApp('apps/api/dist/main.js', /hetsched API listening on (\S+)/, { ...env, HETSCHED_API_WORKER: 'false' })));
  apps.push(...apis.map((a, i) => ({ name: `API ${'AB'[i]}`, ...a })));
  const workers = await Promise.all([0, 1].map(() => startApp('apps/worker/dist/main.js', /hetsched worker (\S+) ready/, env)));
  apps.push(...workers.map((w, i) => ({ name: `worker ${i + 1}`, ...w })));
  const urls = apis.map((a) => a.ready);

  // A cluster of 8 processors and 20 generated workflows of 50-300 tasks, and a first run on each.
  const ctx = { workflowIds: [], runIds: [], queued: [], clusterId: '', seed: 1000 };
  const first = await gql(urls[0], Q.generate, { i: { tasks: 100, seed: 1, cluster: { processors: 8 } } });
  ctx.clusterId = first.generateWorkflow.cluster.id;
  ctx.workflowIds.push(first.generateWorkflow.workflow.id);
  for (let i = 0; i < 19; i++) ctx.workflowIds.push((await gql(urls[i % 2], Q.generate, { i: { tasks: 50 + 250 * (i % 2), seed: 10 + i, clusterId: ctx.clusterId } })).generateWorkflow.workflow.id);
  for (const w of ctx.workflowIds) ctx.runIds.push((await gql(urls[0], Q.schedule, { w, c: ctx.clusterId, s: 'heft' })).scheduleWorkflow.id);
  ctx.queued.push(...ctx.runIds);

  const memoryStart = apps.map((a) => rssMb(a.pid));
  const loadStart = loadavg();
  const stats = {};
  const subs = { followed: 0, events: 0, lost: 0, duplicated: 0, notFinal: 0, statusChanges: 0, errors: [] };
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const watchers = Math.round(SUBSCRIPTIONS * STATUS_WATCHER_SHARE);
  const stopWatchers = Array.from({ length: watchers }, (_, i) => statusWatcher(urls[i % 2].replace(/^http/, 'ws'), subs));
  const ops = operations(ctx);
  await Promise.all([
    ...Array.from({ length: CLIENTS }, (_, i) => client(urls[i % 2], ops, until, stats)),
    ...Array.from({ length: SUBSCRIPTIONS - watchers }, (_, i) => follower(urls[(i + 1) % 2].replace(/^http/, 'ws'), ctx, until, subs)),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(stopWatchers.map((stop) => stop()));
  const loadEnd = loadavg();

  // Every run the load made must reach a final status.
  const drainUntil = Date.now() + DRAIN_MS;
  let nonFinal = [];
  const finalStatuses = {};
  for (;;) {
    nonFinal = [];
    for (const key of Object.keys(finalStatuses)) delete finalStatuses[key];
    for (let i = 0; i < ctx.queued.length; i += 50) {
      const ids = ctx.queued.slice(i, i + 50);
      const runs = await Promise.all(ids.map(async (id) => (await gql(urls[0], `query($id: ID!) { scheduleRun(id: $id) { id status } }`, { id })).scheduleRun));
      for (const run of runs) {
        if (run.status === 'QUEUED' || run.status === 'RUNNING') nonFinal.push(run.id);
        else finalStatuses[run.status] = (finalStatuses[run.status] ?? 0) + 1;
      }
    }
    if (nonFinal.length === 0 || Date.now() > drainUntil) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const memoryEnd = apps.map((a) => rssMb(a.pid));

  const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const rows = Object.entries(stats).map(([name, s]) => {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    return { name, requests: sorted.length, errors: s.errors, perSecond: sorted.length / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), firstError: s.firstError };
  });
  const all = Object.values(stats).flatMap((s) => s.latencies).sort((a, b) => a - b);
  const totalErrors = rows.reduce((n, r) => n + r.errors, 0);
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; load average ${loadStart.map((l) => l.toFixed(1)).join(' / ')} at start, ${loadEnd.map((l) => l.toFixed(1)).join(' / ')} at end.`,
    `${SECONDS} s, ${CLIENTS} clients (half on each API), ${SUBSCRIPTIONS} subscriptions (${watchers} on runStatusChanged, ${SUBSCRIPTIONS - watchers} following runs with runProgress), two APIs (HETSCHED_API_WORKER=false) and two workers on one PostgreSQL.`,
    '',
    '| operation | requests | per second | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.requests} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} |`),
    `| **all** | ${all.length} | ${fmt(all.length / elapsed)} | ${fmt(percentile(all, 50))} | ${fmt(percentile(all, 99))} | ${totalErrors} |`,
    '',
    `Runs made: ${ctx.queued.length} (${Object.entries(finalStatuses).map(([k, v]) => `${v} ${k}`).join(', ')}); left non-final ${DRAIN_MS / 1000} s after the load: ${nonFinal.length}.`,
    `Subscriptions: ${subs.followed} runs followed to their end, ${subs.events} events, ${subs.lost} lost, ${subs.duplicated} duplicated, ${subs.notFinal} streams ended without a final event; ${subs.statusChanges} status changes seen by the watchers; ${subs.errors.length} subscription errors.`,
    '',
    '| process | RSS at start (MB) | RSS at end (MB) |',
    '|---|---:|---:|',
    ...apps.map((a, i) => `| ${a.name} | ${fmt(memoryStart[i], 0)} | ${fmt(memoryEnd[i], 0)} |`),
  ];
  for (const r of rows) if (r.firstError) lines.push(`\nfirst error of ${r.name}: ${r.firstError}`);
  if (subs.errors.length) lines.push(`\nfirst subscription error: ${subs.errors[0]}`);
  console.log(lines.join('\n'));
  if (values.json) writeFileSync(values.json, JSON.stringify({ seconds: SECONDS, clients: CLIENTS, subscriptions: SUBSCRIPTIONS, rows, subs: { ...subs, errors: subs.errors.slice(0, 20) }, nonFinal: nonFinal.length, finalStatuses, memoryStart, memoryEnd }, null, 2));
  process.exitCode = totalErrors + subs.lost + subs.duplicated + nonFinal.length + subs.errors.length > 0 ? 1 : 0;
} finally {
  await Promise.all(apps.map((a) => a.stop()));
  await database.drop();
  await pgServer.stop();
  await rm(pgDir, { recursive: true, force: true });
}
