#!/usr/bin/env node
// Store benchmark (docs/store.md): how to keep a 100,000-task workflow (64 costs per task, ~300,000 edges), and how
// fast a page of 50 runs is with 100,000 runs stored. Runs against the built library (nx run db:bench builds it
// first), on a throw-away embedded PostgreSQL, or on DATABASE_URL's server when set (it creates a database there).
//
//   node libs/db/bench/store-bench.mjs [--tasks 100000] [--processors 64] [--runs 100000] [--repeat 3] [--skip-workflow] [--skip-history]
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createStore, decodeWorkflow, DOCUMENT_FORMAT, encodeWorkflow, migrateDatabase, startEmbeddedPostgres, workflowContentHash } from '../dist/index.js';
import { largeWorkflow } from '../dist/testing/index.js';
import { copyOutRow } from '../dist/lib/repositories/blob-io.js';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100000' },
    processors: { type: 'string', default: '64' },
    runs: { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '3' },
    'skip-workflow': { type: 'boolean', default: false },
    'skip-history': { type: 'boolean', default: false },
  },
});
const TASKS = Number(args.tasks);
const PROCESSORS = Number(args.processors);
const RUNS = Number(args.runs);
const REPEAT = Number(args.repeat);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(7);
async function timed(fn) {
  const t = performance.now();
  const result = await fn();
  return [performance.now() - t, result];
}

/** Wall-clock and this process's CPU time (user + system) of one call. */
async function timedCpu(fn) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return [performance.now() - t, (used.user + used.system) / 1000, result];
}

/**
 * The variants are measured in two phases: every write (REPEAT times each), then, after the generated workflow has
 * been released, every read. A reading process (the API) does not hold the document it reads; holding it would
 * make every garbage collection during a read walk 100,000 extra objects.
 */
const variants = [];
function variant(name, write, read, check) {
  variants.push({ name, write, read, check, writes: [], writeCpu: [], reads: [], readCpu: [], keys: [] });
}

async function runVariants() {
  for (const v of variants) {
    for (let i = 0; i < REPEAT; i++) {
      global.gc?.();
      const [ms, cpu, key] = await timedCpu(v.write);
      v.writes.push(ms);
      v.writeCpu.push(cpu);
      v.keys.push(key);
    }
  }
}

async function readVariants() {
  for (const v of variants) {
    for (const key of v.keys) {
      global.gc?.();
      const [ms, cpu, back] = await timedCpu(() => v.read(key));
      v.reads.push(ms);
      v.readCpu.push(cpu);
      if (v.check && v.reads.length === 1) v.check(back);
    }
  }
  for (const v of variants) {
    console.log(
      `${v.name.padEnd(58)} write ${fmt(median(v.writes))} ms (cpu ${fmt(median(v.writeCpu))})   read ${fmt(median(v.reads))} ms (cpu ${fmt(median(v.readCpu))})`,
    );
  }
}

/** A few values to check round trips against once the original is gone (the test suite checks exactness in full). */
function fingerprint(w) {
  const picks = [0, 1, Math.floor(w.tasks.length / 2), w.tasks.length - 1];
  const e = w.edges.length - 1;
  return JSON.stringify({
    tasks: w.tasks.length,
    edges: w.edges.length,
    costs: picks.map((t) => Object.entries(w.tasks[t].costs).map(([k, v]) => [k, Object.is(v, -0) ? '-0' : v])),
    edge: [w.edges[e].from, w.edges[e].to, w.edges[e].data],
  });
}

