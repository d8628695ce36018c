import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directRoute } from './direct-route.js';

// A real express app over HTTP: the direct route first, the same handlers mounted as a route after it, a 404 and an
// error middleware, as create-api-server.ts mounts /graphql. Each answer says which way the request went.

let server: Server;
let origin: string;

/** Appends its name to the request's trail; `action` may answer, fail, or go on. */
const step =
  (name: string, action?: (req: Request, res: Response, next: NextFunction) => unknown): RequestHandler =>
  (req, res, next) => {
    ((res.locals['trail'] ??= []) as string[]).push(name);
    return action ? action(req, res, next) : next();
  };

/** Answers, or fails or goes on as the request's x-mode header says. */
const answer = (req: Request, res: Response): Promise<never> | undefined => {
  const mode = req.headers['x-mode'];
  const next = res.locals['next'] as NextFunction;
  if (mode === 'throw') throw new Error('thrown');
  if (mode === 'reject') return Promise.reject(new Error('rejected'));
  if (mode === 'next-error') next(new Error('passed'));
  else if (mode === 'pass') next();
  else res.json({ trail: res.locals['trail'], body: req.body as unknown, url: req.url, path: req.path, ip: req.ip });
  return undefined;
};

beforeAll(async () => {
  const app = express();
  const handlers: RequestHandler[] = [
    step('json', express.json()),
    step('answer', (req, res, next) => {
      res.locals['next'] = next;
      return answer(req, res);
    }),
  ];
  const notFound = (_req: Request, res: Response) => void res.status(404).json({ trail: res.locals['trail'], notFound: true });
  app.use(directRoute('POST', '/graphql', [step('direct'), ...handlers], notFound));
  app.use('/graphql', step('mounted'), ...handlers);
  app.use(notFound);
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => void res.status(500).json({ trail: res.locals['trail'], error: error.message }));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function post(path: string, headers: Record<string, string> = {}, method = 'POST') {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: JSON.stringify({ query: '{ a }' }) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('directRoute', () => {
  it('runs POST /graphql through the handlers in order, with express request helpers, query string or not', async () => {
    for (const path of ['/graphql', '/graphql?x=1']) {
      const { status, body } = await post(path);
      expect(status).toBe(200);
      expect(body).toMatchObject({ trail: ['direct', 'json', 'answer'], body: { query: '{ a }' }, url: path, path: '/graphql', ip: '127.0.0.1' });
    }
  });

  it('leaves other methods and other spellings of the path to the mounted route', async () => {
    for (const path of ['/graphql/', '/GraphQL', '/graphql/sub']) expect((await post(path)).body['trail']).toEqual(['mounted', 'json', 'answer']);
    expect((await post('/graphql', {}, 'GET')).body['trail']).toEqual(['mounted', 'json', 'answer']);
    expect((await post('/graphqlx')).body).toMatchObject({ notFound: true });
  });

  it("hands a thrown, passed or rejected error to express's error middleware", async () => {
    for (const [mode, message] of [
      ['throw', 'thrown'],
      ['next-error', 'passed'],
      ['reject', 'rejected'],
    ] as const) {
      expect(await post('/graphql', { 'x-mode': mode })).toEqual({ status: 500, body: { trail: ['direct', 'json', 'answer'], error: message } });
    }
  });

  it('ends a request no handler answered at the fallthrough, not at the mounted route', async () => {
    expect(await post('/graphql', { 'x-mode': 'pass' })).toEqual({ status: 404, body: { trail: ['direct', 'json', 'answer'], notFound: true } });
  });

  it('answers malformed JSON through the error middleware, as the mounted route does', async () => {
    const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { trail: string[] }).trail).toEqual(['direct', 'json']);
  });
});
