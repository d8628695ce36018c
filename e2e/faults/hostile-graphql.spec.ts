// Issue #14, hostile GraphQL against a real API process: alias bombs, field repetition, deep and cyclic fragments, a
// body over 64 MiB, and a thousand WebSocket subscriptions on one socket and across sockets. Each is refused with
// the code docs/api.md (Limits, Errors) and apps/api/src/limits give, at the default limits, while a prober in a
// process of its own keeps asking /healthz: every probe must be answered 200. apps/api/src/limits/*.spec.ts test the
// same limits in-process with small settings; this is the proof on the built server with its defaults. Latencies
// (refusals, probes) are printed, never asserted: the machine is shared.
import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { percentile, startHealthProber, type HealthProber, type Probe } from '../support/health-prober.js';
import { makePluginRoot } from '../support/plugin-root.js';
import { subscriptionClient } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';
import { storePaperExample } from '../support/runs.js';

const ADMIN = 'hs_e2e-hostile-admin-token-0123456789ab';
// The server's defaults (apps/api/src/server/config.ts, docs/api.md): nothing is set in the environment.
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_SUBSCRIPTIONS_PER_SOCKET = 100;
const MAX_REPEATED_FIELD = 16;
const MAX_ALIASES = 64;
const MAX_TOKENS = 20_000;
const MAX_DEPTH = 12;
/** Subscriptions opened in each WebSocket test. */
const THOUSAND = 1_000;
const SOCKETS = 10;

let database: E2eDatabase | undefined;
let pluginRoot: string | undefined;
let api: ApiProcess | undefined;
let prober: HealthProber | undefined;
let probes: Probe[] | undefined;
let workflowId: string;
let clusterId: string;
/** What each part of the suite took, to report the probes' latencies by part. */
const phases: { name: string; start: number; end: number }[] = [];
/** How long each refusal took (ms), by case: printed, not asserted. */
const refusals: Record<string, number> = {};

async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    phases.push({ name, start, end: Date.now() });
  }
}

const times = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(' ');

/** `levels` fragments, each spreading the next twice: 2^levels copies of the last one's field once expanded. */
const doublingFragments = (levels: number) =>
  `query { ...D0 } ${times(levels, (i) => `fragment D${i} on Query { ${i === levels - 1 ? 'viewer { name }' : `...D${i + 1} ...D${i + 1}`} }`)}`;
/** A chain of fragments, each one level of workflow.runs.edges.node deeper than the last. */
const nestingFragments = (levels: number) =>
  `query { scheduleRuns(first: 1) { edges { node { ...N0 } } } } ${times(levels, (i) => `fragment N${i} on ScheduleRun { id ${i === levels - 1 ? '' : `workflow { runs(first: 1) { edges { node { ...N${i + 1} } } } }`} }`)}`;

/**
 * Hostile queries over HTTP: [what, query, HTTP status, code]. Each derivation from the default limits:
 * - 3,000 aliases of one field: the field repeats past 16 in one selection set (REPEATED_FIELD) within 18,000 tokens;
 * - 70 aliases over names each used at most 16 times per selection set: past 64 aliases (TOO_MANY_ALIASES);
 * - 10,000 aliases are 60,000 tokens: past 20,000 the parser stops (GRAPHQL_PARSE_FAILED), before any shape check;
 * - one field 1,000 times: REPEATED_FIELD;
 * - 30 fragments each spreading the next twice (2^30 fields expanded): the 17th copy of `viewer` repeats (REPEATED_FIELD);
 * - fragments nested 20 levels (4 fields each): depth 3 + 4 x 19 + 1 > 12 (QUERY_TOO_DEEP);
 * - fragments that spread each other, or themselves: validation (GRAPHQL_VALIDATION_FAILED), never expanded;
 * - 100 runs with their Gantt charts and assignments: cost 100 x (100 + 50 + ...) > 5,000 (QUERY_TOO_COMPLEX).
 */
