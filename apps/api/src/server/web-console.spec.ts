import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, mountWebConsole, NOT_BUILT_MESSAGE } from './web-console.js';

const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

/** An express app as the API mounts it: the console, then a JSON 404 for whatever falls through. */
async function serve(dir: string): Promise<{ origin: string; server: Server }> {
  const app = express();
  app.post('/graphql', (_req, res) => {
    res.json({ data: null });
  });
  mountWebConsole(app, { dir });
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'fell through' }] });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the web console, built', () => {
  let dir: string;
  let origin: string;
  let server: Server;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hetsched-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(dir, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
    await writeFile(join(dir, 'assets', 'main-abc123.js'), 'export {};');
    await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    ({ origin, server } = await serve(dir));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the console at / with its security headers', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`ws://${new URL(origin).host}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers client routes a browser navigates to with the console, and GraphiQL at /graphiql', async () => {
    for (const path of ['/runs/0193a2b4', '/workflows?tag=x', '/admin/']) {
      expect(await (await fetch(`${origin}${path}`, { headers: HTML })).text()).toContain('<title>console</title>');
    }
    expect(await (await fetch(`${origin}/graphiql`, { headers: HTML })).text()).toContain('<title>graphiql</title>');
    expect(await (await fetch(`${origin}/graphiql`)).text()).toContain('<title>graphiql</title>');
  });

  it('serves hashed assets for good and other files with revalidation', async () => {
    const asset = await fetch(`${origin}/assets/main-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${origin}/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('never answers for the API, its probes, a missing asset, a non-GET or an API client', async () => {
    const fellThrough = async (response: Response) => {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ message: 'fell through' }] });
    };
    for (const path of ['/graphql', '/graphql/x', '/healthz', '/readyz', '/assets/missing.js', '/index.html', '/graphiql.html']) {
      await fellThrough(await fetch(`${origin}${path}`, { headers: HTML }));
    }
    await fellThrough(await fetch(`${origin}/runs/1`, { headers: { accept: '*/*' } }));
    await fellThrough(await fetch(`${origin}/`, { method: 'DELETE', headers: HTML }));
    expect((await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
  });
});

describe('the web console, not built', () => {
  it('answers / with how to build it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hetsched-web-empty-'));
    const { origin, server } = await serve(dir);
    try {
      const response = await fetch(`${origin}/`);
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(text).toBe(NOT_BUILT_MESSAGE);
      expect(text).toContain('npx nx build web');
      expect((await fetch(`${origin}/graphiql`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('contentSecurityPolicy', () => {
  it('names the WebSocket origin of a plain host, and nothing for a host that could break the policy', () => {
    expect(contentSecurityPolicy('localhost:4000')).toContain("connect-src 'self' ws://localhost:4000 wss://localhost:4000;");
    expect(contentSecurityPolicy('[::1]:4000')).toContain('ws://[::1]:4000');
    expect(contentSecurityPolicy("evil; script-src 'unsafe-inline'")).toContain("connect-src 'self';");
    expect(contentSecurityPolicy(undefined)).toContain("connect-src 'self';");
  });
});
