// The API server process: `node apps/api/dist/main.js` (docs/api.md). Without DATABASE_URL it starts an embedded
// PostgreSQL under .hetsched/; either way the database is migrated first (the migrations runner takes an advisory
// lock, so several servers can start at once).
import './production-defaults.js';
import 'reflect-metadata';
import { resolveDatabase, serveUntilSignal } from '@hetsched/db';
import { limitsFromEnv, portFromEnv, positiveInteger } from './server/config.js';
import { createLogger } from './common/logger.js';

const logger = createLogger();

async function main(): Promise<void> {
  const limits = limitsFromEnv();
  const port = portFromEnv();
  // The server's modules (Apollo, type-graphql, the run engine: about a second of loading) load while the database
  // starts and migrates: an embedded PostgreSQL is a process of its own, and migrations wait on it.
  const serverModule = import('./server/create-api-server.js');
  serverModule.catch(() => undefined); // awaited in start(): a failure stops the database and is reported there
  const database = await resolveDatabase({ log: (message) => logger.info(message), keepSignalHandlers: false });
  const server = await serveUntilSignal(database, {
    logger,
    stoppingMessage: 'shutting down: finishing in-flight requests',
    start: async () =>
      (await serverModule).createApiServer({
        connectionString: database.connectionString,
        port,
        host: process.env['HOST'] ?? '0.0.0.0',
        limits,
        logger,
        adminToken: process.env['HETSCHED_ADMIN_TOKEN'],
        introspection: process.env['HETSCHED_INTROSPECTION'] !== 'false',
        onAdminTokenGenerated: printGeneratedToken,
        // Runs are queued (docs/runs.md). By default this process also executes them (on worker threads): one-machine
        // use. `--no-worker` or HETSCHED_API_WORKER=false (npm run start:api) leaves them to apps/worker processes.
        runEngine: { worker: !(process.argv.includes('--no-worker') || process.env['HETSCHED_API_WORKER'] === 'false') },
        keepAliveMs: positiveInteger(process.env, 'HETSCHED_WS_KEEPALIVE_MS', 12_000),
        corsOrigins: (process.env['HETSCHED_CORS_ORIGINS'] ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
      }),
  });
  if (!server) return;
  process.stdout.write(`hetsched API listening on ${server.url}\n`);
}

/** Shown once, on stderr, framed so that it is not lost among the JSON log lines. */
function printGeneratedToken(token: string): void {
  const rule = '='.repeat(78);
  process.stderr.write(
    [
      rule,
      'hetsched: no API token existed, so an admin token was generated. It is shown this once:',
      '',
      `    ${token}`,
      '',
      'Send it as "Authorization: Bearer <token>"; create others with the createApiToken mutation.',
      'Set HETSCHED_ADMIN_TOKEN to choose the admin token yourself instead.',
      rule,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'the API server could not start');
  process.stderr.write(`hetsched API: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