/** [what, HTTP status, code, query] */
const HOSTILE: [string, number, string, string][] = [
  ['an alias bomb on one field (3,000 aliases)', 400, 'REPEATED_FIELD', `{ ${times(3_000, (i) => `a${i}: viewer { name }`)} }`],
  ['an alias bomb over several fields (70 aliases)', 400, 'TOO_MANY_ALIASES', `{ ${times(5, (v) => `v${v}: viewer { ${times(13, (i) => `n${i}: ${i % 2 ? 'name' : 'role'}`)} }`)} }`],
  ['an alias bomb past the token limit (10,000 aliases)', 400, 'GRAPHQL_PARSE_FAILED', `{ ${times(10_000, (i) => `a${i}: viewer { name }`)} }`],
  ['one field repeated 1,000 times', 400, 'REPEATED_FIELD', `{ viewer { ${times(1_000, () => 'name')} } }`],
  ['fragments doubling 30 times (2^30 fields expanded)', 400, 'REPEATED_FIELD', doublingFragments(30)],
  ['fragments nested 20 levels deep', 400, 'QUERY_TOO_DEEP', nestingFragments(20)],
  ['fragments spreading each other (a cycle)', 400, 'GRAPHQL_VALIDATION_FAILED', 'query { ...A } fragment A on Query { viewer { name } ...B } fragment B on Query { schedulers { name } ...A }'],
  ['a fragment spreading itself', 400, 'GRAPHQL_VALIDATION_FAILED', 'query { ...S } fragment S on Query { viewer { name } ...S ...S }'],
  ['a query whose estimated cost is too high', 400, 'QUERY_TOO_COMPLEX', '{ scheduleRuns(first: 100) { edges { node { ganttSvg assignments { task } } } } }'],
];

beforeAll(async () => {
  database = await createE2eDatabase();
  pluginRoot = await makePluginRoot(['core', 'scheduler-heft']);
  // One API with its own worker (the default): the HEFT run that proves the subscriptions live runs in it.
  api = await startApiProcess({ env: { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_PLUGIN_ROOT: pluginRoot }, timeoutMs: 120_000 });
  ({ workflowId, clusterId } = await storePaperExample(api.url, ADMIN));
  prober = startHealthProber(`${api.origin}/healthz`);
}, 240_000);

afterAll(async () => {
  probes ??= await prober?.stop().catch(() => undefined);
  const exit = await api?.stop();
  await database?.drop();
  if (pluginRoot) await rm(pluginRoot, { recursive: true, force: true });
  expect(exit?.code ?? 0).toBe(0);
}, 120_000);

