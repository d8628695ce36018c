import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context.js';
import type { TokenRecord } from '../store/api-store.js';
import { MAX_EXPIRES_IN_DAYS, type ApiTokenService } from './api-token.service.js';
import { ApiToken, CreatedApiToken, Viewer } from './api-token.type.js';
import { Role } from '../common/role.js';

@Resolver()
export class ApiTokenResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Authorized(Role.READER)
  @Query(() => Viewer, { description: 'Who the token of this request belongs to, and its role.' })
  viewer(@Ctx() context: ApiContext): Viewer {
    const principal = context.principal!;
    return { name: principal.name, role: principal.role };
  }

  @Authorized(Role.ADMIN)
  @Query(() => [ApiToken], {
    description: 'The API tokens (never their secrets), oldest first; revoked and expired ones only with includeRevoked.',
  })
  async apiTokens(
    @Arg('includeRevoked', () => Boolean, { defaultValue: false, description: 'Also list revoked and expired tokens.' }) includeRevoked: boolean,
  ): Promise<ApiToken[]> {
    return (await this.tokens.list(includeRevoked)).map(toApiToken);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiToken, {
    description:
      'Creates an API token; its secret is in the answer and nowhere else. It never expires unless expiresInDays is given; an expired token is refused (UNAUTHENTICATED, saying when it expired).',
  })
  async createApiToken(
    @Arg('name', () => String) name: string,
    @Arg('role', () => Role) role: Role,
    @Arg('expiresInDays', () => Int, {
      nullable: true,
      description: `Days until the token expires, 1 to ${MAX_EXPIRES_IN_DAYS}; null or absent: it never expires. BAD_USER_INPUT outside those bounds.`,
    })
    expiresInDays: number | null | undefined,
  ): Promise<CreatedApiToken> {
    const { token, record } = await this.tokens.create(name, role, expiresInDays);
    return { token, apiToken: toApiToken(record) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiToken, {
    description:
      'Revokes an API token: refused at once by this server, by every server within 30 s (their verification cache). Revoking it again keeps the first time. NOT_FOUND for an unknown id; BAD_USER_INPUT for the token of the request itself.',
  })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<ApiToken> {
    return toApiToken(await this.tokens.revoke(id, context.principal!));
  }
}

function toApiToken(record: TokenRecord): ApiToken {
  return { id: record.id, name: record.name, role: record.role as Role, createdAt: record.createdAt, lastUsedAt: record.lastUsedAt, revokedAt: record.revokedAt, expiresAt: record.expiresAt };
}
