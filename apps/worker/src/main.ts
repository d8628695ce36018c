// The worker process: `node apps/worker/dist/main.js` (docs/runs.md). Same database rules as the API: DATABASE_URL,
// or the embedded PostgreSQL under .hetsched/ (shared with an API on the same machine); migrations run first.
import { resolveDatabase, serveUntilSignal, type ResolvedDatabase } from '@hetsched/db';
import { RunEngine } from '@hetsched/run-engine';
import { pino, type LevelWithSilent } from 'pino';
import { workerConfigFromEnv } from './config.js';
import { startHealthServer } from './health-server.js';

const logger = pino({
  level: (process.env['LOG_LEVEL'] as LevelWithSilent | undefined) ?? 'info',
  base: { service: 'hetsched-worker' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

async function main(): Promise<void> {
  const config = workerConfigFromEnv();
  let health: { url: string; close(): Promise<void> } | undefined;
  const database: ResolvedDatabase = await resolveDatabase({ log: (message) => logger.info(message), keepSignalHandlers: false });
  const engine = await serveUntilSignal(database, {
    logger,
    stoppingMessage: 'shutting down: running runs are aborted and end FAILED',
    start: async () => {
      const engine = await RunEngine.start({
        connectionString: database.connectionString,
        pluginRoot: config.pluginRoot,
        logger,
        worker: config.concurrency ? { concurrency: config.concurrency } : true,
        ...(config.timeLimitMs ? { timeLimitMs: config.timeLimitMs } : {}),
      });
      try {
        health = await startHealthServer(engine, config.healthHost, config.healthPort);
      } catch (error) {
        await engine.close();
        throw error;
      }
      // The probes stop answering before the engine closes, so nothing routes to a worker on its way out.
      return { worker: engine.worker!, close: async () => { await health?.close(); await engine.close(); } };
    },
  });
  if (!engine) return;
  process.stdout.write(`hetsched worker ${engine.worker.id} ready (health ${health!.url}/healthz)\n`);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'the worker could not start');
  process.stderr.write(`hetsched worker: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