describe('hostile GraphQL against the API process, /healthz probed throughout', () => {
  it.each(HOSTILE)('%s: HTTP %i, %s', async (what, status, code, query) => {
    const response = await phase(`http: ${what}`, async () => {
      const started = performance.now();
      const result = await graphqlRequest(api!.url, query, {}, ADMIN);
      refusals[what] = Math.round(performance.now() - started);
      return result;
    });
    expect(response.status).toBe(status);
    expect(response.data ?? null).toBeNull();
    // One error, or (validation) one per fault found, all with the code.
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(new Set(response.errors?.map((e) => e.extensions?.['code']))).toEqual(new Set([code]));
  });

  it('the limits the refusals name are the defaults', async () => {
    const [bomb, aliases, tokens, , , deep] = HOSTILE;
    const first = async (query: string) => (await graphqlRequest(api!.url, query, {}, ADMIN)).errors![0]!;
    expect((await first(bomb![3])).message).toBe(`query refused before validation: field "viewer" is selected more than ${MAX_REPEATED_FIELD} times in one selection set`);
    expect((await first(aliases![3])).message).toBe(`query refused before validation: the operation uses more than ${MAX_ALIASES} aliases`);
    // graphql-js's own wording ("more that 20000 tokens"): only the number is ours.
    expect((await first(tokens![3])).message).toMatch(new RegExp(`Document contains more th\\w+ ${MAX_TOKENS} tokens`));
    expect((await first(deep![3])).extensions).toMatchObject({ maxDepth: MAX_DEPTH });
  });

  // Over graphql-ws the same checks run in onSubscribe (apps/api/src/limits/subscription-limits.ts).
  const WS_BOMB = `subscription { ${times(3_000, (i) => `a${i}: runStatusChanged { id }`)} }`;
  const WS_CYCLE = 'subscription { ...A } fragment A on Subscription { runStatusChanged { id } ...B } fragment B on Subscription { ...A }';
  const WS_TOKENS = `subscription { ${times(10_000, (i) => `a${i}: runStatusChanged { id }`)} }`;

  it('the same shapes are refused over WebSocket, never served', async () => {
    const client = subscriptionClient(api!.url, ADMIN);
    try {
      const [bomb, cycle, tokens] = await phase('ws: hostile subscriptions', () => Promise.all([WS_BOMB, WS_CYCLE, WS_TOKENS].map((query) => refusalOf(client, query))));
      expect(bomb!.map((e) => e.extensions?.['code'])).toEqual(['REPEATED_FIELD']);
      expect(cycle!.map((e) => e.message)).toEqual(['Cannot spread fragment "A" within itself via "B".']);
      expect(tokens!.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`Document contains more th\\w+ ${MAX_TOKENS} tokens`))]);
    } finally {
      await client.dispose();
    }
  });

  // Over HTTP Apollo gives these GRAPHQL_VALIDATION_FAILED and GRAPHQL_PARSE_FAILED (docs/api.md, Errors); graphql-ws
  // gives the same codes.
  it('the parse and validation refusals carry the codes HTTP gives them over WebSocket too', async () => {
    const client = subscriptionClient(api!.url, ADMIN);
    try {
      const [cycle, tokens] = await Promise.all([WS_CYCLE, WS_TOKENS].map((query) => refusalOf(client, query)));
      expect([cycle!.map((e) => e.extensions?.['code']), tokens!.map((e) => e.extensions?.['code'])]).toEqual([['GRAPHQL_VALIDATION_FAILED'], ['GRAPHQL_PARSE_FAILED']]);
    } finally {
      await client.dispose();
    }
  });

  it('a body over 64 MiB is refused with 413 PAYLOAD_TOO_LARGE, with its length declared or streamed without one', async () => {
    // {"query":...,"variables":{"pad":"xxx..."}}: 1 MiB over the limit.
    const head = Buffer.from(JSON.stringify({ query: '{ viewer { name } }', variables: { pad: '' } }).slice(0, -3));
    const body = Buffer.concat([head, Buffer.alloc(MAX_BODY_BYTES + 1024 * 1024, 'x'), Buffer.from('"}}')]);
    expect(body.length).toBeGreaterThan(MAX_BODY_BYTES);
    for (const how of ['declared', 'streamed'] as const) {
      const started = performance.now();
      const response = await phase(`body: ${how}`, () => postRaw(api!.url, body, how));
      refusals[`a ${(body.length / 2 ** 20).toFixed(0)} MiB body (${how})`] = Math.round(performance.now() - started);
      expect(response.status).toBe(413);
      expect(response.json).toEqual({
        errors: [
          {
            message: `request body too large: the limit is ${MAX_BODY_BYTES} bytes (64 MiB; HETSCHED_MAX_BODY_BYTES)`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBodyBytes: MAX_BODY_BYTES },
          },
        ],
      });
    }
  });

  it(`a thousand subscriptions on one socket: the first ${MAX_SUBSCRIPTIONS_PER_SOCKET} live, the rest refused RATE_LIMITED`, { timeout: 240_000 }, async () => {
    const client = subscriptionClient(api!.url, ADMIN);
    try {
      const subs = await phase('ws: 1,000 on one socket', async () => {
        const opened = openStatusSubscriptions(client, THOUSAND);
        await waitFor('the refusals', async () => opened.filter((s) => s.errors).length >= THOUSAND - MAX_SUBSCRIPTIONS_PER_SOCKET, 120_000);
        return opened;
      });
      const refused = subs.filter((s) => s.errors);
      refusals['1,000 subscriptions on one socket (slowest refusal)'] = Math.max(...refused.map((s) => s.refusedAfterMs!));
      expect(refused).toHaveLength(THOUSAND - MAX_SUBSCRIPTIONS_PER_SOCKET);
      for (const s of refused) {
        expect(s.errors).toEqual([
          expect.objectContaining({
            message: `this connection has ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions open, the limit (HETSCHED_MAX_SUBSCRIPTIONS_PER_SOCKET); complete some first`,
            extensions: { code: 'RATE_LIMITED', maxSubscriptionsPerSocket: MAX_SUBSCRIPTIONS_PER_SOCKET },
          }),
        ]);
      }
      // The others are live: each gets the status changes of a run scheduled now.
      await phase('ws: 100 live on one socket', () => proveLive(subs.filter((s) => !s.errors), MAX_SUBSCRIPTIONS_PER_SOCKET));
      for (const s of subs) s.dispose();
    } finally {
      await client.dispose();
    }
  });

  it(`a thousand subscriptions across ${SOCKETS} sockets are all live; each socket still refuses one past its ${MAX_SUBSCRIPTIONS_PER_SOCKET}`, { timeout: 240_000 }, async () => {
    const clients: Client[] = Array.from({ length: SOCKETS }, () => subscriptionClient(api!.url, ADMIN));
    try {
      const perSocket = await phase(`ws: ${THOUSAND} across ${SOCKETS} sockets`, async () => {
        const opened = clients.map((client) => openStatusSubscriptions(client, MAX_SUBSCRIPTIONS_PER_SOCKET + 1));
        await waitFor('one refusal per socket', async () => opened.every((subs) => subs.some((s) => s.errors)), 120_000);
        return opened;
      });
      for (const subs of perSocket) {
        expect(subs.filter((s) => s.errors).map((s) => s.errors![0]!.extensions?.['code'])).toEqual(['RATE_LIMITED']);
      }
      const live = perSocket.flatMap((subs) => subs.filter((s) => !s.errors));
      expect(live).toHaveLength(THOUSAND);
      await phase(`ws: ${THOUSAND} live across sockets`, () => proveLive(live, THOUSAND));
      for (const s of perSocket.flat()) s.dispose();
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('/healthz answered 200 to every probe throughout', async () => {
    probes = await prober!.stop();
    const failed = probes.filter((p) => p.status !== 200);
    expect(failed).toEqual([]);
    expect(probes.length).toBeGreaterThan(0);
    report(probes);
  });
});

interface StatusSubscription {
  values: { id: string; status: string }[];
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  refusedAfterMs?: number;
  dispose(): void;
}

/** `count` runStatusChanged subscriptions on one client (one socket), each recording what it gets. */
function openStatusSubscriptions(client: Client, count: number): StatusSubscription[] {
  return Array.from({ length: count }, () => {
    const started = performance.now();
    const sub: StatusSubscription = { values: [], dispose: () => undefined };
    sub.dispose = client.subscribe<{ runStatusChanged: { id: string; status: string } }>(
      { query: 'subscription { runStatusChanged { id status } }' },
      {
        next: (result) => {
          if (result.data) sub.values.push(result.data.runStatusChanged);
        },
        error: (error) => {
          sub.errors = Array.isArray(error) ? (error as StatusSubscription['errors']) : [{ message: String(error) }];
          sub.refusedAfterMs = Math.round(performance.now() - started);
        },
        complete: () => undefined,
      },
    );
    return sub;
  });
}

/** Schedules a HEFT run and waits until every subscription has seen it succeed. */
async function proveLive(subs: StatusSubscription[], expected: number): Promise<void> {
  expect(subs).toHaveLength(expected);
  const run = dataOf(
    await graphqlRequest<{ scheduleWorkflow: { id: string } }>(api!.url, 'mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id } }', { w: workflowId, c: clusterId }, ADMIN),
  ).scheduleWorkflow;
  const succeeded = (s: StatusSubscription) => s.values.some((v) => v.id === run.id && v.status === 'SUCCEEDED');
  await waitFor(`${expected} subscribers to see run ${run.id} succeed`, async () => subs.every(succeeded), 180_000, 250);
  expect(subs.filter((s) => s.errors)).toEqual([]);
}

/** The errors a subscription is refused with (it must be refused, not served). */
function refusalOf(client: Client, query: string): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query },
      {
        next: () => reject(new Error(`served: ${query.slice(0, 80)}`)),
        error: (error) => (Array.isArray(error) ? resolve(error as { message: string }[]) : reject(new Error(`socket error: ${String(error)}`))),
        complete: () => reject(new Error(`completed without a refusal: ${query.slice(0, 80)}`)),
      },
    );
  });
}

