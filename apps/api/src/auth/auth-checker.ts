import type { AuthCheckerFn } from 'type-graphql';
import type { ApiContext } from '../common/context.js';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import { includesRole, Role } from '../common/role.js';

export const MISSING_TOKEN_MESSAGE = 'this API needs a token: send "Authorization: Bearer <token>"';

/**
 * type-graphql's authChecker for `@Authorized(Role.X)`: the role hierarchy instead of type-graphql's exact match,
 * and our own errors, so that "no/unknown token" (UNAUTHENTICATED) and "token lacks the role" (FORBIDDEN) read
 * differently and say what is needed. `@Authorized()` with no role means READER.
 */
export const authChecker: AuthCheckerFn<ApiContext, Role> = ({ context }, roles) => {
  const principal = context.principal;
  if (!principal) throw new UnauthenticatedError(context.authFailure ?? MISSING_TOKEN_MESSAGE);
  const needed = roles.length > 0 ? roles : [Role.READER];
  if (needed.some((role) => includesRole(principal.role, role))) return true;
  throw new ForbiddenError(`this operation needs the ${needed.join(' or ')} role; token "${principal.name}" has ${principal.role}`);
};
