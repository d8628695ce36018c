import type { NextFunction, Request, Response } from 'express';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { MISSING_TOKEN_MESSAGE } from '../auth/auth-checker.js';
import type { ApiTokenService, Authentication } from '../auth/api-token.service.js';
import type { FailedAuthLimiter } from '../auth/failed-auth-limiter.js';
import { ErrorCode } from '../common/errors.js';
import type { ApiLimits } from '../server/config.js';
import { findShapeViolation } from './operation-shape.js';

/** Shape verdicts of recent query texts: the history page a console polls is checked once, not per request. */
const VERDICT_CACHE_SIZE = 500;

/**
 * What runs before Apollo on /graphql, in this order, so that no work a request can make expensive happens for a
 * caller that has no token or a query that is hostile:
 *  1. an address with too many failed authentications is refused (429, RATE_LIMITED);
 *  2. the token is verified; none, or a wrong one, is refused (401, UNAUTHENTICATED) and counted as a failure;
 *  3. the query's shape (aliases, repeated fields, fields with fragments expanded) is checked before graphql-js
 *     validates it (400 with the violation's code).
 * The authentication is left in `res.locals.auth` for the request's context.
 */
export function graphqlGuard(tokens: ApiTokenService, limiter: FailedAuthLimiter, limits: ApiLimits) {
  const verdicts = new Map<string, { code: string; message: string } | null>();
  return async (req: Request, res: Response, next: NextFunction) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.retryAfterSeconds(address);
    if (wait > 0) {
      res.setHeader('retry-after', String(wait));
      refuse(res, 429, ErrorCode.rateLimited, `too many failed authentications from this address: try again in ${wait} s`, { retryAfterSeconds: wait });
      return;
    }
    let auth: Authentication;
    try {
      auth = await tokens.authenticate(req.headers.authorization);
    } catch (error) {
      next(error);
      return;
    }
    if (!auth.principal) {
      limiter.fail(address);
      refuse(res, 401, ErrorCode.unauthenticated, auth.failure ?? MISSING_TOKEN_MESSAGE);
      return;
    }
    res.locals['auth'] = auth;
    const query = queryText(req);
    if (query !== undefined) {
      let verdict = verdicts.get(query);
      if (verdict === undefined) {
        verdict = shapeVerdict(query, limits);
        if (verdicts.size >= VERDICT_CACHE_SIZE) verdicts.delete(verdicts.keys().next().value!);
        verdicts.set(query, verdict);
      }
      if (verdict) {
        refuse(res, 400, verdict.code, `query refused before validation: ${verdict.message}`, shapeLimits(limits));
        return;
      }
    }
    next();
  };
}

function queryText(req: Request): string | undefined {
  const body = req.body as { query?: unknown } | undefined;
  const query = req.method === 'GET' ? req.query['query'] : body?.query;
  return typeof query === 'string' ? query : undefined;
}

/** The shape violation of a query text, or null; a query that does not parse is left to Apollo to report. */
export function shapeVerdict(query: string, limits: ApiLimits): { code: string; message: string } | null {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch {
    return null;
  }
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    const operation = getOperationAST(document, definition.name?.value);
    const violation = operation ? findShapeViolation(document, operation, limits) : undefined;
    if (violation) return violation;
  }
  return null;
}

function shapeLimits(limits: ApiLimits) {
  return { maxAliases: limits.maxAliases, maxRepeatedField: limits.maxRepeatedField, maxFields: limits.maxFields };
}

function refuse(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}
