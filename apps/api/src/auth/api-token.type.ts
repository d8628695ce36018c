import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars.js';
import { Role } from '../common/role.js';

@ObjectType({
  simpleResolvers: true,
  description: 'An API token, without its secret: only a hash of it is stored (SHA-256 of a generated token, salted scrypt of a chosen one).',
})
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'The last request made with it (recorded at most once a minute); null when never used.' })
  lastUsedAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When it was revoked (revokeApiToken); null while it is valid.' })
  revokedAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When it expires (createApiToken expiresInDays); null: never.' })
  expiresAt?: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class CreatedApiToken {
  @Field(() => String, { description: 'The secret, shown this once: send it as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

@ObjectType({ simpleResolvers: true, description: 'The caller, as its token identifies it.' })
export class Viewer {
  @Field(() => String, { description: "The token's name." })
  name!: string;

  @Field(() => Role)
  role!: Role;
}
