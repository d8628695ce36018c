import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as urlParse } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apolloMiddleware, searchOf } from './apollo-express.js';

// The reference is @as-integrations/express5's expressMiddleware itself: the same Apollo server is mounted both
// ways, and every request must get the same status, headers (the date aside) and body from both.

let server: Server;
let apollo: ApolloServer<{ who: string }>;
let origin: string;

beforeAll(async () => {
  apollo = new ApolloServer<{ who: string }>({
    typeDefs: 'type Query { hello(name: String): String!, fails: String! }',
    resolvers: { Query: { hello: (_: unknown, args: { name?: string }, ctx: { who: string }) => `hello ${args.name ?? ctx.who} ✓`, fails: () => null } },
  });
  await apollo.start();
  const app = express();
  app.set('etag', false);
  const context = async () => ({ who: 'world' });
  app.use('/lean', express.json(), apolloMiddleware(apollo, { context }));
  app.use('/package', express.json(), expressMiddleware(apollo, { context }));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await apollo?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

async function both(path: string, init: RequestInit) {
  const answer = async (mount: string) => {
    const response = await fetch(`${origin}/${mount}${path}`, init);
    const headers = Object.fromEntries([...response.headers].filter(([key]) => key !== 'date'));
    return { status: response.status, headers, body: await response.text() };
  };
  return { lean: await answer('lean'), reference: await answer('package') };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('apolloMiddleware', () => {
  it.each([
    ['a query', '/graphql', post({ query: '{ hello }' })],
    ['variables and non-ASCII text', '/graphql?x=1&y=%20', post({ query: 'query($n: String) { hello(name: $n) }', variables: { n: 'é 😀' } })],
    ['an error in execution', '/graphql', post({ query: '{ fails }' })],
    ['a query that does not validate', '/graphql', post({ query: '{ nothing }' })],
    ['no query', '/graphql', post({})],
    ['the graphql-response+json media type', '/graphql', post({ query: '{ hello }' }, { accept: 'application/graphql-response+json' })],
    ['an unusual query string', "/graphql?a='b'&c=<d>", post({ query: '{ hello }' })],
    ['a GET', `/graphql?query=${encodeURIComponent('{ hello }')}`, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } }],
    ['a GET without a query', '/graphql', { method: 'GET' }],
  ])('answers %s as the package does', async (_what, path, init) => {
    const { lean, reference } = await both(path, init);
    expect(lean).toEqual(reference);
  });
});

describe('searchOf', () => {
  it('is url.parse(url).search for any request URL', () => {
    const urlChar = fc.constantFrom(...'/?#&=%abc09._~-!$\'()*+,;:@ "<>{}|\\^`é'.split(''));
    fc.assert(
      fc.property(fc.array(urlChar, { maxLength: 24 }), (chars) => {
        const url = `/graphql${chars.join('')}`;
        expect(searchOf(url)).toBe(urlParse(url).search ?? '');
      }),
      { numRuns: 2_000 },
    );
  });
});
