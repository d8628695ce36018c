import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunEngine } from '@hetsched/run-engine';

/** How long /readyz waits for the database before answering 503 (a probe must not hang). */
const READY_TIMEOUT_MS = 2_000;

/**
 * The worker's probes and metrics over plain HTTP, the same routes as the API's (docs/runs.md): /healthz answers while
 * the event loop turns; /readyz only while the LISTEN connection is up and the database answers, so an orchestrator
 * sees a worker that cannot claim runs; /metrics in Prometheus text format. No token: nothing here reads user data.
 */
export async function startHealthServer(engine: RunEngine, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const reply = (status: number, body: object): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return reply(405, { error: 'only GET' });
    if (path === '/healthz') return reply(200, { status: 'ok' });
    if (path === '/readyz') {
      if (engine.worker?.isStopping) return reply(503, { status: 'stopping' });
      if (!engine.listener.connected) return reply(503, { status: 'unavailable', reason: 'database unreachable' });
      void pingWithin(engine, READY_TIMEOUT_MS).then(
        () => reply(200, { status: 'ready' }),
        () => reply(503, { status: 'unavailable', reason: 'database unreachable' }),
      );
      return;
    }
    if (path === '/metrics') {
      void engine.metrics.text().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'content-type': contentType });
          response.end(body);
        },
        (error: unknown) => reply(500, { error: String(error) }),
      );
      return;
    }
    reply(404, { error: 'not found: /healthz, /readyz and /metrics' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A prober's kept-alive connection would hold close() open until it timed out.
        server.closeAllConnections();
      }),
  };
}

async function pingWithin(engine: RunEngine, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      engine.store.pool.query('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
