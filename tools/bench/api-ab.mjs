// `node tools/bench/api-ab.mjs --a PATH --b PATH`: two builds of the API compared on the history page under load,
// interleaved. Both servers run at once on one embedded PostgreSQL database (real runs made through A with HEFT), and
// the load (autocannon, 32 clients, the console's ScheduleRuns page) goes to A, B, B, A, A, B, ... in short legs:
// whatever the shared host does meanwhile falls on both alike, which a run of `npm run bench:api` per build cannot
// promise (on this machine the same build's CPU per request moved by a third between runs minutes apart). Reports
// per build the CPU per request (API and PostgreSQL), the rate and latency, and the ratio B/A.
// Usage: node tools/bench/api-ab.mjs --a apps/api/dist/main.js --b OTHER/main.js [--legs 8] [--seconds 3]
//   [--connections 32] [--runs 200] [--computed (each request carries a different unused variable, so that none is
//   served again from the response cache: the cost of executing the page)]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createTestDatabase, startTestServer, TEST_SERVER_ENV } from '@hetsched/db/testing';
import { ADMIN_TOKEN, cpuTimeMs, fixed, historyLoad, median, postgresCpuMs, queueComparisons, smallProblems, startApi, waitForComparisons } from './api-bench-support.mjs';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    legs: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    runs: { type: 'string', default: '200' },
    computed: { type: 'boolean', default: false },
  },
});
if (!values.a || !values.b) throw new Error('usage: node tools/bench/api-ab.mjs --a MAIN_JS --b MAIN_JS');
const LEGS = Number(values.legs);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const RUNS = Number(values.runs);

const pgDir = process.env.DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'hetsched-api-ab-'));
const pgServer = pgDir ? await startTestServer(pgDir) : null;
if (pgServer) process.env[TEST_SERVER_ENV] = pgServer.adminConnectionString;
const database = await createTestDatabase();
const env = { DATABASE_URL: database.connectionString };
const servers = { A: await startApi({ env, main: values.a }), B: await startApi({ env, main: values.b }) };
const load = { start: loadavg() };
const legs = { A: [], B: [] };
try {
  await fill(servers.A.url);
  const history = historyLoad({ first: 50 }, { computed: values.computed });
  // Warm-up on both (compiled executor, caches), not counted.
  for (const name of ['A', 'B']) await leg(servers[name], history, 1);
  const order = Array.from({ length: LEGS }, (_, i) => ((i + 1) >> 1) % 2 === 0 ? 'A' : 'B');
  for (const name of order) legs[name].push(await leg(servers[name], history, SECONDS));
} finally {
  const keepAlive = setInterval(() => undefined, 1000);
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await database.drop();
  await pgServer?.stop();
  if (pgDir) await rm(pgDir, { recursive: true, force: true });
  clearInterval(keepAlive);
}
load.end = loadavg();
report();

/** The console's small problems and RUNS real HEFT runs through `url`, until all ended. */
async function fill(url) {
  const small = await smallProblems(url);
  await waitForComparisons(database.connectionString, await queueComparisons(url, small, RUNS));
}

async function leg(server, history, seconds) {
  const api = cpuTimeMs(server.pid);
  const db = postgresCpuMs(pgDir ?? '');
  const result = await autocannon({
    ...history,
    url: server.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const n = result.requests.total;
  return {
    rate: result.requests.average,
    kb: result.throughput.total / n / 1024,
    p50: result.latency.p50,
    p99: result.latency.p99,
    apiMs: (cpuTimeMs(server.pid) - api) / n,
    dbMs: pgDir ? (postgresCpuMs(pgDir) - db) / n : NaN,
  };
}

function report() {
  const summary = (name) => {
    const xs = legs[name];
    const m = (key) => median(xs.map((x) => x[key]));
    return { rate: m('rate'), kb: m('kb'), p50: m('p50'), p99: m('p99'), apiMs: m('apiMs'), dbMs: m('dbMs') };
  };
  const a = summary('A');
  const b = summary('B');
  console.log(`# API A/B, history page of 50 with names${values.computed ? ' (every request computed)' : ''}, ${CONNECTIONS} clients, ${LEGS} legs of ${SECONDS} s interleaved (medians)`);
  console.log(`A = ${values.a}\nB = ${values.b}`);
  console.log(`load average at start ${load.start.map((x) => x.toFixed(2)).join(' / ')}, at end ${load.end.map((x) => x.toFixed(2)).join(' / ')}\n`);
  console.log('| build | req/s | KB per answer | p50 ms | p99 ms | API CPU ms/request | PostgreSQL CPU ms/request |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, s] of [['A', a], ['B', b]]) console.log(`| ${name} | ${fixed(s.rate, 0)} | ${fixed(s.kb, 1)} | ${s.p50} | ${s.p99} | ${fixed(s.apiMs, 3)} | ${fixed(s.dbMs, 3)} |`);
  console.log(`| B / A | ${fixed(b.rate / a.rate, 3)} | ${fixed(b.kb / a.kb, 3)} | ${fixed(b.p50 / a.p50, 2)} | ${fixed(b.p99 / a.p99, 2)} | ${fixed(b.apiMs / a.apiMs, 3)} | ${fixed(b.dbMs / a.dbMs, 3)} |`);
  console.log('\nlegs (A then B, in the order run):');
  for (const name of ['A', 'B']) console.log(name, legs[name].map((x) => `${fixed(x.rate, 0)}/s ${fixed(x.apiMs, 2)}ms p99 ${x.p99}`).join('; '));
}
