import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context.js';
import type { ApiTokenService } from './api-token.service.js';
import { CreatedApiToken, Viewer } from './api-token.type.js';
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
  @Mutation(() => CreatedApiToken, { description: 'Creates an API token; its secret is in the answer and nowhere else.' })
  async createApiToken(@Arg('name', () => String) name: string, @Arg('role', () => Role) role: Role): Promise<CreatedApiToken> {
    const { token, record } = await this.tokens.create(name, role);
    return { token, apiToken: { id: record.id, name: record.name, role: record.role as Role, createdAt: record.createdAt } };
  }
}