async function workflowBench(connectionString) {
  const store = createStore(connectionString);
  const pool = store.pool;
  console.log(`\n== Workflow: ${TASKS} tasks x ${PROCESSORS} costs, generating...`);
  // as the API receives it: parsed from JSON
  let spec = JSON.parse(JSON.stringify(largeWorkflow({ tasks: TASKS, processors: PROCESSORS })));
  console.log(`   ${spec.edges.length} edges; JSON ${(JSON.stringify(spec).length / 1e6).toFixed(0)} MB`);
  const [hashMs] = await timed(() => workflowContentHash(spec));
  const [encMs, bytes] = await timed(() => encodeWorkflow(spec));

  const [decMs] = await timed(() => decodeWorkflow(bytes));
  console.log(`   hsdoc/1: ${(bytes.length / 1e6).toFixed(1)} MB; encode ${encMs.toFixed(0)} ms, decode ${decMs.toFixed(0)} ms, content hash ${hashMs.toFixed(0)} ms\n`);

  await pool.query(`
    CREATE TABLE bench_blob_extended (id uuid PRIMARY KEY, data bytea NOT NULL);
    CREATE TABLE bench_blob_external (id uuid PRIMARY KEY, data bytea NOT NULL);
    ALTER TABLE bench_blob_external ALTER COLUMN data SET STORAGE EXTERNAL;
    CREATE TABLE bench_json (id uuid PRIMARY KEY, doc json NOT NULL);
    CREATE TABLE bench_jsonb (id uuid PRIMARY KEY, doc jsonb NOT NULL);
    CREATE TABLE bench_tasks (workflow_id uuid, position int, id text, work float8, costs float8[], PRIMARY KEY (workflow_id, position));
    CREATE TABLE bench_edges (workflow_id uuid, position int, from_task int, to_task int, data float8, PRIMARY KEY (workflow_id, position));
  `);
  const expected = fingerprint(spec);
  const sameWorkflow = (back) => {
    if (fingerprint(back) !== expected) throw new Error('round trip changed the workflow');
  };
  const bytesDigest = createHash('sha256').update(bytes).digest('hex');
  const sameBytes = (back) => {
    if (createHash('sha256').update(back).digest('hex') !== bytesDigest) throw new Error('bytes changed');
  };

  variant(
    'chosen: WorkflowRepository (hash + hsdoc/1 + bytea, COPY out)',
    async () => (await store.workflows.create({ spec })).workflow.id,
    async (id) => (await store.workflows.findById(id)).spec,
    sameWorkflow,
  );
  variant(
    '  its I/O alone: bytea INSERT (binary parameter) / COPY out',
    async () => {
      const id = crypto.randomUUID();
      await pool.query('INSERT INTO bench_blob_external (id, data) VALUES ($1, $2)', [id, bytes]);
      return id;
    },
    async (id) => {
      const client = await pool.connect();
      try {
        return (await copyOutRow(client, `SELECT data FROM bench_blob_external WHERE id = '${id}'`))[0];
      } finally {
        client.release();
      }
    },
    sameBytes,
  );
  variant(
    '  the same without the content hash',
    async () => (await store.workflows.create({ spec, contentHash: 'precomputed' })).workflow.id,
    async (id) => (await store.workflows.findById(id)).spec,
  );
  variant(
    'hsdoc/1 bytea via Prisma Bytes (create / findUnique)',
    async () => {
      const w = await store.prisma.workflow.create({
        data: { contentHash: 'x', taskCount: TASKS, edgeCount: spec.edges.length, tags: [], content: { create: { format: DOCUMENT_FORMAT, data: encodeWorkflow(spec) } } },
      });
      return w.id;
    },
    async (id) => decodeWorkflow((await store.prisma.workflowContent.findUnique({ where: { workflowId: id } })).data),
    sameWorkflow,
  );
  variant(
    'hsdoc/1 bytea, pg, text (hex) read instead of binary COPY',
    async () => (await store.workflows.create({ spec, contentHash: 'x' })).workflow.id,
    async (id) => decodeWorkflow((await pool.query('SELECT data FROM workflow_contents WHERE workflow_id = $1', [id])).rows[0].data),
  );
  variant(
    'hsdoc/1 bytea with default storage (pglz compression)',
    async () => {
      const id = crypto.randomUUID();
      await pool.query('INSERT INTO bench_blob_extended (id, data) VALUES ($1, $2)', [id, encodeWorkflow(spec)]);
      return id;
    },
    async (id) => {
      const client = await pool.connect();
      try {
        return decodeWorkflow((await copyOutRow(client, `SELECT data FROM bench_blob_extended WHERE id = '${id}'`))[0]);
      } finally {
        client.release();
      }
    },
    sameWorkflow,
  );
  for (const table of ['bench_json', 'bench_jsonb']) {
    variant(
      `one ${table.slice(6)} value (JSON.stringify / JSON.parse)`,
      async () => {
        const id = crypto.randomUUID();
        await pool.query(`INSERT INTO ${table} (id, doc) VALUES ($1, $2)`, [id, JSON.stringify(spec)]);
        return id;
      },
      async (id) => (await pool.query(`SELECT doc FROM ${table} WHERE id = $1`, [id])).rows[0].doc,
      table === 'bench_json' ? sameWorkflow : undefined,
    );
  }
  const processorIds = Object.keys(spec.tasks[0].costs);
  const specName = spec.name;
  variant(
    'rows: tasks (costs float8[]) + edges, INSERT ... unnest',
    async () => {
      const id = crypto.randomUUID();
      const index = new Map(spec.tasks.map((t, i) => [t.id, i]));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const chunk = 20_000;
        for (let s = 0; s < spec.tasks.length; s += chunk) {
          const part = spec.tasks.slice(s, s + chunk);
          await client.query(
            `INSERT INTO bench_tasks (workflow_id, position, id, work, costs)
             SELECT $1, p, i, w, string_to_array(c, ',')::float8[] FROM unnest($2::int[], $3::text[], $4::float8[], $5::text[]) AS u(p, i, w, c)`,
            [id, part.map((_, k) => s + k), part.map((t) => t.id), part.map((t) => t.work), part.map((t) => processorIds.map((p) => String(t.costs[p])).join(','))],
          );
        }
        for (let s = 0; s < spec.edges.length; s += 100_000) {
          const part = spec.edges.slice(s, s + 100_000);
          await client.query(
            `INSERT INTO bench_edges (workflow_id, position, from_task, to_task, data)
             SELECT $1, p, f, t, d FROM unnest($2::int[], $3::int[], $4::int[], $5::float8[]) AS u(p, f, t, d)`,
            [id, part.map((_, k) => s + k), part.map((e) => index.get(e.from)), part.map((e) => index.get(e.to)), part.map((e) => e.data)],
          );
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      return id;
    },
    async (id) => {
      const tasks = (await pool.query({ text: 'SELECT id, work, costs FROM bench_tasks WHERE workflow_id = $1 ORDER BY position', values: [id], rowMode: 'array' })).rows;
      const edges = (await pool.query({ text: 'SELECT from_task, to_task, data FROM bench_edges WHERE workflow_id = $1 ORDER BY position', values: [id], rowMode: 'array' })).rows;
      const outTasks = tasks.map(([tid, work, costs]) => {
        const c = {};
        for (let p = 0; p < processorIds.length; p++) c[processorIds[p]] = costs[p];
        return { id: tid, work, costs: c };
      });
      return { name: specName, tasks: outTasks, edges: edges.map(([f, t, data]) => ({ from: outTasks[f].id, to: outTasks[t].id, data })) };
    },
    sameWorkflow,
  );
  await runVariants();
  // release the generated workflow before reading
  spec = null;
  global.gc?.();
  console.log(`   (writes done; reading with the original released)\n`);
  await readVariants();
  await store.close();
}

async function historyBench(connectionString) {
  const store = createStore(connectionString);
  const pool = store.pool;
  console.log(`\n== Run history: ${RUNS} runs, pages of 50`);
  const [fillMs] = await timed(async () => {
    await pool.query(`
      INSERT INTO workflows (id, name, tags, content_hash, task_count, edge_count)
        SELECT gen_random_uuid(), 'w' || i, '{}', md5(i::text), 10, 10 FROM generate_series(1, 200) i;
      INSERT INTO clusters (id, name, tags, content_hash, processor_count, link_count)
        SELECT gen_random_uuid(), 'c' || i, '{}', md5(i::text), 8, 0 FROM generate_series(1, 5) i;`);
    await pool.query(
      `WITH w AS (SELECT array_agg(id ORDER BY name) AS ids FROM workflows),
            c AS (SELECT array_agg(id ORDER BY name) AS ids FROM clusters)
       INSERT INTO schedule_runs (id, workflow_id, cluster_id, scheduler, scheduler_version, options, status, created_at,
                                  started_at, finished_at, makespan, metrics)
       SELECT gen_random_uuid(), w.ids[1 + (i % 200)], c.ids[1 + (i % 5)],
              (ARRAY['heft','peft','cpop','hybrid-ga','deepsched','random'])[1 + (i % 6)], '1.0.0', '{"seed": 1}',
              s.status, now() - make_interval(secs => ($1 - i) * 0.5), now(), now(),
              CASE WHEN s.status = 'SUCCEEDED' THEN round((50 + random() * 950)::numeric, 1)::float8 END,
              CASE WHEN s.status = 'SUCCEEDED' THEN '{"slr": 1.5}'::json END
       FROM generate_series(1, $1) i, w, c,
            LATERAL (SELECT (CASE WHEN i % 50 = 0 THEN 'FAILED' WHEN i % 97 = 0 THEN 'QUEUED' WHEN i % 89 = 0 THEN 'RUNNING'
                                  ELSE 'SUCCEEDED' END)::run_status AS status) s`,
      [RUNS],
    );
    await pool.query('ANALYZE schedule_runs');
  });
  console.log(`   filled in ${(fillMs / 1000).toFixed(1)} s\n`);
  const someWorkflow = (await pool.query('SELECT id FROM workflows ORDER BY name LIMIT 1')).rows[0].id;
  const middle = (await pool.query('SELECT created_at FROM schedule_runs ORDER BY created_at OFFSET $1 LIMIT 1', [Math.floor(RUNS / 2)])).rows[0].created_at;

  const cases = [
    ['all, newest first', {}, { field: 'CREATED_AT', direction: 'DESC' }],
    ['all, oldest first', {}, { field: 'CREATED_AT', direction: 'ASC' }],
    ['all, by makespan ascending', {}, { field: 'MAKESPAN', direction: 'ASC' }],
    ['all, by makespan descending (unfinished first)', {}, { field: 'MAKESPAN', direction: 'DESC' }],
    ['one workflow (500 runs), by makespan', { workflowId: someWorkflow }, { field: 'MAKESPAN', direction: 'ASC' }],
    ['one workflow, newest first', { workflowId: someWorkflow }, { field: 'CREATED_AT', direction: 'DESC' }],
    ['one scheduler, newest first', { scheduler: 'hybrid-ga' }, { field: 'CREATED_AT', direction: 'DESC' }],
    ['one scheduler, by makespan', { scheduler: 'hybrid-ga' }, { field: 'MAKESPAN', direction: 'ASC' }],
    ['status FAILED (2%), newest first', { status: 'FAILED' }, { field: 'CREATED_AT', direction: 'DESC' }],
    ['status QUEUED (1%), by makespan', { status: 'QUEUED' }, { field: 'MAKESPAN', direction: 'ASC' }],
    ['created in the newer half, oldest first', { createdAfter: middle }, { field: 'CREATED_AT', direction: 'ASC' }],
    ['workflow + scheduler + SUCCEEDED, by makespan', { workflowId: someWorkflow, scheduler: 'heft', status: 'SUCCEEDED' }, { field: 'MAKESPAN', direction: 'ASC' }],
  ];
  const results = [];
  for (const [name, filter, order] of cases) {
    // first page, then 20 pages deep via cursors: time every page
    const times = [];
    let after = null;
    for (let page = 0; page < 20; page++) {
      const [ms, result] = await timed(() => store.runs.history(filter, order, 50, after));
      times.push(ms);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    const row = { name, firstPage: times[0], medianPage: median(times.slice(1).length ? times.slice(1) : times), pages: times.length };
    results.push(row);
    console.log(`${name.padEnd(50)} first page ${fmt(row.firstPage)} ms   next ${row.pages - 1} pages median ${fmt(row.medianPage)} ms`);
  }

  // The alternative for the commonest query: Prisma findMany with an OR keyset condition.
  const prismaTimes = [];
  let cursor = null;
  for (let page = 0; page < 20; page++) {
    const [ms, rows] = await timed(() =>
      store.prisma.scheduleRun.findMany({
        where: cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 51,
      }),
    );
    prismaTimes.push(ms);
    cursor = rows[49];
  }
  console.log(`${'Prisma findMany, OR keyset, newest first'.padEnd(50)} first page ${fmt(prismaTimes[0])} ms   next 19 pages median ${fmt(median(prismaTimes.slice(1)))} ms`);
  results.push({ name: 'Prisma findMany, OR keyset, newest first', firstPage: prismaTimes[0], medianPage: median(prismaTimes.slice(1)), pages: 20 });

  const plan = await pool.query(
    `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM schedule_runs WHERE scheduler = 'hybrid-ga' AND (makespan, id) > (500, '00000000-0000-0000-0000-000000000000'::uuid) ORDER BY makespan, id LIMIT 51`,
  );
  console.log(`\n   plan, one scheduler by makespan:\n${plan.rows.map((r) => `     ${r['QUERY PLAN']}`).join('\n')}`);
  await store.close();
  return results;
}

const external = process.env.DATABASE_URL;
let dir = null;
let server = null;
let adminUrl = external;
if (!external) {
  dir = await mkdtemp(join(tmpdir(), 'hetsched-bench-'));
  // a durable server (fsync on), as in production
  server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: 0, database: 'bench_admin' });
  adminUrl = server.adminConnectionString;
}
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const name = `hetsched_bench_${process.pid}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
try {
  await migrateDatabase(url.toString());
  const version = (await admin.query('SHOW server_version')).rows[0].server_version;
  console.log(`PostgreSQL ${version}${server ? ' (embedded)' : ''}, Node ${process.version}; medians of ${REPEAT}`);
  if (!args['skip-workflow']) await workflowBench(url.toString());
  if (!args['skip-history']) await historyBench(url.toString());
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
