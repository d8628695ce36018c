import { heftPlugin } from '@hetsched/scheduler-heft';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper, SCHEDULE, SUBMIT_DOCUMENT } from '../testing/fixtures.js';
import { slowPlugin, TestCatalog } from '../testing/test-schedulers.js';

let api: TestApi;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const { pino } = await import('pino');
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  api = await startTestApi({ schedulerCatalog: new TestCatalog([heftPlugin, slowPlugin]), logger });
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

  it('answers unknown paths with 404 JSON and has no IDE on GET /graphql', async () => {
    const missing = await fetch(`${api.server.origin}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    const landing = await fetch(api.server.url, { headers: { accept: 'text/html' } });
    expect(landing.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const workflowId = dataOf(await api.graphql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } }))
      .submitWorkflow.workflow.id;
    const clusterId = dataOf(await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: paper.clusterText } })).createCluster.id;

    const inFlight = api.graphql<{ scheduleWorkflow: { status: string } }>(SCHEDULE, { workflowId, clusterId, scheduler: 'slow', options: { delayMs: 700 } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = api.server.close();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(dataOf(finished).scheduleWorkflow.status).toBe('SUCCEEDED');
    await closing;
    await expect(fetch(`${api.server.origin}/healthz`)).rejects.toThrow();
  });
});
