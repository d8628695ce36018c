import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * The web console (apps/web) on the API's own origin: its built files at `/`, GraphiQL at `/graphiql`, and every
 * other GET that asks for HTML answered with the console's index.html (client-side routes such as /runs/<id>), never
 * for the API's own paths. Same origin means the console needs no CORS and its token never leaves the site.
 */
export interface WebConsoleOptions {
  /** The built console (apps/web/dist); default HETSCHED_WEB_DIR, else apps/web/dist beside this app. */
  dir?: string;
}

/** Where the built console is: apps/api/{src,dist}/server/ -> apps/web/dist, both three levels up. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the console never answers for: the API and its probes keep their own answers (and 404s). */
const API_PATHS = /^\/(graphql|healthz|readyz)(\/|$)/;
/** Vite's content-hashed output: a name changes with its content, so browsers may keep it for good. */
const HASHED_ASSETS = /^\/assets\//;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A Host header that can go into the policy as it is (no spaces, quotes or semicolons). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export const NOT_BUILT_MESSAGE =
  'The hetsched web console is not built.\n\n' +
  'Build it with `npx nx build web` (or `npx nx run-many -t build`; `npm start` builds everything before it starts the API),\n' +
  'then reload this page. The GraphQL API itself is at /graphql.\n';

/**
 * Mounts the console. Call it after /graphql and before the API's 404: it only answers GET and HEAD, and lets
 * everything it does not serve fall through.
 */
export function mountWebConsole(app: Express, options: WebConsoleOptions = {}): void {
  const dir = resolve(options.dir ?? process.env['HETSCHED_WEB_DIR'] ?? DEFAULT_WEB_DIR);
  const files = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      const relative = path.slice(dir.length).replaceAll('\\', '/');
      res.setHeader('cache-control', HASHED_ASSETS.test(relative) ? IMMUTABLE : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) {
      next();
      return;
    }
    setSecurityHeaders(req, res);
    if (req.path === '/index.html' || req.path === '/graphiql.html') {
      // One address per page: the HTML files are reached through their routes only.
      next();
      return;
    }
    files(req, res, () => servePage(dir, req, res, next));
  });
}

/**
 * The page for a route: GraphiQL's at /graphiql, the console's at / and at any other route whose request names
 * text/html in Accept (a browser's navigation). A script, a style or an API client (Accept: *\/*) asking for a path
 * that is not there gets the API's 404 instead: a page in place of a missing script would be run as code.
 */
function servePage(dir: string, req: Request, res: Response, next: NextFunction): void {
  const graphiql = req.path === '/graphiql' || req.path === '/graphiql/';
  const navigation = req.path === '/' || (!HASHED_ASSETS.test(req.path) && (req.headers.accept ?? '').includes('text/html'));
  if (!graphiql && !navigation) {
    next();
    return;
  }
  const page = join(dir, graphiql ? 'graphiql.html' : 'index.html');
  if (!existsSync(page)) {
    res.status(404).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE);
    return;
  }
  res.setHeader('cache-control', 'no-cache');
  res.sendFile(page, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

/**
 * The console's policy: scripts, styles, fonts and connections from this origin only (the GraphQL WebSocket
 * included, named explicitly for browsers whose 'self' does not cover ws:), no inline script, no plugins, no
 * framing. Images may also be data: and blob: URLs (downloads are made as blobs).
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function setSecurityHeaders(req: Request, res: Response): void {
  res.setHeader('content-security-policy', contentSecurityPolicy(req.headers.host));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}
