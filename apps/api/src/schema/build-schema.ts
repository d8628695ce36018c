import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { authChecker } from '../auth/auth-checker.js';
import { resolvers } from './resolvers.js';

/**
 * Resolvers are built by us, not by type-graphql: each gets its services through the constructor. Building the
 * schema alone (to print it) needs no services: the container is only asked for instances when a field resolves.
 */
type ResolverClass = abstract new (...args: never[]) => object;

export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<ResolverClass, object>();

  register<T extends object>(type: abstract new (...args: never[]) => T, instance: T): this {
    this.instances.set(type, instance);
    return this;
  }

  get(type: ResolverClass): object {
    const instance = this.instances.get(type);
    if (!instance) throw new Error(`no instance registered for resolver ${type.name}`);
    return instance;
  }
}

const unusedPubSub = {
  publish(): void {
    throw new Error('no type-graphql PubSub: subscriptions stream from the run engine');
  },
  subscribe(): never {
    throw new Error('no type-graphql PubSub: subscriptions stream from the run engine');
  },
};

export interface BuildApiSchemaOptions {
  /**
   * Run type-graphql's check of the built schema (an introspection query over all of it: a third of the time the
   * build takes). Default true. The server skips it at start-up: the schema is fixed at build time, and
   * schema.spec.ts builds it with the check (and compares it with the checked-in SDL).
   */
  check?: boolean;
}

export async function buildApiSchema(container: ContainerType = new ResolverContainer(), options: BuildApiSchemaOptions = {}): Promise<GraphQLSchema> {
  return buildSchema({
    skipCheck: options.check === false,
    resolvers: [...resolvers],
    authChecker,
    container,
    // Inputs are checked by the core validators (JSON paths, every issue at once), not by class-validator.
    validate: false,
    // Every subscription brings its own `subscribe` (the run engine's LISTEN/NOTIFY feed); type-graphql insists on a
    // PubSub all the same, so it gets one that says so if anything ever uses it.
    pubSub: unusedPubSub,
  });
}

/** The SDL checked in as apps/api/schema.graphql: sorted, so that a diff shows what changed and nothing else. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
