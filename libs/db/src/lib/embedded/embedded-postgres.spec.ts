import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/test-database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { resolveDatabase } from './resolve-database.js';

async function scalar<T>(connectionString: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] ?? {})[0] as T;
  } finally {
    await client.end();
  }
}

/** Stops the server like a crash: SIGKILL to the postmaster, leaving postmaster.pid behind. */
async function crash(server: EmbeddedPostgres): Promise<void> {
  const pid = Number.parseInt((await readFile(join(server.dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // its backends notice the postmaster's death and exit on their own; give them a moment
  await new Promise((r) => setTimeout(r, 300));
  await server.stop().catch(() => undefined);
}

describe('the embedded server\'s credentials and listeners', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'hetsched-embedded-secure-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  // Two fresh data folders (initdb each): seconds on an idle machine, a minute on a loaded one.
  it('makes a random password per data folder, readable by its owner only, and listens on no TCP port', { timeout: 240_000 }, async () => {
    const dataDir = join(root, 'a');
    const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    try {
      const file = `${dataDir}.credentials.json`;
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(`${dataDir}.socket`)).mode & 0o777).toBe(0o700);
      const { password } = JSON.parse(await readFile(file, 'utf8')) as { password: string };
      expect(decodeURIComponent(new URL(server.connectionString).password)).toBe(password);
      // Another folder, another password.
      const other = await startEmbeddedPostgres({ dataDir: join(root, 'b'), port: 0, database: 'app' });
      try {
        expect(decodeURIComponent(new URL(other.connectionString).password)).not.toBe(password);
      } finally {
        await other.stop();
      }
      // Nothing answers on the server's port over TCP.
      const refused = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', password, database: 'app', connectionTimeoutMillis: 2_000 });
      await expect(refused.connect()).rejects.toThrow(/ECONNREFUSED/);
      // The known password of older releases does not get in.
      const guess = new URL(server.connectionString);
      guess.password = 'password';
      await expect(scalar(guess.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });

  it('gives a folder made with the old fixed password a random one at its next start', { timeout: 240_000 }, async () => {
    const dataDir = join(root, 'legacy');
    // What an older release made: the fixed password, no credentials file.
    const old = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app', password: 'password' });
    await old.stop();
    const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    try {
      const { password } = JSON.parse(await readFile(`${dataDir}.credentials.json`, 'utf8')) as { password: string };
      expect(password).not.toBe('password');
      expect(await scalar(server.connectionString, 'SELECT 1')).toBe(1);
      const guess = new URL(server.connectionString);
      guess.password = 'password';
      await expect(scalar(guess.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });
});

describe('startEmbeddedPostgres', () => {
  let root: string;
  let dataDir: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'hetsched-embedded-'));
    dataDir = join(root, 'postgres');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('initialises a new data folder, and restarts on it with the data kept', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    expect(first.owned).toBe(true);
    // Over the Unix socket beside the data folder, with the folder's own random password.
    const url = new URL(first.connectionString);
    expect(url.pathname).toBe('/app');
    expect(url.searchParams.get('host')).toBe(`${dataDir}.socket`);
    expect(decodeURIComponent(url.password)).not.toBe('password');
    expect(decodeURIComponent(url.password)).toHaveLength(32);
    try {
      await scalar(first.connectionString, 'CREATE TABLE kept (v TEXT)');
      await scalar(first.connectionString, `INSERT INTO kept VALUES ('still here')`);
    } finally {
      await first.stop();
    }
    await first.stop(); // idempotent

    const second = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    try {
      expect(await scalar(second.connectionString, 'SELECT v FROM kept')).toBe('still here');
    } finally {
      await second.stop();
    }
  });

  it('reuses a server that another process started on the same folder, without stopping it', async () => {
    const owner = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    try {
      let starting = 0;
      const guest = await startEmbeddedPostgres({ dataDir, database: 'app', onStarting: () => starting++ });
      expect(starting).toBe(1); // the running server counts as on its way
      expect(guest.owned).toBe(false);
      expect(guest.port).toBe(owner.port);
      await guest.stop();
      expect(await scalar(owner.connectionString, 'SELECT 1')).toBe(1);
    } finally {
      await owner.stop();
    }
  });

  it('starts after a crash left postmaster.pid behind', async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    await crash(server);
    const again = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    try {
      expect(await scalar(again.connectionString, 'SELECT v FROM kept')).toBe('still here');
    } finally {
      await again.stop();
    }
  });

  it('starts when postmaster.pid names a live process that is not PostgreSQL (a pid reused after a reboot)', async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app' });
    await crash(server);
    const stranger: ChildProcess = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pidFile = join(dataDir, 'postmaster.pid');
      const lines = (await readFile(pidFile, 'utf8')).split('\n');
      lines[0] = String(stranger.pid);
      await writeFile(pidFile, lines.join('\n'));
      const again = await startEmbeddedPostgres({ dataDir, port: 0, database: 'app', onLog: process.env['DEBUG_PG'] ? (l) => console.log('PG', l) : undefined });
      try {
        expect(await scalar(again.connectionString, 'SELECT count(*)::int FROM kept')).toBe(1);
      } finally {
        await again.stop();
      }
    } finally {
      stranger.kill();
    }
  });

  it('takes another port when the preferred one is busy', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const server = await startEmbeddedPostgres({ dataDir, port: taken, database: 'app' });
      try {
        expect(server.port).not.toBe(taken);
        expect(await scalar(server.connectionString, 'SELECT 1')).toBe(1);
      } finally {
        await server.stop();
      }
    } finally {
      busy.close();
    }
  });

  it('refuses a folder that is neither empty nor a data folder', async () => {
    const other = join(root, 'not-postgres');
    await rm(other, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(other, { recursive: true }));
    await writeFile(join(other, 'notes.txt'), 'mine');
    await expect(startEmbeddedPostgres({ dataDir: other, port: 0 })).rejects.toThrow(/neither empty nor a PostgreSQL data folder/);
  });

  it('resolveDatabase: the embedded server in HETSCHED_DATA_DIR when DATABASE_URL is unset, migrated', async () => {
    // onStarting: once, when the server's process exists, i.e. before the database is resolved.
    const events: string[] = [];
    const resolving = resolveDatabase({ env: { HETSCHED_DATA_DIR: root }, embedded: { port: 0 }, onStarting: () => events.push('starting') });
    const db = await resolving.finally(() => events.push('resolved'));
    try {
      expect(events).toEqual(['starting', 'resolved']);
      expect(db.embedded?.dataDir).toBe(dataDir);
      expect(db.migrations?.applied.length).toBeGreaterThan(0);
      expect(await scalar(db.connectionString, `SELECT to_regclass('public.workflows')::text`)).toBe('workflows');
    } finally {
      await db.stop();
    }
    const again = await resolveDatabase({ env: { HETSCHED_DATA_DIR: root }, embedded: { port: 0 } });
    try {
      expect(again.migrations).toMatchObject({ applied: [] });
    } finally {
      await again.stop();
    }
  });

  it('resolveDatabase: DATABASE_URL when it is set', async () => {
    const test = await createTestDatabase({ migrate: false });
    try {
      let started = 0;
      const db = await resolveDatabase({ env: { DATABASE_URL: test.connectionString }, onStarting: () => started++ });
      expect(started).toBe(1);
      expect(db.embedded).toBeNull();
      expect(db.connectionString).toBe(test.connectionString);
      expect(db.migrations?.applied.length).toBeGreaterThan(0);
      await db.stop();
    } finally {
      await test.drop();
    }
  });
});
