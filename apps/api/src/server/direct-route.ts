import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * One route's middlewares run in order without express's router: `POST /graphql`, the API's one hot path (a history
 * page hundreds of times a second), takes it. Express would walk its stack layer by layer, matching each layer's
 * path, trimming and restoring the mount prefix and making a closure per step (some 9% of the API's CPU under that
 * load, and garbage that outlives young collections while requests wait). Here the same handlers are called in turn
 * with one `next`:
 *  - only a request whose method is `method` and whose URL is exactly `path` (with or without a query string) takes
 *    it; anything else, other spellings of the path included (`/graphql/`, `/GraphQL`), goes on through express
 *    and reaches the same handlers by the route mounted there as before;
 *  - registered first on the app, so express has already done what it does for every request (req/res prototypes,
 *    `res.locals`, `req.originalUrl`);
 *  - an error (thrown, passed to `next`, or a rejected promise) goes to express's `next(error)`, so the app's error
 *    middlewares answer it as before;
 *  - a request no handler answered ends at `fallthrough` (the app's 404), as it would after the mounted route.
 * The handlers must not depend on express's mount (`req.baseUrl`, a `req.url` relative to the mount point): the
 * API's /graphql middlewares read neither.
 */
export function directRoute(
  method: string,
  path: string,
  handlers: readonly RequestHandler[],
  fallthrough: (req: Request, res: Response) => void,
): RequestHandler {
  const withQuery = `${path}?`;
  return (req, res, next) => {
    if (req.method !== method || (req.url !== path && !req.url.startsWith(withQuery))) {
      next();
      return;
    }
    let index = 0;
    const step: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const handler = handlers[index++];
      if (handler === undefined) {
        fallthrough(req, res);
        return;
      }
      try {
        const outcome = handler(req, res, step) as unknown;
        // As express's layers do: a handler's rejected promise is its error.
        if (isThenable(outcome)) outcome.then(undefined, (rejection: unknown) => step(rejection ?? new Error('a middleware rejected without a reason')));
      } catch (thrown) {
        step(thrown ?? new Error('a middleware threw without a reason'));
      }
    };
    step();
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}
