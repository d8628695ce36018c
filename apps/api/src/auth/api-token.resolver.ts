import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context.js';
import type { TokenRecord } from '../store/api-store.js';
import type { ApiTokenService } from './api-token.service.js';
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
  @Query(() => [ApiToken], { description: 'The API tokens (never their secrets), oldest first; revoked ones only with includeRevoked.' })
  async apiTokens(@Arg('includeRevoked', () => Boolean, { defaultValue: false }) includeRevoked: boolean): Promise<ApiToken[]> {
    return (await this.tokens.list(includeRevoked)).map(toApiToken);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiToken, { description: 'Creates an API token; its secret is in the answer and nowhere else.' })
  async createApiToken(@Arg('name', () => String) name: string, @Arg('role', () => Role) role: Role): Promise<CreatedApiToken> {
    const { token, record } = await this.tokens.create(name, role);
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
  return { id: record.id, name: record.name, role: record.role as Role, createdAt: record.createdAt, lastUsedAt: record.lastUsedAt, revokedAt: record.revokedAt };
}