/**
 * POSTs a raw body with node:http (fetch would buffer and decide the framing itself): `declared` sends its
 * Content-Length, `streamed` sends it chunked (no length known up front), 1 MiB per write. The server may answer
 * before the upload is done; what it answers is what counts, and the rest of the upload may be cut.
 */
function postRaw(url: string, body: Buffer, how: 'declared' | 'streamed'): Promise<{ status: number; json: unknown }> {
  const CHUNK = 1024 * 1024;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, ...(how === 'declared' ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
          req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = (offset: number): void => {
      if (answered || req.destroyed) return;
      if (offset >= body.length) {
        req.end();
        return;
      }
      if (req.write(body.subarray(offset, offset + CHUNK))) write(offset + CHUNK);
      else req.once('drain', () => write(offset + CHUNK));
    };
    write(0);
  });
}

/** Prints the probes' latencies, overall and by part of the suite, and the refusals' times. */
function report(all: Probe[]): void {
  const line = (name: string, ms: number[]) =>
    `${name}: ${ms.length} probes, p50 ${percentile(ms, 50)} ms, p95 ${percentile(ms, 95)} ms, p99 ${percentile(ms, 99)} ms, max ${Math.max(...ms)} ms`;
  const lines = [line('/healthz overall', all.map((p) => p.ms))];
  for (const { name, start, end } of phases) {
    const during = all.filter((p) => p.at >= start && p.at <= end).map((p) => p.ms);
    if (during.length > 0) lines.push(line(`  during ${name}`, during));
  }
  lines.push('refusals (ms):', ...Object.entries(refusals).map(([what, ms]) => `  ${what}: ${ms}`));
  console.log(lines.join('\n'));
}
