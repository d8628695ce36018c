import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';

let api: TestApi;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const { pino } = await import('pino');
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  api = await startTestApi({ logger });
});
afterAll(async () => {
  await api?.close();
});

describe('operations endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${api.server.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.server.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('gives every response a request id and logs one JSON line per request, without the token', async () => {
    const response = await api.graphql('query Who { viewer { name } }');
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = logLines.find((l) => l['requestId'] === requestId && l['msg'] === 'request');
    expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operation: 'Who', complexity: 2, token: 'admin (HETSCHED_ADMIN_TOKEN)' });
    expect(typeof line!['durationMs']).toBe('number');
    expect(JSON.stringify(logLines)).not.toContain(TEST_ADMIN_TOKEN);
  });

  it('exposes Prometheus metrics: runs, queue depth, database pools, request latency, event-loop lag', async () => {
    await api.graphql('{ viewer { name } }');
    const response = await fetch(`${api.server.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^hetsched_queue_depth\{process="api"\} \d+$/m);
    // (label order is prom-client's; match the labels wherever they stand)
    expect(text).toMatch(/^# TYPE hetsched_runs gauge$/m);
    expect(text).toMatch(/^hetsched_db_pool_connections\{(?=[^}]*pool="api")(?=[^}]*state="total")[^}]*\} \d+$/m);
    expect(text).toMatch(/^hetsched_http_request_duration_seconds_count\{(?=[^}]*route="\/graphql")(?=[^}]*status="2xx")[^}]*\} [1-9]\d*$/m);
    expect(text).toMatch(/^hetsched_nodejs_eventloop_lag_seconds\{process="api"\} /m);
    expect(text).toMatch(/^# TYPE hetsched_run_duration_seconds histogram$/m);
  });

  it('answers unknown paths with 404 JSON and has no IDE on GET /graphql', async () => {
    const missing = await fetch(`${api.server.origin}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    const landing = await fetch(api.server.url, { headers: { accept: 'text/html' } });
    expect(landing.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

/** A POST whose body arrives in two parts: the request is in flight from the first byte until `finish()`. */
function slowRequest(url: string, body: string): { finish: () => void; response: Promise<{ status: number; body: string }> } {
  const half = Math.floor(body.length / 2);
  let finish = () => undefined as void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => void req.end(body.slice(half));
  });
  return { finish, response };
}

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const inFlight = slowRequest(api.server.url, JSON.stringify({ query: '{ viewer { role } }' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = api.server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    inFlight.finish();
    const finished = await inFlight.response;
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.body)).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    await closing;
    await expect(fetch(`${api.server.origin}/healthz`)).rejects.toThrow();
  });
});
