// The API server process (docs/api.md). Without DATABASE_URL it starts an embedded PostgreSQL under .hetsched/;
// either way the database is migrated first (the migrations runner takes an advisory lock, so several servers can
// start at once). What runs is `node apps/api/dist/main.js`: this module with everything it imports bundled into a
// small entry and a few chunks (apps/api/bundle.mjs, part of the build), since loading some 700 modules one by one
// was most of a start-up; `node apps/api/dist/serve.js` runs the same server unbundled.
import './production-defaults.js';
import 'reflect-metadata';
import { resolveDatabase, serveUntilSignal } from '@hetsched/db/embedded';
import { limitsFromEnv, portFromEnv, positiveInteger } from './server/config.js';
import { createLogger } from './common/logger.js';

const logger = createLogger();

type ServerModule = typeof import('./server/create-api-server.js');

async function main(): Promise<void> {
  const limits = limitsFromEnv();
  const port = portFromEnv();
  // Start-up order: the database first, since an embedded PostgreSQL is a process of its own (initdb on a new folder
  // takes over a second); the server's modules, the plugin scan and the schema (none needs the database) start once
  // its process exists, while it starts and before it is migrated.
  let serverModule: Promise<ServerModule> | undefined;
  let schema: ReturnType<ServerModule['prepareApiSchema']> | undefined;
  const loadServer = (): Promise<ServerModule> => {
    if (!serverModule) {
      void prefetchPlugins();
      serverModule = import('./server/create-api-server.js');
      schema = serverModule.then((module) => module.prepareApiSchema());
      // Both are awaited in start(): a failure stops the database and is reported there.
      schema.catch(() => undefined);
    }
    return serverModule;
  };
  const database = await resolveDatabase({ log: (message) => logger.info(message), keepSignalHandlers: false, onStarting: loadServer });
  const server = await serveUntilSignal(database, {
    logger,
    stoppingMessage: 'shutting down: finishing in-flight requests',
    start: async () =>
      (await loadServer()).createApiServer({
        connectionString: database.connectionString,
        port,
        host: process.env['HOST'] ?? '0.0.0.0',
        limits,
        logger,
        adminToken: process.env['HETSCHED_ADMIN_TOKEN'],
        introspection: process.env['HETSCHED_INTROSPECTION'] !== 'false',
        responseCache: process.env['HETSCHED_RESPONSE_CACHE'] !== 'false',
        onAdminTokenGenerated: printGeneratedToken,
        // Runs are queued (docs/runs.md). By default this process also executes them (on worker threads): one-machine
        // use. `--no-worker` or HETSCHED_API_WORKER=false (npm run start:api) leaves them to apps/worker processes.
        runEngine: { worker: !(process.argv.includes('--no-worker') || process.env['HETSCHED_API_WORKER'] === 'false') },
        keepAliveMs: positiveInteger(process.env, 'HETSCHED_WS_KEEPALIVE_MS', 12_000),
        corsOrigins: (process.env['HETSCHED_CORS_ORIGINS'] ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
        ...(schema ? { schema } : {}),
      }),
  });
  if (!server) return;
  process.stdout.write(`hetsched API listening on ${server.url}\n`);
}

/**
 * Starts the scan of the installed scheduler plugins (some 700 package.json files, then the plugins' imports) that the
 * run engine's catalog would start only once the server's modules are loaded and the database is migrated; the
 * catalog takes the result over. The root is the one the engine computes (defaultPluginRoot from its own module);
 * a failure here only means the catalog scans by itself, as it would have.
 */
async function prefetchPlugins(): Promise<void> {
  try {
    // A module of its own, imported only now: the registry imports @hetsched/core, which the bundle leaves outside
    // (the plugins share it), and loading it at the top would delay the database's start.
    const { startPluginDiscovery } = await import('./server/plugin-prefetch.js');
    startPluginDiscovery(import.meta.resolve('@hetsched/run-engine'));
  } catch (error) {
    logger.warn({ err: error }, 'could not start discovering the scheduler plugins early; the run engine will');
  }
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
