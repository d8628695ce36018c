import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../common/errors.js';

export interface CrossOriginPolicy {
  /** Whether a request may go on: no Origin, the server's own origin, or one of the allowed origins. */
  allowsRequest(req: IncomingMessage): boolean;
  /** Express middleware for /graphql: preflights, the CORS headers for allowed origins, 403 for the others. */
  middleware(): (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * The API's cross-origin policy: the web console is served on the API's own origin, so by default a page of any
 * other origin is refused (HTTP 403 before anything else runs, WebSocket upgrades too), not merely left without
 * CORS headers. Origins listed in HETSCHED_CORS_ORIGINS may call it: they get the CORS headers a browser needs to
 * send the Authorization header. Tokens travel in a header, never in a cookie, so there is nothing for a
 * cross-site request to borrow either way.
 */
export function crossOriginPolicy(allowed: readonly string[]): CrossOriginPolicy {
  const origins = new Set(allowed.map((origin) => origin.replace(/\/+$/, '')));
  const originOf = (req: IncomingMessage) => (typeof req.headers.origin === 'string' ? req.headers.origin : undefined);
  const sameOrigin = (req: IncomingMessage, origin: string) => {
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
  const allowsRequest = (req: IncomingMessage) => {
    const origin = originOf(req);
    return origin === undefined || sameOrigin(req, origin) || origins.has(origin);
  };
  return {
    allowsRequest,
    middleware: () => (req, res, next) => {
      const origin = originOf(req);
      if (!allowsRequest(req)) {
        res.status(403).json({
          errors: [{ message: `cross-origin requests from ${origin} are not allowed (HETSCHED_CORS_ORIGINS lists the origins that are)`, extensions: { code: ErrorCode.forbidden } }],
        });
        return;
      }
      if (origin !== undefined && origins.has(origin)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'Origin');
        res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id');
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
      }
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      next();
    },
  };
}
