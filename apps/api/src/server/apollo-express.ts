import { parse as urlParse } from 'node:url';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Request, RequestHandler, Response } from 'express';

/** The charset Apollo's JSON answers name, which express's `res.send` would otherwise add. */
const UTF8_CONTENT_TYPE = /;\s*charset=utf-8\s*(;|$)/i;

/**
 * Apollo Server as express middleware: what @as-integrations/express5's `expressMiddleware` does, with less work
 * per POST, the API's one hot path (a history page is 20 KB of JSON, hundreds of times a second):
 *  - the query string is sliced from the URL (Apollo reads it only for GET, where it still goes through
 *    `url.parse` as before), and the headers are copied with a plain loop;
 *  - a complete answer is written with `res.end(buffer)` and its Content-Length, not `res.send`: for a POST whose
 *    Apollo-set content type already names utf-8, and a status with a body, `res.send` adds nothing else here (no
 *    ETag: the app disables them; freshness: only GET and HEAD can be fresh). Any other answer (GET, HEAD, another
 *    content type, 204/205/304, a streamed body) goes through `res.send`/`res.write` exactly as the package does.
 * GET and every other method keep the package's code path (`expressMiddleware` itself is used for them).
 */
export function apolloMiddleware<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: {
    context: (args: { req: Request; res: Response }) => Promise<TContext>;
    /** Sees each complete answer written from a buffer (status, Apollo's headers, body), before it is sent. */
    onComplete?: (res: Response, status: number, headers: Iterable<[string, string]>, body: Buffer) => void;
  },
): RequestHandler {
  const general = expressMiddleware(server, options);
  return async (req, res, next) => {
    if (req.method !== 'POST' || !('body' in req)) {
      await general(req, res, next);
      return;
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: httpRequestOf(req),
      context: () => options.context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete' && writesPlainly(res)) {
      // Encoded once: Node would measure the text (flattening Apollo's `json + '\n'`), then write the headers and
      // the text joined, which the socket flattens and copies again; a buffer goes out as it is, beside the headers.
      const body = Buffer.from(response.body.string, 'utf8');
      options.onComplete?.(res, res.statusCode, response.headers, body);
      if (!res.hasHeader('transfer-encoding')) res.setHeader('content-length', body.length);
      res.end(body);
      return;
    }
    await sendAsExpressDoes(res, response.body);
  };
}

function httpRequestOf(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const key in req.headers) {
    const value = req.headers[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return { method: 'POST', headers, search: searchOf(req.url), body: req.body };
}

/** `url.parse(url).search ?? ''` for the URLs a POST names; anything unusual goes to url.parse itself. */
export function searchOf(url: string): string {
  if (url.includes('#')) return urlParse(url).search ?? '';
  const question = url.indexOf('?');
  if (question < 0) return '';
  const search = url.slice(question);
  // url.parse escapes some characters and cuts at '#': leave those cases to it.
  return /^[?\w.~!$&()*+,;=:@/%-]*$/.test(search) ? search : (urlParse(url).search ?? '');
}

function writesPlainly(res: Response): boolean {
  const type = res.getHeader('content-type');
  const status = res.statusCode;
  return typeof type === 'string' && UTF8_CONTENT_TYPE.test(type) && status !== 204 && status !== 205 && status !== 304;
}

async function sendAsExpressDoes(res: Response, body: HTTPGraphQLResponse['body']): Promise<void> {
  if (body.kind === 'complete') {
    res.send(body.string);
    return;
  }
  for await (const chunk of body.asyncIterator) {
    res.write(chunk);
    const flush = (res as { flush?: () => void }).flush;
    if (typeof flush === 'function') flush.call(res);
  }
  res.end();
}
